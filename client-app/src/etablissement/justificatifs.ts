import type { FileResponse, VieScolaireClient } from '../api/ent-client'
import { messageErreur } from '../commun/erreurs'

/** A document fetched with the bearer token, held in the page as an object URL (a plain link would carry no token). */
export interface DocumentOuvert {
  url: string
  type: string
  nom: string
}

export class EchecDocument extends Error {}

/** Downloads a justification's document through the generated client, as a Blob; the caller revokes its URL when done. */
export async function chargerDocument(client: VieScolaireClient, justificatifId: string, nom: string): Promise<DocumentOuvert> {
  let reponse: FileResponse
  try {
    reponse = await client.telechargerDocumentJustificatif(justificatifId)
  } catch (erreur) {
    throw new EchecDocument(messageErreur(erreur))
  }
  const declare = reponse.headers?.['content-type'] as string | undefined
  const type = declare?.split(';')[0].trim() || reponse.data.type
  return { url: URL.createObjectURL(new Blob([reponse.data], { type })), type, nom }
}

export const estImage = (type: string) => type === 'image/jpeg' || type === 'image/png'
