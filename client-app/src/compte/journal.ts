import { decalerJour } from '../commun/vieScolaire'
import { aujourdhui, jourDe } from '../commun/format'

const formatJour = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })
const formatJourAnnee = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

/** A day of the log as a family reads it: « Aujourd'hui », « Hier », « lundi 30 novembre » (with the year when not this one). */
export function libelleJour(jour: string, ceJour: string): string {
  if (jour === ceJour) return "Aujourd'hui"
  if (jour === decalerJour(ceJour, -1)) return 'Hier'
  const format = jour.slice(0, 4) === ceJour.slice(0, 4) ? formatJour : formatJourAnnee
  return format
    .formatToParts(new Date(`${jour}T00:00:00Z`))
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('')
}

/** Entries (newest first) grouped by their day at Paris, in order: one group per day. */
export function parJour<T extends { le: string }>(entrees: readonly T[], ceJour = aujourdhui()): { jour: string; libelle: string; entrees: T[] }[] {
  const groupes: { jour: string; libelle: string; entrees: T[] }[] = []
  for (const e of entrees) {
    const jour = jourDe(e.le)
    const dernier = groupes.at(-1)
    if (dernier?.jour === jour) dernier.entrees.push(e)
    else groupes.push({ jour, libelle: libelleJour(jour, ceJour), entrees: [e] })
  }
  return groupes
}

/**
 * « Claire Roux, professeur·e de mathématiques, a consulté les notes » (« , via Pronote » through an application); the
 * server names nobody outside the family and the school: « Une personne extérieure à l'établissement a consulté… ».
 */
export function phraseAcces(a: { qui?: string | null; role: string; libelle: string; application?: string | null }): string {
  const qui = a.qui ? `${a.qui}, ${a.role},` : a.role.charAt(0).toUpperCase() + a.role.slice(1)
  return `${qui} ${a.libelle}${a.application ? `, via ${a.application}` : ''}`
}
