import { UserManager, type User } from 'oidc-client-ts'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { GestionnaireSession, parametresOidc } from './gestionnaireOidc'

afterEach(() => {
  vi.restoreAllMocks()
  sessionStorage.clear()
  localStorage.clear()
})

describe('OIDC settings', () => {
  const parametres = parametresOidc('https://ent.exemple.fr', sessionStorage)

  it('describe the public client ent-spa of the same-origin server, code + PKCE', () => {
    expect(parametres).toMatchObject({
      authority: 'https://ent.exemple.fr',
      client_id: 'ent-spa',
      redirect_uri: 'https://ent.exemple.fr/connexion/retour',
      post_logout_redirect_uri: 'https://ent.exemple.fr/',
      response_type: 'code',
      automaticSilentRenew: true,
    })
    expect(parametres.silent_redirect_uri).toBeUndefined() // no iframe: the CSP forbids frames
  })

  it('ask for the refresh token and every module scope', () => {
    expect(parametres.scope?.split(' ').sort()).toEqual(
      [
        'openid',
        'profile',
        'offline_access',
        'identite.read',
        'identite.write',
        'scolarite.read',
        'scolarite.write',
        'viescolaire.read',
        'viescolaire.write',
        'communication.read',
        'communication.write',
        'ressources.read',
        'ressources.write',
      ].sort(),
    )
  })

  it('keep the user and the sign-in state in sessionStorage, never localStorage', async () => {
    await parametres.userStore!.set('user:x', 'jetons')
    await parametres.stateStore!.set('etat', 'verificateur')

    expect(Object.keys(sessionStorage).sort()).toEqual(['ent.oidc.etat', 'ent.oidc.user:x'])
    expect(localStorage.length).toBe(0)
  })
})

describe('GestionnaireSession', () => {
  const gestionnaire = () => new GestionnaireSession({ ...parametresOidc('https://ent.exemple.fr'), automaticSilentRenew: false })

  it('runs one refresh at a time: concurrent renewals share it, a later one starts anew', async () => {
    let terminer!: (u: User) => void
    const refresh = vi
      .spyOn(UserManager.prototype, 'signinSilent')
      .mockImplementation(() => new Promise<User>((r) => (terminer = r)))
    const g = gestionnaire()

    const premier = g.signinSilent()
    const second = g.signinSilent()
    expect(refresh).toHaveBeenCalledTimes(1)
    const nouveau = { access_token: 'neuf' } as User
    terminer(nouveau)
    expect(await premier).toBe(nouveau)
    expect(await second).toBe(nouveau)

    void g.signinSilent()
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('lets a failed refresh be tried again', async () => {
    const refresh = vi.spyOn(UserManager.prototype, 'signinSilent').mockRejectedValueOnce(new Error('invalid_grant'))
    const g = gestionnaire()

    await expect(g.signinSilent()).rejects.toThrow('invalid_grant')
    refresh.mockResolvedValueOnce(null)
    await expect(g.signinSilent()).resolves.toBeNull()
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('completes a sign-in response once, even when asked twice (React StrictMode)', async () => {
    const utilisateur = { access_token: 'a' } as User
    const callback = vi.spyOn(UserManager.prototype, 'signinRedirectCallback').mockResolvedValue(utilisateur)
    const g = gestionnaire()
    const url = 'https://ent.exemple.fr/connexion/retour?code=c&state=s'

    expect(await g.terminerConnexion(url)).toBe(utilisateur)
    expect(await g.terminerConnexion(url)).toBe(utilisateur)
    expect(callback).toHaveBeenCalledTimes(1)
    expect(callback).toHaveBeenCalledWith(url)
  })
})
