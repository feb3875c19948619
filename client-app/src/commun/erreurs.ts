import { ApiException } from '../api/ent-client'

const INJOIGNABLE = 'Impossible de joindre le serveur. Réessayez.'

/** What a failed call says: the field errors and detail of a problem document, or that the server could not be reached. */
export interface Refus {
  champs: Record<string, string>
  message: string | null
}

/**
 * The generated client throws the parsed problem document when the answer had a body, an ApiException otherwise;
 * a network failure is a TypeError.
 */
export function lireRefus(erreur: unknown): Refus {
  let probleme: unknown = erreur
  if (ApiException.isApiException(erreur)) {
    try {
      probleme = JSON.parse(erreur.response)
    } catch {
      probleme = null
    }
  } else if (!(erreur && typeof erreur === 'object' && ('errors' in erreur || 'detail' in erreur || 'title' in erreur))) {
    return { champs: {}, message: INJOIGNABLE }
  }
  const p = (probleme ?? {}) as { errors?: Record<string, string[]>; detail?: string | null; title?: string | null }
  const champs: Record<string, string> = {}
  for (const [cle, messages] of Object.entries(p.errors ?? {})) {
    if (messages?.length) champs[cle] = messages.join(' ')
  }
  const message = p.detail ?? (Object.keys(champs).length > 0 ? 'Vérifiez les champs signalés.' : (p.title ?? INJOIGNABLE))
  return { champs, message }
}
