import { ErreurHorsConnexion } from '../commun/erreurs'
import { MAX_OCTETS, type Magasin } from './magasin'

/**
 * Offline, a write is refused before it leaves: nothing reached the server, and nothing waits to be sent later (a roll
 * call or a grade sent by itself hours later would be worse than none): said so.
 */
export const ECRITURE_HORS_CONNEXION = "Vous êtes hors connexion : rien n'a été envoyé, et rien ne partira tout seul. Réessayez quand le réseau revient."
/** Offline, a read this person never made on this device. */
export const LECTURE_HORS_CONNEXION = "Vous êtes hors connexion et cette page n'a pas encore été consultée sur cet appareil. Réessayez quand le réseau revient."

type Fetch = (url: RequestInfo, init?: RequestInit) => Promise<Response>

export interface OptionsHorsLigne {
  magasin: Magasin
  /** The connected person's id (the token's subject), null without a session. */
  personne: () => Promise<string | null>
  /** Told of each read: from the store (with its date) or fresh from the server. */
  signaler: (adresse: string, depuisLe: number | null) => void
  /** The browser's own idea (navigator.onLine): false is reliable, true is only a hope. */
  enLigne?: () => boolean
}

const adresseDe = (url: RequestInfo) => {
  const brute = typeof url === 'string' ? url : url.url
  const lue = new URL(brute, window.location.origin)
  return lue.origin === window.location.origin ? lue.pathname + lue.search : null
}

/** A failure of the network itself (fetch's TypeError), not an abort nor an answer. */
const estPanneReseau = (erreur: unknown) => erreur instanceof TypeError

const estJson = (type: string | null) => !!type && /^application\/([\w.+-]+\+)?json\b/i.test(type)

/**
 * The API's fetch with the last answer kept (issue 19). A read of /api that succeeds is kept for this person; when the
 * network is gone (the browser says so, or fetch fails), the kept answer is returned instead, and `signaler` told its
 * date. Writes are never kept nor queued: offline they are refused with a French message (ErreurHorsConnexion), which
 * the screens show like any refused call (lireRefus).
 */
export function avecHorsLigne(fetch: Fetch, options: OptionsHorsLigne): Fetch {
  const enLigne = options.enLigne ?? (() => navigator.onLine)
  return async (url, init) => {
    const adresse = adresseDe(url)
    if (!adresse?.startsWith('/api/')) return fetch(url, init)
    const methode = (init?.method ?? (typeof url === 'string' ? 'GET' : url.method)).toUpperCase()

    // A write: refused offline; online, sent as it is (a network failure then reads « Impossible de joindre le
    // serveur », as before). Never kept, never queued.
    if (methode !== 'GET' && methode !== 'HEAD') {
      if (!enLigne()) throw new ErreurHorsConnexion(ECRITURE_HORS_CONNEXION)
      return fetch(url, init)
    }

    const personne = await options.personne().catch(() => null)
    if (!personne || methode !== 'GET') return fetch(url, init)

    const depuisLeMagasin = async () => {
      const entree = await options.magasin.lire(personne, adresse).catch(() => undefined)
      if (!entree) throw new ErreurHorsConnexion(LECTURE_HORS_CONNEXION)
      options.signaler(adresse, entree.le)
      return new Response(entree.corps, { status: 200, headers: { 'Content-Type': entree.type } })
    }

    // Offline for sure: not even a token renewal is attempted (it would fail and end the session).
    if (!enLigne()) return depuisLeMagasin()
    let reponse: Response
    try {
      reponse = await fetch(url, init)
    } catch (erreur) {
      if (!estPanneReseau(erreur) || init?.signal?.aborted) throw erreur
      return depuisLeMagasin()
    }

    const type = reponse.headers.get('Content-Type')
    if (reponse.ok && estJson(type)) {
      options.signaler(adresse, null)
      const le = Date.now()
      // Kept in the background, and only if the same person is still connected (a logout meanwhile empties the store).
      void reponse
        .clone()
        .text()
        .then(async (corps) => {
          if (corps.length > MAX_OCTETS || (await options.personne().catch(() => null)) !== personne) return
          await options.magasin.ecrire(personne, adresse, { corps, type: type!, le })
        })
        .catch(() => undefined)
    }
    return reponse
  }
}
