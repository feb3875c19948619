import { describe, expect, it, vi } from 'vitest'
import { GestionnaireDiffere } from './differe'
import type { GestionnaireSession } from './gestionnaireOidc'

/** A stand-in for the oidc-client-ts module: counts its loads, records its listeners. */
function moduleFactice(utilisateur: unknown = null) {
  const ecouteurs: Record<string, (() => void)[]> = { charge: [], decharge: [], erreur: [] }
  const inscrire = (liste: (() => void)[]) => (rappel: () => void) => {
    liste.push(rappel)
    return () => liste.splice(liste.indexOf(rappel), 1)
  }
  const gestionnaire = {
    events: { addUserLoaded: inscrire(ecouteurs.charge), addUserUnloaded: inscrire(ecouteurs.decharge), addSilentRenewError: inscrire(ecouteurs.erreur) },
    getUser: vi.fn(async () => utilisateur),
    removeUser: vi.fn(async () => undefined),
    signinRedirect: vi.fn(async () => undefined),
  } as unknown as GestionnaireSession
  const charger = vi.fn(async () => ({ creerGestionnaireSession: () => gestionnaire }) as unknown as typeof import('./gestionnaireOidc'))
  return { charger, gestionnaire, ecouteurs }
}

const ORIGINE = 'https://ent.exemple.fr'

describe('the deferred session manager', () => {
  it('answers « nobody » to a visitor without loading oidc-client-ts', async () => {
    const { charger } = moduleFactice()
    const g = new GestionnaireDiffere(ORIGINE, sessionStorage, charger)
    g.events.addUserLoaded(() => undefined)
    expect(await g.getUser()).toBeNull()
    await g.removeUser()
    expect(charger).not.toHaveBeenCalled()
  })

  it('loads it when the tab holds tokens, and for every action that talks to the server', async () => {
    sessionStorage.setItem(`ent.oidc.user:${ORIGINE}:ent-spa`, '{}')
    try {
      const { charger, gestionnaire } = moduleFactice({ access_token: 'x' })
      const g = new GestionnaireDiffere(ORIGINE, sessionStorage, charger)
      expect(await g.getUser()).toEqual({ access_token: 'x' })
      await g.signinRedirect()
      expect(charger).toHaveBeenCalledTimes(1)
      expect(gestionnaire.signinRedirect).toHaveBeenCalledTimes(1)
    } finally {
      sessionStorage.clear()
    }
  })

  it('hands the listeners registered before the load to the real manager, and removes them when asked', async () => {
    const { charger, ecouteurs } = moduleFactice()
    const g = new GestionnaireDiffere(ORIGINE, sessionStorage, charger)
    const charge = vi.fn()
    const desabonner = g.events.addUserLoaded(charge)
    g.events.addSilentRenewError(() => undefined)
    await g.signinRedirect()
    expect(ecouteurs.charge).toHaveLength(1)
    expect(ecouteurs.erreur).toHaveLength(1)
    ecouteurs.charge[0]()
    expect(charge).toHaveBeenCalledTimes(1)
    desabonner()
    expect(ecouteurs.charge).toHaveLength(0)
    // After the load, a new listener goes straight to the real manager.
    g.events.addUserUnloaded(() => undefined)
    expect(ecouteurs.decharge).toHaveLength(1)
  })
})
