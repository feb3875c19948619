import type { Enfant, Moi } from '../api/ent-client'

/** The query parameter naming the child a guardian follows: it keeps the child from page to page. */
export const PARAM_ELEVE = 'eleve'

/** The pupil whose grades a page shows. */
export interface EleveNotes {
  id: string
  /** « Prénom Nom » for a guardian's child; null for the pupil themself, or for a pupil who is not one of the caller's. */
  nom: string | null
  /** False when the guardian may not see this child's school work (the access rules' travail_scolaire). */
  acces: boolean
}

export const estEleve = (moi: Moi) => moi.profils.some((p) => p.profil === 'eleve')

/** Pupils and guardians have grades to read; the navigation offers them the grades pages. */
export const litDesNotes = (moi: Moi) => estEleve(moi) || moi.enfants.length > 0

const depuisEnfant = (e: Enfant): EleveNotes => ({
  id: e.id,
  nom: `${e.prenom} ${e.nom}`,
  acces: e.domaines.includes('travail_scolaire'),
})

/**
 * Whose grades to show: the chosen child; a pupil who is not one of the caller's children is asked for anyway, and the
 * server answers 404 unless its access rules allow it (this page never decides access); else the first child, or the
 * pupil themself. Null when the person is neither a pupil nor a guardian and named nobody.
 */
export function eleveDesNotes(moi: Moi, idChoisi: string | null): EleveNotes | null {
  const enfant = moi.enfants.find((e) => e.id === idChoisi)
  if (enfant) return depuisEnfant(enfant)
  if (idChoisi && idChoisi !== moi.id) return { id: idChoisi, nom: null, acces: true }
  if (moi.enfants.length > 0) return depuisEnfant(moi.enfants[0])
  if (estEleve(moi)) return { id: moi.id, nom: null, acces: true }
  return null
}

/** The id of `?eleve=` in the address. */
export const eleveDemande = (recherche = window.location.search) => new URLSearchParams(recherche).get(PARAM_ELEVE)

/** A page's address for this child: `/notes?eleve=…`, or the bare path when there is no choice to keep. */
export function avecEleve(chemin: string, eleveId: string | null | undefined, autres: Record<string, string> = {}): string {
  const parametres = new URLSearchParams()
  if (eleveId) parametres.set(PARAM_ELEVE, eleveId)
  for (const [cle, valeur] of Object.entries(autres)) parametres.set(cle, valeur)
  const recherche = parametres.toString()
  return recherche ? `${chemin}?${recherche}` : chemin
}

/** Writes a choice into the address without a new history entry (the address is the state to keep, not a step). */
export function remplacerAdresse(vers: string) {
  window.history.replaceState(window.history.state, '', vers)
}

/** An address of the app (e.g. `lien('/notes')`) with more query parameters. */
export function avecParametres(adresse: string, autres: Record<string, string>): string {
  const [chemin, recherche] = adresse.split('?')
  const parametres = new URLSearchParams(recherche)
  for (const [cle, valeur] of Object.entries(autres)) parametres.set(cle, valeur)
  return `${chemin}?${parametres}`
}
