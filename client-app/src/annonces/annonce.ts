import type { AnnonceRecue, Moi } from '../api/ent-client'

export const CHEMIN_ANNONCES = '/annonces'
export const CHEMIN_ANNONCES_ENVOYEES = '/annonces/envoyees'
export const CHEMIN_PUBLIER = '/annonces/publier'
export const cheminSuivi = (id: string) => `/annonces/${encodeURIComponent(id)}/suivi`
export const cheminAnnonce = (id: string) => `${CHEMIN_ANNONCES}?annonce=${encodeURIComponent(id)}`

const FONCTIONS_PUBLIANT = ['cpe', 'direction', 'administrateur_local']

/**
 * The établissement (UAI) where the person may publish announcements: a teacher's, or the desk's and the direction's.
 * The server decides what they may address there; null for families and pupils.
 */
export function uaiPublication(moi: Pick<Moi, 'profils'> | null | undefined): string | null {
  const profil = (moi?.profils ?? []).find(
    (p) => p.profil === 'enseignant' || (p.profil === 'personnel' && FONCTIONS_PUBLIANT.includes(p.fonction ?? '')),
  )
  return profil?.uai ?? null
}

/** What stands out: unread ones, and those the family must still confirm. */
export const nonLues = (annonces: Pick<AnnonceRecue, 'lue'>[]) => annonces.filter((a) => !a.lue).length
export const aConfirmer = (annonces: Pick<AnnonceRecue, 'aConfirmer'>[]) => annonces.filter((a) => a.aConfirmer).length

/** The first words of a text, cut on a word: the home page's and the list's preview. */
export function extrait(texte: string, longueur = 160): string {
  const plat = texte.replace(/\s+/g, ' ').trim()
  if (plat.length <= longueur) return plat
  const coupe = plat.slice(0, longueur)
  const espace = coupe.lastIndexOf(' ')
  return `${(espace > longueur / 2 ? coupe.slice(0, espace) : coupe).trimEnd()}…`
}

/** « 3 familles sur 28 ont confirmé ». */
export const confirmations = (confirmees: number, familles: number) =>
  `${confirmees} famille${confirmees > 1 ? 's' : ''} sur ${familles} ${confirmees > 1 ? 'ont' : 'a'} confirmé`

/** The profiles an audience names, in French. */
export const PROFILS_AUDIENCE: Record<string, string> = { familles: 'Familles', eleves: 'Élèves', personnels: 'Personnels' }
