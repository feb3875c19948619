import type { User } from 'oidc-client-ts'
import { vi } from 'vitest'
import type { Gestionnaire } from '../../auth/contexte'

/** Test helpers: a stand-in for the UserManager, and a user as oidc-client-ts stores it. */
export function utilisateur(nom: string, jeton = 'jeton-1', expired = false): User {
  return { access_token: jeton, expired, profile: { sub: `sub-${nom}`, name: nom } } as unknown as User
}

export function fauxGestionnaire(initial: User | null = null) {
  const abonnes = { charge: [] as ((u: User) => void)[], decharge: [] as (() => void)[], erreur: [] as ((e: Error) => void)[] }
  let stocke = initial
  const abonner =
    <T,>(liste: T[]) =>
    (cb: T) => {
      liste.push(cb)
      return () => liste.splice(liste.indexOf(cb), 1)
    }
  const faux = {
    events: {
      addUserLoaded: abonner(abonnes.charge),
      addUserUnloaded: abonner(abonnes.decharge),
      addSilentRenewError: abonner(abonnes.erreur),
    },
    getUser: vi.fn(async () => stocke),
    removeUser: vi.fn(async () => {
      stocke = null
      abonnes.decharge.forEach((cb) => cb())
    }),
    revokeTokens: vi.fn(async () => undefined),
    signinRedirect: vi.fn(async () => undefined),
    signinSilent: vi.fn<() => Promise<User | null>>(async () => {
      throw new Error('pas de jeton de rafraîchissement')
    }),
    signoutRedirect: vi.fn(async () => undefined),
    signoutRedirectCallback: vi.fn(async () => undefined),
    terminerConnexion: vi.fn<(url: string) => Promise<User>>(),
    /** What oidc-client-ts does when its automatic renewal fails. */
    echecRenouvellement: () => abonnes.erreur.forEach((cb) => cb(new Error('invalid_grant'))),
    /** The same when the network is gone: fetch's TypeError. */
    renouvellementSansReseau: () => abonnes.erreur.forEach((cb) => cb(new TypeError('Failed to fetch'))),
    stocker: (u: User | null) => {
      stocke = u
    },
  }
  return faux as typeof faux & Gestionnaire
}

/** Answers fetch from a table of paths (JSON), 404 otherwise, and records the Authorization header of each call. */
export function serveur(routes: Record<string, unknown>) {
  const fetch = vi.fn(async (url: RequestInfo | URL, _init?: RequestInit) => {
    const chemin = String(url)
    return chemin in routes
      ? new Response(JSON.stringify(routes[chemin]), { status: 200, headers: { 'Content-Type': 'application/json' } })
      : new Response('', { status: 404 })
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

export const autorisation = (init: RequestInit | undefined) => new Headers(init?.headers).get('Authorization')
