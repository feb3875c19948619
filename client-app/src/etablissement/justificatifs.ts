import type { ClientHttp } from '../auth/contexte'

/** A document fetched with the bearer token, held in the page as an object URL (a plain link would carry no token). */
export interface DocumentOuvert {
  url: string
  type: string
  nom: string
}

export class EchecDocument extends Error {}

/** Downloads a justification's document as a Blob; the caller revokes its URL when done. */
export async function chargerDocument(http: ClientHttp, justificatifId: string, nom: string): Promise<DocumentOuvert> {
  let reponse: Response
  try {
    reponse = await http.fetch(`/api/viescolaire/justificatifs/${encodeURIComponent(justificatifId)}/document`, { method: 'GET' })
  } catch {
    throw new EchecDocument('Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.')
  }
  if (!reponse.ok) {
    const texte = await reponse.text().catch(() => '')
    let detail: string | null = null
    try {
      detail = (JSON.parse(texte) as { detail?: string }).detail ?? null
    } catch {
      detail = null
    }
    throw new EchecDocument(
      reponse.status === 404 ? (detail ?? "Ce document n'est pas disponible.") : "Le document n'a pas pu être chargé. Réessayez plus tard.",
    )
  }
  const blob = await reponse.blob()
  const type = reponse.headers.get('Content-Type')?.split(';')[0].trim() || blob.type
  return { url: URL.createObjectURL(new Blob([blob], { type })), type, nom }
}

export const estImage = (type: string) => type === 'image/jpeg' || type === 'image/png'
