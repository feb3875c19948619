import { createContext, useContext } from 'react'
import type { User } from 'oidc-client-ts'
import type { GestionnaireSession } from './gestionnaireOidc'

/** What the generated API clients accept as their second constructor argument. */
export interface ClientHttp {
  fetch(url: RequestInfo, init?: RequestInit): Promise<Response>
}

/** The part of the UserManager the app uses: small enough to stand in for it in tests. */
export type Gestionnaire = Pick<
  GestionnaireSession,
  | 'events'
  | 'getUser'
  | 'removeUser'
  | 'revokeTokens'
  | 'signinRedirect'
  | 'signinSilent'
  | 'signoutRedirect'
  | 'signoutRedirectCallback'
  | 'terminerConnexion'
>

export interface Session {
  /** False until the stored user (if any) has been read: the app must not show the public page to a connected person. */
  chargee: boolean
  utilisateur: User | null
  /** The session ended by itself (the refresh token no longer works): say so instead of silently showing the public page. */
  terminee: boolean
  /** Leaves for the login page; back at `retour` (a path of this site; by default the address the person is at). */
  seConnecter(retour?: string): Promise<void>
  seDeconnecter(): Promise<void>
  /** Forgets this tab's tokens and the « Rester connecté » marker, without leaving the page (the server ended the session). */
  terminerIci(): Promise<void>
  /** Completes the sign-in from the URL the server sent the browser back to; the state the sign-in carried (EtatConnexion). */
  terminerConnexion(url: string): Promise<unknown>
  /** For the generated clients: adds the bearer token, renews it when it has expired or is refused once. */
  http: ClientHttp
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession hors de SessionProvider')
  return session
}

/**
 * The network itself failed (fetch's TypeError), or the browser knows it is offline: nothing says the session ended.
 * Offline (issue 19), a renewal that cannot reach the server must not end the session — nor empty the reads kept for
 * offline use with it.
 */
export const panneReseau = (erreur: unknown) => erreur instanceof TypeError || (typeof navigator !== 'undefined' && navigator.onLine === false)

/**
 * fetch with the person's access token. An expired token is renewed first; a 401 renews it once and retries (unless
 * another call renewed it meanwhile). When no token can be had, `perdue` is told and the 401 (or an error) returned.
 * A renewal that fails for want of network throws that failure: the session is not lost, the server is out of reach.
 */
export async function fetchAvecJeton(
  gestionnaire: Pick<Gestionnaire, 'getUser' | 'signinSilent'>,
  perdue: () => void,
  url: RequestInfo,
  init?: RequestInit,
): Promise<Response> {
  const renouveler = async () => {
    try {
      return (await gestionnaire.signinSilent())?.access_token ?? null
    } catch (erreur) {
      if (panneReseau(erreur)) throw erreur instanceof TypeError ? erreur : new TypeError('Hors connexion')
      return null
    }
  }
  const actuel = await gestionnaire.getUser()
  let jeton = actuel && !actuel.expired ? actuel.access_token : actuel ? await renouveler() : null
  if (!jeton) {
    perdue()
    throw new Error('Session terminée')
  }

  const reponse = await fetch(url, avecJeton(init, jeton))
  if (reponse.status !== 401) return reponse

  const refuse = jeton
  const stocke = await gestionnaire.getUser()
  jeton = stocke && !stocke.expired && stocke.access_token !== refuse ? stocke.access_token : await renouveler()
  if (!jeton) {
    perdue()
    return reponse
  }
  return fetch(url, avecJeton(init, jeton))
}

function avecJeton(init: RequestInit | undefined, jeton: string): RequestInit {
  const headers = new Headers(init?.headers)
  headers.set('Authorization', `Bearer ${jeton}`)
  return { ...init, headers }
}
