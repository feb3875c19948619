import { CHEMIN_RETOUR } from './oidc'

/**
 * What a sign-in carries through the server and back, in the OIDC state (kept in this tab's storage, never sent):
 * the address asked for, and whether it was the silent attempt of a kept login (« Rester connecté »).
 */
export interface EtatConnexion {
  retour: string
  silencieuse?: boolean
}

/** The address the person is at (path, query, hash): where a sign-in started from here comes back to. */
export function adresseCourante(lieu: Pick<Location, 'pathname' | 'search' | 'hash'> = window.location): string {
  return lieu.pathname === CHEMIN_RETOUR ? '/' : `${lieu.pathname}${lieu.search}${lieu.hash}`
}

/**
 * Where to go once signed in: the address carried in the state, only when it is a path of this origin — anything
 * else (another site, « //site », « /\site », a scheme, a control character a browser would drop) is the home page.
 * Never the callback itself, which would try to complete the sign-in again.
 */
export function destinationApresConnexion(etat: unknown, origine: string): string {
  const retour = typeof etat === 'object' && etat !== null ? (etat as Partial<EtatConnexion>).retour : undefined
  // eslint-disable-next-line no-control-regex
  if (typeof retour !== 'string' || !/^\/(?![/\\])/.test(retour) || /[\u0000-\u001f\u007f\\]/.test(retour)) return '/'
  let url: URL
  try {
    url = new URL(retour, origine)
  } catch {
    return '/'
  }
  if (url.origin !== new URL(origine).origin || url.pathname === CHEMIN_RETOUR) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}

/** The state of a sign-in that failed (an ErrorResponse of oidc-client-ts carries it), when it was the silent one. */
export function etaitSilencieuse(erreur: unknown): erreur is { state: EtatConnexion } {
  if (typeof erreur !== 'object' || erreur === null || !('state' in erreur)) return false
  const etat = (erreur as { state: unknown }).state
  return typeof etat === 'object' && etat !== null && (etat as Partial<EtatConnexion>).silencieuse === true
}
