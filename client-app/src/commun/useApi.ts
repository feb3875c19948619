import { useMemo } from 'react'
import { CommunicationClient, IdentiteClient, RessourcesClient, ScolariteClient, VieScolaireClient } from '../api/ent-client'
import { useSession, type ClientHttp } from '../auth/contexte'

/** The generated clients, one per API module. */
export interface Api {
  identite: IdentiteClient
  scolarite: ScolariteClient
  vieScolaire: VieScolaireClient
  communication: CommunicationClient
  ressources: RessourcesClient
}

/**
 * The clients on `http` (default: the browser's fetch, no token). Base URL "": the host serves the app and the API
 * from the same origin (the dev server proxies /api).
 */
export function creerApi(http?: ClientHttp): Api {
  return {
    identite: new IdentiteClient('', http),
    scolarite: new ScolariteClient('', http),
    vieScolaire: new VieScolaireClient('', http),
    communication: new CommunicationClient('', http),
    ressources: new RessourcesClient('', http),
  }
}

/** The public pages' clients: no session, no token. */
export const apiPublique = creerApi()

/** The connected person's clients, built once per session (the session's fetch adds and renews the token). */
export function useApi(): Api {
  const { http } = useSession()
  return useMemo(() => creerApi(http), [http])
}
