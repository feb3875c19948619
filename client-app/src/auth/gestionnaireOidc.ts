import { UserManager, WebStorageStateStore, type SigninSilentArgs, type User, type UserManagerSettings } from 'oidc-client-ts'
import { CHEMIN_RETOUR, CLIENT_ID, PORTEES } from './oidc'

// oidc-client-ts and the session manager: a module of its own, loaded when a session exists or starts (differe.ts).

/**
 * Ent is its own OpenID Connect server on the same origin. Tokens stay in this tab's sessionStorage (gone when the tab
 * closes, never shared with other tabs); the server's CSP forbids frames, so renewal uses the refresh token.
 */
export function parametresOidc(origine: string, stockage: Storage = window.sessionStorage): UserManagerSettings {
  const magasin = new WebStorageStateStore({ store: stockage, prefix: 'ent.oidc.' })
  return {
    authority: origine,
    client_id: CLIENT_ID,
    redirect_uri: `${origine}${CHEMIN_RETOUR}`,
    post_logout_redirect_uri: `${origine}/`,
    response_type: 'code',
    scope: PORTEES,
    automaticSilentRenew: true,
    // The library's default keeps the PKCE verifier in localStorage: keep it in this tab like the tokens.
    userStore: magasin,
    stateStore: magasin,
  }
}

/**
 * The UserManager with two guards the server's strict refresh-token rotation and React's StrictMode need:
 * one renewal at a time (two concurrent refreshes with the same token would end the session), and one
 * completion per sign-in response (the authorization code and its state can be used only once).
 */
export class GestionnaireSession extends UserManager {
  private renouvellement: Promise<User | null> | null = null
  private readonly retours = new Map<string, Promise<User>>()

  override signinSilent(args?: SigninSilentArgs): Promise<User | null> {
    this.renouvellement ??= super.signinSilent(args).finally(() => {
      this.renouvellement = null
    })
    return this.renouvellement
  }

  /** Completes the sign-in from the URL the server sent the browser back to; the same URL twice gives the same answer. */
  terminerConnexion(url: string): Promise<User> {
    let retour = this.retours.get(url)
    if (!retour) {
      retour = this.signinRedirectCallback(url)
      this.retours.set(url, retour)
    }
    return retour
  }
}

export function creerGestionnaireSession(origine = window.location.origin): GestionnaireSession {
  return new GestionnaireSession(parametresOidc(origine))
}
