import i18next from 'i18next'

/** The browser reached no server: a network failure (offline, DNS, the host down). In the reader's language. */
export const injoignable = () => i18next.t('erreurs.injoignable')
/** The server answered 5xx: the request was fine, the server failed. */
export const problemeServeur = () => i18next.t('erreurs.serveur')

/** The statuses that have their own sentence (erreurs.<statut> in the catalogue); any other refusal says erreurs.autre. */
const STATUTS_DITS = new Set([400, 401, 403, 404, 409, 413, 429])
const autreRefus = () => i18next.t('erreurs.autre')

/**
 * A refusal as the generated client throws it (its ApiException: `isApiException`, the status, the body's text), told
 * apart without importing the client (a module of its own, loaded on demand). `ErreurApi` is the same for hand calls.
 */
export const estApiException = (x: unknown): x is { status: number; response: string } =>
  !!x && typeof x === 'object' && (x as { isApiException?: unknown }).isApiException === true

export class ErreurApi extends Error {
  readonly isApiException = true
  readonly status: number
  readonly response: string

  constructor(status: number, response: string) {
    super(`HTTP ${status}`)
    this.status = status
    this.response = response
  }
}

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
  if (estApiException(erreur)) {
    statut = erreur.status
    probleme = lireCorps(erreur.response)
  } else if (estProbleme(erreur)) {
    probleme = erreur
    statut = typeof erreur.status === 'number' ? erreur.status : null
  } else {
    return { champs: {}, message: injoignable() }
  }
  if (statut !== null && statut >= 500) return { champs: {}, message: problemeServeur() }
  const champs: Record<string, string> = {}
  for (const [cle, messages] of Object.entries(probleme.errors ?? {})) {
    if (messages?.length) champs[cle] = messages.join(' ')
  }
  const message =
    probleme.detail ??
    (Object.keys(champs).length > 0
      ? i18next.t('erreurs.champs')
      : statut !== null && STATUTS_DITS.has(statut)
        ? i18next.t(`erreurs.${statut}`)
        : autreRefus())
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
export const messageErreur = (erreur: unknown) => lireRefus(erreur).message ?? autreRefus()
