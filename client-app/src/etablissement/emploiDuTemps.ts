import { estApiException } from '../commun/erreurs'

/** ISO weekdays 1 … 6, as the server numbers them. */
export const JOURS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const

/** « Lundi » for 1. */
export const nomJour = (jour: number) => {
  const nom = JOURS[jour - 1] ?? '?'
  return nom.charAt(0).toUpperCase() + nom.slice(1)
}

/** What a slot needs to be placed in the week. */
export interface Place {
  jour: number
  debut: string
  fin: string
  division: string
}

/** The week's slots by weekday (Monday to Saturday, empty days kept out), each day by start then class. */
export function parJour<T extends Place>(creneaux: T[]): { jour: number; creneaux: T[] }[] {
  return JOURS.map((_, i) => ({
    jour: i + 1,
    creneaux: creneaux
      .filter((c) => c.jour === i + 1)
      .sort((a, b) => a.debut.localeCompare(b.debut) || a.division.localeCompare(b.division)),
  })).filter((j) => j.creneaux.length > 0)
}

/** « toutes les semaines », « semaine A », « semaine B ». */
export const libelleSemaine = (semaine: string | null | undefined) => (semaine ? `semaine ${semaine}` : 'toutes les semaines')

/** « 12/01/2027 » for 2027-01-12. */
export const dateCourte = (iso: string) => iso.split('-').reverse().join('/')

/** A slot's validity as read: nothing when it holds the whole school year. */
export function libelleValidite(du: string, au: string, annee: { debut: string; fin: string }): string | null {
  if (du <= annee.debut && au >= annee.fin) return null
  return `du ${dateCourte(du)} au ${dateCourte(au)}`
}

/** The school year 2026-2027 runs from 2026-09-01 to 2027-08-31. */
export function bornesAnnee(anneeScolaire: string): { debut: string; fin: string } {
  const debut = Number(anneeScolaire.slice(0, 4))
  return { debut: `${debut}-09-01`, fin: `${debut + 1}-08-31` }
}

/** A week of the A/B calendar, as the screen edits it: '' follows the week before, 'A' or 'B' states it. */
export interface SemaineEditee {
  lundi: string
  semaine: string
  declaree: boolean
}

/** The weeks to send: only those stated. */
export const semainesDeclarees = (semaines: { lundi: string; choix: string }[]) =>
  semaines.filter((s) => s.choix === 'A' || s.choix === 'B').map((s) => ({ lundi: s.lundi, semaine: s.choix }))

/**
 * The import's refusal, line by line: a validation problem lists the file's errors under « fichier » (« Ligne 12 : … »);
 * null when the failure is something else (the caller then shows its general message).
 */
export function erreursImport(erreur: unknown): string[] | null {
  let corps: unknown = erreur
  if (estApiException(erreur)) {
    try {
      corps = JSON.parse(erreur.response)
    } catch {
      return null
    }
  }
  if (!corps || typeof corps !== 'object' || !('errors' in corps)) return null
  const erreurs = (corps as { errors?: Record<string, string[] | undefined> }).errors
  const lignes = Object.values(erreurs ?? {}).flatMap((m) => m ?? [])
  return lignes.length > 0 ? lignes : null
}

/** The columns of the CSV import, in order, and an example line: what the screen shows and offers to download. */
export const ENTETE_CSV = 'jour;debut;fin;classe_ou_groupe;matiere;enseignant;salle;semaine;du;au'
export const EXEMPLE_CSV = `${ENTETE_CSV}
lundi;08:00;08:55;2NDE1;MATHS;DUPONT Jean;B12;;;
lundi;09:00;09:55;2NDE1;Physique-chimie;MARTIN Anne;Labo 2;A;;
mardi;14:00;15:55;ESP2;ESPAGNOL;;C3;;2027-01-04;2027-06-30
`
