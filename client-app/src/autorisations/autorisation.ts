import type { Moi } from '../api/ent-client'

export const CHEMIN_AUTORISATIONS = '/autorisations'
export const CHEMIN_AUTORISATIONS_ORGANISEES = '/autorisations/organisees'
export const cheminSuiviAutorisation = (id: string) => `/autorisations/${encodeURIComponent(id)}/suivi`

const FONCTIONS_SUIVANT = ['cpe', 'direction', 'administrateur_local']

/**
 * The établissement (UAI) where the person may organise or follow consent forms: a teacher's, or the desk's and the
 * direction's. The server decides which classes they may ask; null for families and pupils.
 */
export function uaiAutorisations(moi: Pick<Moi, 'profils'> | null | undefined): string | null {
  const profil = (moi?.profils ?? []).find(
    (p) => p.profil === 'enseignant' || (p.profil === 'personnel' && FONCTIONS_SUIVANT.includes(p.fonction ?? '')),
  )
  return profil?.uai ?? null
}

/** A pupil's standing, in words (never by colour alone). */
export const STATUTS: Record<string, string> = { accorde: 'Autorisé', refuse: 'Non autorisé', en_attente: 'Sans réponse' }

const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })

/** « Gratuit » or « 12,50 € ». */
export const cout = (centimes: number) => (centimes === 0 ? 'Gratuit' : euros.format(centimes / 100))

const jourHeure = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'short' })
const heureSeule = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' })
const jourSeul = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'full' })

/** « jeudi 24 décembre 2026 à 09:00 – 16:00 », or across days « du … au … » (Paris time, as the school lives it). */
export function quand(debut: string, fin: string): string {
  const d = new Date(debut)
  const f = new Date(fin)
  return jourSeul.format(d) === jourSeul.format(f)
    ? `${jourSeul.format(d)}, ${heureSeule.format(d)} – ${heureSeule.format(f)}`
    : `du ${jourHeure.format(d)} au ${jourHeure.format(f)}`
}

/** « jeudi 10 décembre 2026 à 23:59 ». */
export const limite = (instant: string) => jourHeure.format(new Date(instant))
