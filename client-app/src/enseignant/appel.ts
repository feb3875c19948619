import type { FeuilleAppel, LigneSaisieAppel, SaisieAppel } from '../api/ent-client'
import type { Refus } from '../commun/erreurs'
import { heure } from '../commun/format'

/** A pupil's state at the roll call, as the API names it. */
export type EtatAppel = 'present' | 'absent' | 'retard' | 'exclu'

/** A pupil's line as the teacher marks it; `minutes` is the lateness as typed (kept as text while « Autre durée » is edited). */
export interface LigneAppel {
  eleveId: string
  nom: string
  prenom: string
  etat: EtatAppel
  minutes: string
  /** A health plan (issue 18): « PAI : voir l'infirmerie », its emergency instructions on demand. */
  pai?: boolean
}

const ETATS: EtatAppel[] = ['present', 'absent', 'retard', 'exclu']
const etatLu = (etat: string): EtatAppel => (ETATS.includes(etat as EtatAppel) ? (etat as EtatAppel) : 'present')

export const lignesDe = (feuille: FeuilleAppel): LigneAppel[] =>
  feuille.eleves.map((e) => ({
    eleveId: e.eleveId,
    nom: e.nom,
    prenom: e.prenom,
    etat: etatLu(e.etat),
    minutes: e.minutesRetard != null ? String(e.minutesRetard) : '',
    pai: e.pai ?? false,
  }))

/** One tap: present ↔ absent; a late or excluded pupil goes back to present. */
export const basculer = (ligne: LigneAppel): LigneAppel => ({ ...ligne, etat: ligne.etat === 'present' ? 'absent' : 'present', minutes: '' })

export const marquer = (ligne: LigneAppel, etat: EtatAppel, minutes = ''): LigneAppel => ({ ...ligne, etat, minutes: etat === 'retard' ? minutes : '' })

/** The quick choices of lateness, in minutes. */
export const RETARDS_RAPIDES = [5, 10, 15]

/** The minutes of a lateness as typed: a whole number from 1 to 240 (the API's bounds), else null. */
export function minutesLues(texte: string): number | null {
  if (!/^\s*\d{1,3}\s*$/.test(texte)) return null
  const n = Number(texte)
  return n >= 1 && n <= 240 ? n : null
}

export const ERREUR_MINUTES = 'Indiquez le retard en minutes, de 1 à 240.'

/** What a line says, in words (never by colour alone), and its sign. */
export function libelleEtat(ligne: Pick<LigneAppel, 'etat' | 'minutes'>): { texte: string; signe: string } {
  switch (ligne.etat) {
    case 'absent':
      return { texte: 'Absent', signe: '✗' }
    case 'retard': {
      const minutes = minutesLues(ligne.minutes)
      return { texte: minutes ? `Retard ${minutes} min` : 'Retard', signe: '◷' }
    }
    case 'exclu':
      return { texte: 'Exclu du cours', signe: '⊘' }
    default:
      return { texte: 'Présent', signe: '✓' }
  }
}

export interface Compteurs {
  presents: number
  absents: number
  retards: number
  exclus: number
}

/** Each pupil counts once, in their state. */
export function compter(lignes: readonly LigneAppel[]): Compteurs {
  const c = { presents: 0, absents: 0, retards: 0, exclus: 0 }
  for (const l of lignes) {
    if (l.etat === 'absent') c.absents++
    else if (l.etat === 'retard') c.retards++
    else if (l.etat === 'exclu') c.exclus++
    else c.presents++
  }
  return c
}

const memeLigne = (a: LigneAppel, b: LigneAppel | undefined) =>
  !!b && a.etat === b.etat && (a.etat !== 'retard' || minutesLues(a.minutes) === minutesLues(b.minutes))

/** How many lines differ from the sheet as saved (on a sheet never saved, every line not present). */
export function modifications(lignes: readonly LigneAppel[], enregistrees: readonly LigneAppel[]): number {
  const avant = new Map(enregistrees.map((l) => [l.eleveId, l]))
  return lignes.filter((l) => !memeLigne(l, avant.get(l.eleveId))).length
}

/** The lines the teacher must fix before sending: a lateness without valid minutes. */
export const lignesInvalides = (lignes: readonly LigneAppel[]) => lignes.filter((l) => l.etat === 'retard' && minutesLues(l.minutes) === null)

/** The PUT body: the lesson, and the pupils who are not present (those left out are present). */
export function corpsAppel(feuille: Pick<FeuilleAppel, 'debut' | 'fin'>, lignes: readonly LigneAppel[]): SaisieAppel {
  const eleves: LigneSaisieAppel[] = lignes
    .filter((l) => l.etat !== 'present')
    .map((l) => (l.etat === 'retard' ? { eleveId: l.eleveId, etat: l.etat, minutesRetard: minutesLues(l.minutes) } : { eleveId: l.eleveId, etat: l.etat }))
  return { debut: feuille.debut, fin: feuille.fin, eleves }
}

/**
 * The server's field errors put back on their pupils: `eleves[3].etat` is the fourth line sent. What names no line
 * (the lesson's start, the list itself) is said for the whole roll call.
 */
export function erreursParEleve(refus: Refus, envoye: SaisieAppel): { parEleve: Record<string, string>; autres: string[] } {
  const parEleve: Record<string, string> = {}
  const autres: string[] = []
  for (const [cle, message] of Object.entries(refus.champs)) {
    const trouve = /^eleves\[(\d+)\]/i.exec(cle)
    const eleveId = trouve ? envoye.eleves?.[Number(trouve[1])]?.eleveId : undefined
    if (eleveId) parEleve[eleveId] = parEleve[eleveId] ? `${parEleve[eleveId]} ${message}` : message
    else autres.push(message)
  }
  return { parEleve, autres }
}

/** A lesson off the timetable starts now, rounded down to 5 minutes, and lasts 55 minutes. */
export function coursHorsEmploiDuTemps(maintenant = Date.now()): { debut: string; fin: string } {
  const cinqMinutes = 5 * 60_000
  const debut = Math.floor(maintenant / cinqMinutes) * cinqMinutes
  return { debut: new Date(debut).toISOString(), fin: new Date(debut + 55 * 60_000).toISOString() }
}

/** A roll call opens 15 minutes before its lesson (the API refuses earlier). */
export const appelOuvert = (debut: string, maintenant = Date.now()) => Date.parse(debut) <= maintenant + 15 * 60_000

/** The roll call page of a lesson. */
export const cheminFeuille = (serviceId: string, debut: string, fin: string) =>
  `/appel/${encodeURIComponent(serviceId)}?${new URLSearchParams({ debut, fin }).toString()}`

/** What the timetable's changes did to a lesson of the teacher's day, as the card says it (null: as timetabled). */
export function changementCours(c: {
  statut?: string
  debutPrevu?: string | null
  motif?: string | null
  remplacant?: boolean
  appelPossible?: boolean
}): string | null {
  const motif = c.motif ? ` (${c.motif})` : ''
  const prevu = c.debutPrevu ? `, prévu à ${heure(c.debutPrevu)}` : ''
  switch (c.statut) {
    case 'annule':
      return `Cours annulé${motif} : pas d'appel.`
    case 'deplace':
      return `Cours déplacé${prevu}${motif}.`
    case 'remplace':
      return c.remplacant ? `Vous remplacez l'enseignant de ce cours${motif}.` : `Cours assuré par un remplaçant${motif} : il fait l'appel.`
    case 'ajoute':
      return `Cours ajouté${motif}.`
    default:
      return null
  }
}
