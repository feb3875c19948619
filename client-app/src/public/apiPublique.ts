import type { AnnoncePublique, Etablissement, LienUtile } from '../api/ent-client'
import { ErreurApi } from '../commun/erreurs'

/**
 * The public home's three calls, without the generated client (about 50 KB compressed that a visitor on a phone need
 * not download): same paths, same answers, and a refusal that reads like the generated client's (`ErreurApi`).
 */
async function lire<T>(chemin: string, signal?: AbortSignal): Promise<T> {
  const reponse = await fetch(chemin, { signal, headers: { Accept: 'application/json' } })
  const texte = await reponse.text()
  if (!reponse.ok) throw new ErreurApi(reponse.status, texte)
  return (texte === '' ? null : JSON.parse(texte)) as T
}

const uai = (valeur: string) => encodeURIComponent(valeur)

export const apiPublique = {
  listerEtablissements: (signal?: AbortSignal) => lire<Etablissement[]>('/api/identite/etablissements', signal),
  listerAnnoncesPubliques: (code: string, signal?: AbortSignal) =>
    lire<AnnoncePublique[]>(`/api/communication/etablissements/${uai(code)}/annonces-publiques`, signal),
  listerLiensUtiles: (code: string, signal?: AbortSignal) => lire<LienUtile[]>(`/api/ressources/etablissements/${uai(code)}/liens-utiles`, signal),
}
