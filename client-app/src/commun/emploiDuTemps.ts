import type { VueCours } from '../api/ent-client'
import { heure, jourCourt, jourDe } from './format'
import { decalerJour } from './vieScolaire'

/** The timetable as every audience reads it: days, weeks, the lesson under way, and what a change says in words. */

/** The Monday of a day's week (days as the API writes them, 2026-12-03). */
export function lundiDe(jour: string): string {
  const jourSemaine = new Date(`${jour}T00:00:00Z`).getUTCDay() // 0 = Sunday
  return decalerJour(jour, -((jourSemaine + 6) % 7))
}

/** The school days of a day's week: Monday to Saturday. */
export const joursDeLaSemaine = (jour: string) => Array.from({ length: 6 }, (_, i) => decalerJour(lundiDe(jour), i))

/** The next (sens 1) or previous (sens -1) school day: Sunday is skipped. */
export function jourVoisin(jour: string, sens: 1 | -1): string {
  const suivant = decalerJour(jour, sens)
  return new Date(`${suivant}T00:00:00Z`).getUTCDay() === 0 ? decalerJour(suivant, sens) : suivant
}

/** A day's lessons, by start. */
export const coursDuJour = (cours: readonly VueCours[], jour: string) =>
  cours.filter((c) => jourDe(c.debut) === jour).sort((a, b) => a.debut.localeCompare(b.debut))

/** True while the lesson takes place (a cancelled lesson never does). */
export const estEnCours = (cours: Pick<VueCours, 'debut' | 'fin' | 'statut'>, maintenant: Date) =>
  cours.statut !== 'annule' && new Date(cours.debut) <= maintenant && maintenant < new Date(cours.fin)

/** The next lesson that takes place, from now on (the one under way counts). */
export const prochainCours = (cours: readonly VueCours[], maintenant: Date) =>
  [...cours].sort((a, b) => a.debut.localeCompare(b.debut)).find((c) => c.statut !== 'annule' && new Date(c.fin) > maintenant) ?? null

const avecMotif = (texte: string, motif?: string | null) => (motif ? `${texte} — ${motif}` : texte)

/**
 * What became of the lesson, in words (never by colour alone): « Annulé — Professeur absent », « Déplacé — prévu
 * jeu. 3 déc. à 10:00 », « Remplacé — Mme X remplace M. Y », « Cours ajouté »; null for a lesson as timetabled.
 */
export function libelleChangement(c: Pick<VueCours, 'statut' | 'motif' | 'debut' | 'debutPrevu' | 'enseignant' | 'enseignantPrevu' | 'salle'>): string | null {
  switch (c.statut) {
    case 'annule':
      return avecMotif('Annulé', c.motif)
    case 'deplace':
      return c.debutPrevu && c.debutPrevu !== c.debut
        ? avecMotif(`Déplacé — prévu ${jourCourt(jourDe(c.debutPrevu))} à ${heure(c.debutPrevu)}`, c.motif)
        : avecMotif(`Changement de salle${c.salle ? ` : ${c.salle}` : ''}`, c.motif)
    case 'remplace':
      return avecMotif(c.enseignantPrevu ? `Remplacé — ${c.enseignant} remplace ${c.enseignantPrevu}` : `Remplacé par ${c.enseignant}`, c.motif)
    case 'ajoute':
      return avecMotif('Cours ajouté', c.motif)
    default:
      return null
  }
}

/** The lessons changed (not as timetabled). */
export const changements = (cours: readonly VueCours[]) => cours.filter((c) => c.statut !== 'normal')

/** A Paris local time of a day as an instant with its offset (« 2026-12-03T10:00:00+01:00 »), whatever the device's zone. */
export function instantParis(jour: string, heureMinute: string): string {
  const naif = Date.parse(`${jour}T${heureMinute}:00Z`)
  // The offset of Paris at that moment: its wall clock read back as if it were UTC, minus the instant.
  const mur = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(naif))
  const partie = (type: string) => mur.find((p) => p.type === type)?.value ?? '00'
  const decalage = Math.round((Date.parse(`${partie('year')}-${partie('month')}-${partie('day')}T${partie('hour')}:${partie('minute')}:00Z`) - naif) / 60_000)
  const signe = decalage >= 0 ? '+' : '-'
  const abs = Math.abs(decalage)
  return `${jour}T${heureMinute}:00${signe}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** The lesson a change names: its service and its timetabled start (a moved lesson keeps it in debutPrevu). */
export const cleCours = (c: Pick<VueCours, 'serviceId' | 'debut' | 'debutPrevu'>) => `${c.serviceId} ${c.debutPrevu ?? c.debut}`
