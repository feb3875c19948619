import type { ClientHttp } from '../auth/contexte'

/** The status of a failed call: the generated client throws either an ApiException or the parsed problem document. */
export const statutErreur = (erreur: unknown) =>
  erreur && typeof erreur === 'object' && 'status' in erreur && typeof erreur.status === 'number' ? erreur.status : null

/**
 * The answer, or null on 404: the API says 404 both for what does not exist and for what the caller may not see,
 * and the page says one thing for both. Other failures still throw (the page offers to try again).
 */
export async function ouIntrouvable<T>(appel: Promise<T>): Promise<T | null> {
  try {
    return await appel
  } catch (erreur) {
    if (statutErreur(erreur) === 404) return null
    throw erreur
  }
}

/** Why a download failed, said to the person. */
export class EchecTelechargement extends Error {}

/**
 * Downloads the report card's PDF. The generated client reads every answer as text, which would spoil a PDF, and a
 * plain link would carry no bearer token: the session's fetch gets it as a Blob, saved through an object URL.
 */
export async function telechargerPdf(http: ClientHttp, eleveId: string, periodeId: string, nomFichier: string) {
  let reponse: Response
  try {
    reponse = await http.fetch(
      `/api/scolarite/eleves/${encodeURIComponent(eleveId)}/bulletins/${encodeURIComponent(periodeId)}/pdf`,
      { method: 'GET', headers: { Accept: 'application/pdf' } },
    )
  } catch {
    throw new EchecTelechargement('Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.')
  }
  if (!reponse.ok) {
    // Read to its end: a body left unread shows as an aborted request, and the problem document is small.
    await reponse.text().catch(() => '')
  }
  if (reponse.status === 404) throw new EchecTelechargement("Ce bulletin n'est pas disponible.")
  if (!reponse.ok) throw new EchecTelechargement("Le PDF du bulletin n'a pas pu être préparé. Réessayez plus tard.")

  const url = URL.createObjectURL(await reponse.blob())
  try {
    const lien = document.createElement('a')
    lien.href = url
    lien.download = nomFichier
    document.body.append(lien)
    lien.click()
    lien.remove()
  } finally {
    // The browser reads the Blob once the download starts; a slow phone gets some time before the URL is released.
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
}
