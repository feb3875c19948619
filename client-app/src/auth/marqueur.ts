import { CHEMIN_RETOUR } from './oidc'

/**
 * Set by the server with a login kept by « Rester connecté » (not HttpOnly, no secret: it proves nothing, the server
 * decides with its own HttpOnly login cookie). It only tells a new tab, or the browser after a restart, that asking
 * for tokens silently (authorize with prompt=none, a top-level redirect since frames are forbidden) may work —
 * anonymous visitors never take that round trip.
 */
export const MARQUEUR = 'ent_session_persistante'

/** Where the tab notes its silent attempt: a second one so soon means something is wrong — never loop. */
export const CLE_TENTATIVE = 'ent.tentative-silencieuse'
const DELAI_ENTRE_TENTATIVES_MS = 2 * 60 * 1000

export function marqueurPresent(cookies: string): boolean {
  return cookies.split(';').some((c) => c.trim() === `${MARQUEUR}=1`)
}

export function effacerMarqueur(doc: Pick<Document, 'cookie'> = document): void {
  doc.cookie = `${MARQUEUR}=; Max-Age=0; Path=/; SameSite=Lax`
}

export interface Contexte {
  /** The tab already holds a user (tokens in its sessionStorage). */
  connecte: boolean
  cookies: string
  chemin: string
  /** When this tab last tried (ms), from its sessionStorage. */
  derniereTentative: number | null
  maintenant: number
}

/** Whether the tab should leave for a silent sign-in now. */
export function tenterConnexionSilencieuse({ connecte, cookies, chemin, derniereTentative, maintenant }: Contexte): boolean {
  return (
    !connecte &&
    chemin !== CHEMIN_RETOUR &&
    marqueurPresent(cookies) &&
    (derniereTentative === null || maintenant - derniereTentative > DELAI_ENTRE_TENTATIVES_MS || maintenant < derniereTentative)
  )
}

/** Reads the tab's last attempt, and notes a new one when the tab should go: true when it should. */
export function noterTentative(connecte: boolean, stockage: Storage = window.sessionStorage, maintenant = Date.now()): boolean {
  const note = Number(stockage.getItem(CLE_TENTATIVE))
  const doit = tenterConnexionSilencieuse({
    connecte,
    cookies: document.cookie,
    chemin: window.location.pathname,
    derniereTentative: Number.isFinite(note) && note > 0 ? note : null,
    maintenant,
  })
  if (doit) stockage.setItem(CLE_TENTATIVE, String(maintenant))
  return doit
}
