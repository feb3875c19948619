import { ApiException } from '../api/ent-client'

/** The browser reached no server: a network failure (offline, DNS, the host down). */
export const INJOIGNABLE = 'Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.'
/** The server answered 5xx: the request was fine, the server failed. */
export const PROBLEME_SERVEUR = 'Le serveur a rencontré un problème. Réessayez dans quelques minutes.'

const PAR_STATUT: Record<number, string> = {
  400: 'La demande a été refusée. Vérifiez les informations saisies, puis réessayez.',
  401: 'Votre session a pris fin. Connectez-vous à nouveau, puis réessayez.',
  403: "Vous n'avez pas accès à cette action. Adressez-vous à votre établissement si vous pensez que c'est une erreur.",
  404: "Ce que vous cherchez n'existe pas ou ne vous est pas accessible. Revenez à la page précédente.",
  409: 'Quelqu’un a modifié ces données entre-temps. Rechargez la page, puis réessayez.',
  413: 'Le fichier est trop volumineux. Choisissez un fichier plus petit.',
  429: 'Trop de tentatives. Patientez quelques minutes, puis réessayez.',
}
const AUTRE_REFUS = "La demande n'a pas abouti. Vérifiez les informations saisies, puis réessayez."

/**
 * A call the app refused itself because the network is gone (src/hors-ligne/horsLigne.ts): a write offline, never
 * queued, or a read never made on this device. Its message is French and says what to do.
 */
export class ErreurHorsConnexion extends Error {
  override name = 'ErreurHorsConnexion'
}

/** What a failed call says: the field errors and the message to show (null when nothing failed). */
export interface Refus {
  champs: Record<string, string>
  message: string | null
}

/** An RFC 7807 problem document, as the API writes it (validation problems add `errors`). */
interface Probleme {
  status?: number | null
  title?: string | null
  detail?: string | null
  errors?: Record<string, string[]>
}

const estProbleme = (x: unknown): x is Probleme =>
  !!x && typeof x === 'object' && ('errors' in x || 'detail' in x || 'title' in x || 'status' in x)

/**
 * Reads what the generated client threw: the parsed problem document when the answer had one, an ApiException
 * otherwise; a network failure is a TypeError (or anything else). The server's detail is French and says what to do;
 * its title is a generic English phrase and never shown.
 */
export function lireRefus(erreur: unknown): Refus {
  let statut: number | null = null
  let probleme: Probleme = {}
  if (erreur instanceof ErreurHorsConnexion) return { champs: {}, message: erreur.message }
  if (ApiException.isApiException(erreur)) {
    statut = erreur.status
    probleme = lireCorps(erreur.response)
  } else if (estProbleme(erreur)) {
    probleme = erreur
    statut = typeof erreur.status === 'number' ? erreur.status : null
  } else {
    return { champs: {}, message: INJOIGNABLE }
  }
  if (statut !== null && statut >= 500) return { champs: {}, message: PROBLEME_SERVEUR }
  const champs: Record<string, string> = {}
  for (const [cle, messages] of Object.entries(probleme.errors ?? {})) {
    if (messages?.length) champs[cle] = messages.join(' ')
  }
  const message =
    probleme.detail ?? (Object.keys(champs).length > 0 ? 'Vérifiez les champs signalés.' : ((statut !== null && PAR_STATUT[statut]) || AUTRE_REFUS))
  return { champs, message }
}

function lireCorps(texte: string): Probleme {
  try {
    const lu: unknown = JSON.parse(texte)
    return estProbleme(lu) ? lu : {}
  } catch {
    return {}
  }
}

/** The sentence to show for a failed call. */
export const messageErreur = (erreur: unknown) => lireRefus(erreur).message ?? AUTRE_REFUS
