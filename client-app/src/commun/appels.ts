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

/**
 * Saves a file the API answered (the generated client's FileResponse Blob) under `nomFichier`: a plain link would carry
 * no bearer token, so the file is fetched by the client and saved through an object URL.
 */
export function enregistrerFichier(donnees: Blob, nomFichier: string) {
  const url = URL.createObjectURL(donnees)
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
