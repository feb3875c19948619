import type { Gestionnaire } from './contexte'
import type { GestionnaireSession } from './gestionnaireOidc'
import { CLIENT_ID } from './oidc'

type Evenements = Gestionnaire['events']
type Module = typeof import('./gestionnaireOidc')

/**
 * The session manager without oidc-client-ts until it is needed (issue 19: the public home's budget). A visitor's tab
 * holds no tokens: `getUser()` answers null from the tab's storage alone, and the library (about 12 KB compressed) is
 * loaded only to sign in, to come back from the server, or when tokens are there. Listeners registered before the load
 * are handed to the real manager as soon as it exists.
 */
export class GestionnaireDiffere implements Gestionnaire {
  private reel: Promise<GestionnaireSession> | undefined
  private charge: GestionnaireSession | undefined
  private readonly abonnements = new Set<{ brancher: (e: Evenements) => () => void; debrancher?: () => void }>()
  private readonly origine: string
  private readonly stockage: Storage
  private readonly charger: () => Promise<Module>

  constructor(origine: string, stockage: Storage = window.sessionStorage, charger: () => Promise<Module> = () => import('./gestionnaireOidc')) {
    this.origine = origine
    this.stockage = stockage
    this.charger = charger
  }

  /** The real manager, loaded once; the listeners registered so far are plugged into it. */
  obtenir(): Promise<GestionnaireSession> {
    this.reel ??= this.charger().then((m) => {
      const g = m.creerGestionnaireSession(this.origine)
      this.charge = g
      for (const a of this.abonnements) a.debrancher = a.brancher(g.events)
      return g
    })
    return this.reel
  }

  /** oidc-client-ts keeps the user under « ent.oidc.user:<authority>:<client> » (parametresOidc's store). */
  private aDesJetons(): boolean {
    try {
      return this.stockage.getItem(`ent.oidc.user:${this.origine}:${CLIENT_ID}`) !== null
    } catch {
      return true // storage unreadable: ask the library, which will say
    }
  }

  private abonner(brancher: (e: Evenements) => () => void): () => void {
    const a: { brancher: typeof brancher; debrancher?: () => void } = { brancher }
    this.abonnements.add(a)
    if (this.charge) a.debrancher = brancher(this.charge.events)
    return () => {
      this.abonnements.delete(a)
      a.debrancher?.()
    }
  }

  readonly events = {
    addUserLoaded: (rappel: Parameters<Evenements['addUserLoaded']>[0]) => this.abonner((e) => e.addUserLoaded(rappel)),
    addUserUnloaded: (rappel: Parameters<Evenements['addUserUnloaded']>[0]) => this.abonner((e) => e.addUserUnloaded(rappel)),
    addSilentRenewError: (rappel: Parameters<Evenements['addSilentRenewError']>[0]) => this.abonner((e) => e.addSilentRenewError(rappel)),
  } as unknown as Evenements

  getUser: Gestionnaire['getUser'] = async () => (this.charge || this.aDesJetons() ? (await this.obtenir()).getUser() : null)
  removeUser: Gestionnaire['removeUser'] = async () => (this.charge || this.aDesJetons() ? (await this.obtenir()).removeUser() : undefined)
  revokeTokens: Gestionnaire['revokeTokens'] = async (...a) => (await this.obtenir()).revokeTokens(...a)
  signinRedirect: Gestionnaire['signinRedirect'] = async (...a) => (await this.obtenir()).signinRedirect(...a)
  signinSilent: Gestionnaire['signinSilent'] = async (...a) => (await this.obtenir()).signinSilent(...a)
  signoutRedirect: Gestionnaire['signoutRedirect'] = async (...a) => (await this.obtenir()).signoutRedirect(...a)
  signoutRedirectCallback: Gestionnaire['signoutRedirectCallback'] = async (...a) => (await this.obtenir()).signoutRedirectCallback(...a)
  terminerConnexion: Gestionnaire['terminerConnexion'] = async (...a) => (await this.obtenir()).terminerConnexion(...a)
}

export const creerGestionnaire = (origine = window.location.origin) => new GestionnaireDiffere(origine)
