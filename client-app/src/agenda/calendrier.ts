import type { EvenementAgenda, Moi } from '../api/ent-client'

/** The calendar's categories, as the school says them (the API's keys: one word per concept). */
export const CATEGORIES: Record<string, string> = {
  conseil_classe: 'Conseil de classe',
  reunion_parents: 'Réunion parents-professeurs',
  sortie: 'Sortie',
  examen: 'Examen',
  vacances: 'Vacances',
  autre: 'Autre événement',
}

/** Who an event invites (the API's keys) and their French labels. */
export const PROFILS_INVITES: [string, string][] = [
  ['eleves', 'Élèves'],
  ['familles', 'Familles'],
  ['personnels', 'Personnels'],
]

export const libelleCategorie = (categorie: string) => CATEGORIES[categorie] ?? categorie

// Days (YYYY-MM-DD) are read and shown in UTC, so that no device's time zone moves them.
const jourSemaine = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })
const jourSemaineAnnee = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const moisAnnee = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' })

const date = (jour: string) => new Date(`${jour.slice(0, 10)}T00:00:00Z`)
const fr = (format: Intl.DateTimeFormat, jour: string) =>
  format
    .formatToParts(date(jour))
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('')
const majuscule = (texte: string) => texte.charAt(0).toUpperCase() + texte.slice(1)

/** « 17:30 » → « 17 h 30 »; « 09:00 » → « 9 h ». */
export function heureFr(heure: string): string {
  const [h, m] = heure.split(':')
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`
}

/**
 * When an event takes place, in a French sentence: « Jeudi 10 décembre 2026, de 17 h 30 à 19 h »; « Samedi 19
 * décembre 2026 (toute la journée) »; « Du samedi 19 décembre au dimanche 3 janvier 2027 »; a timed event over several
 * days: « Du lundi 18 janvier à 8 h au mercredi 20 janvier 2027 à 12 h ».
 */
export function quand(e: Pick<EvenementAgenda, 'jourDebut' | 'jourFin' | 'heureDebut' | 'heureFin'>): string {
  const memeJour = e.jourDebut.slice(0, 10) === e.jourFin.slice(0, 10)
  if (memeJour) {
    const jour = majuscule(fr(jourSemaineAnnee, e.jourDebut))
    return e.heureDebut && e.heureFin ? `${jour}, de ${heureFr(e.heureDebut)} à ${heureFr(e.heureFin)}` : `${jour} (toute la journée)`
  }
  const debut = fr(e.jourDebut.slice(0, 4) === e.jourFin.slice(0, 4) ? jourSemaine : jourSemaineAnnee, e.jourDebut)
  const fin = fr(jourSemaineAnnee, e.jourFin)
  return e.heureDebut && e.heureFin
    ? `Du ${debut} à ${heureFr(e.heureDebut)} au ${fin} à ${heureFr(e.heureFin)}`
    : `Du ${debut} au ${fin}`
}

/** A day plus n days (YYYY-MM-DD). */
export function ajouterJours(jour: string, n: number): string {
  const d = date(jour)
  d.setUTCDate(d.getUTCDate() + n)
  return d.toISOString().slice(0, 10)
}

/** The first day of the month n months after the day's (n may be negative). */
export function debutMois(jour: string, n = 0): string {
  const d = date(jour)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)).toISOString().slice(0, 10)
}

/** The last day of the month of a day. */
export const finMois = (jour: string) => ajouterJours(debutMois(jour, 1), -1)

/** A month's heading: « Décembre 2026 ». */
export const libelleMois = (jour: string) => majuscule(moisAnnee.format(date(jour)))

export interface MoisAgenda {
  /** The month's first day. */
  mois: string
  libelle: string
  evenements: EvenementAgenda[]
}

/**
 * The events by month, in order: an event is shown under the month it starts in, or under the first month shown
 * (`depuis`) when it started before and still runs (holidays begun last month).
 */
export function parMois(evenements: EvenementAgenda[], depuis: string): MoisAgenda[] {
  const mois = new Map<string, EvenementAgenda[]>()
  for (const e of evenements) {
    const cle = debutMois(e.jourDebut.slice(0, 10) < depuis ? depuis : e.jourDebut)
    mois.set(cle, [...(mois.get(cle) ?? []), e])
  }
  return [...mois.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([m, liste]) => ({ mois: m, libelle: libelleMois(m), evenements: liste }))
}

/** For whom, as a short line: the children a guardian's event concerns, the classes an event targets. */
export function pourQui(e: Pick<EvenementAgenda, 'pour' | 'audience'>): string {
  const classes = e.audience.divisions.length === 0 ? "Tout l'établissement" : e.audience.divisions.map((d) => d.libelle).join(', ')
  const invites = PROFILS_INVITES.filter(([cle]) => e.audience.profils.includes(cle)).map(([, libelle]) => libelle.toLowerCase())
  return `${classes} — ${invites.join(', ')}`
}

/** The .ics file's name: « conseil-de-classe-2026-12-08.ics ». */
export function nomIcs(e: Pick<EvenementAgenda, 'titre' | 'jourDebut'>): string {
  const base = e.titre
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `${base || 'evenement'}-${e.jourDebut.slice(0, 10)}.ics`
}

/** The établissements where the person is staff (teacher or personnel), [UAI, name]: their calendar's page is open to them. */
export const etablissementsPersonnel = (moi: Pick<Moi, 'profils'>): [string, string][] => [
  ...new Map(moi.profils.filter((p) => p.profil === 'enseignant' || p.profil === 'personnel').map((p): [string, string] => [p.uai, p.etablissement])).entries(),
]
