import { useMemo } from 'react'
import type { CommunicationClient, IdentiteClient, RessourcesClient, ScolariteClient, VieScolaireClient } from '../api/ent-client'
import { useSession, type ClientHttp } from '../auth/contexte'

/** The generated clients, one per API module. */
export interface Api {
  identite: IdentiteClient
  scolarite: ScolariteClient
  vieScolaire: VieScolaireClient
  communication: CommunicationClient
  ressources: RessourcesClient
}

type Module = typeof import('../api/ent-client')
type NomClient = 'IdentiteClient' | 'ScolariteClient' | 'VieScolaireClient' | 'CommunicationClient' | 'RessourcesClient'

let module: Promise<Module> | undefined
/**
 * The generated client is a module of its own, loaded at the first call (or ahead, when a session starts): about 50 KB
 * compressed that the public home, which never needs it, no longer downloads (issue 19: the budgets hold with the
 * catalogues and the service worker).
 */
export const chargerClient = () => (module ??= import('../api/ent-client'))

/**
 * A client whose every method loads the generated module, then calls the real one. Each method returns a Promise, so
 * callers see no difference; a failed load (offline after a deployment) rejects like a network failure.
 */
function clientDiffere<T extends object>(nom: NomClient, http?: ClientHttp): T {
  let reel: Promise<T> | undefined
  const obtenir = () => (reel ??= chargerClient().then((m) => new m[nom]('', http) as unknown as T))
  return new Proxy({} as T, {
    get: (_, methode) =>
      typeof methode === 'string' && methode !== 'then'
        ? (...args: unknown[]) => obtenir().then((c) => (c as Record<string, (...a: unknown[]) => unknown>)[methode](...args))
        : undefined,
  })
}

/**
 * The clients on `http` (default: the browser's fetch, no token). Base URL "": the host serves the app and the API
 * from the same origin (the dev server proxies /api).
 */
export function creerApi(http?: ClientHttp): Api {
  return {
    identite: clientDiffere('IdentiteClient', http),
    scolarite: clientDiffere('ScolariteClient', http),
    vieScolaire: clientDiffere('VieScolaireClient', http),
    communication: clientDiffere('CommunicationClient', http),
    ressources: clientDiffere('RessourcesClient', http),
  }
}

/** The connected person's clients, built once per session (the session's fetch adds and renews the token). */
export function useApi(): Api {
  const { http } = useSession()
  return useMemo(() => creerApi(http), [http])
}
