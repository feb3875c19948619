import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useEffect } from 'react'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { magasinEnMemoire } from '../hors-ligne/magasin'
import { fauxGestionnaire, serveur, utilisateur } from '../commun/testing/session'
import { useSession } from './contexte'
import { effacerMarqueur, marqueurPresent } from './marqueur'
import { RetourConnexion } from './RetourConnexion'
import { SessionProvider } from './SessionProvider'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  effacerMarqueur()
  window.sessionStorage.clear()
  window.history.replaceState(null, '', '/')
})

/** What the shell shows of the session: enough to see where the provider stands. */
function Etat() {
  const { chargee, utilisateur, seConnecter } = useSession()
  if (!chargee) return <p role="status">Chargement…</p>
  return utilisateur ? (
    <p>Connecté : {utilisateur.profile.name}</p>
  ) : (
    <button type="button" onClick={() => void seConnecter()}>
      Se connecter
    </button>
  )
}

describe('a tab without tokens', () => {
  it('with the « Rester connecté » marker: leaves at once for a silent sign-in that comes back to the address asked for', async () => {
    document.cookie = 'ent_session_persistante=1; Path=/'
    window.history.replaceState(null, '', '/absences?eleve=e1#a-justifier')
    const g = fauxGestionnaire(null)

    render(<SessionProvider gestionnaire={g}>{<Etat />}</SessionProvider>)

    await waitFor(() => expect(g.signinRedirect).toHaveBeenCalledTimes(1))
    expect(g.signinRedirect).toHaveBeenCalledWith({ prompt: 'none', state: { retour: '/absences?eleve=e1#a-justifier', silencieuse: true } })
    expect(screen.getByRole('status').textContent).toBe('Chargement…') // nothing public flashes while the browser leaves
  })

  it('without the marker (an anonymous visitor): shows the page at once, no round trip', async () => {
    window.history.replaceState(null, '', '/absences')
    const g = fauxGestionnaire(null)

    render(<SessionProvider gestionnaire={g}>{<Etat />}</SessionProvider>)

    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeTruthy()
    expect(g.signinRedirect).not.toHaveBeenCalled()
  })

  it('never tries twice in a row, even if the marker was left behind (no loop)', async () => {
    document.cookie = 'ent_session_persistante=1; Path=/'
    const premiere = fauxGestionnaire(null)
    const { unmount } = render(<SessionProvider gestionnaire={premiere}>{<Etat />}</SessionProvider>)
    await waitFor(() => expect(premiere.signinRedirect).toHaveBeenCalledTimes(1))
    unmount()

    // Back from the server, the marker somehow still there: the page loads again in the same tab.
    const seconde = fauxGestionnaire(null)
    render(<SessionProvider gestionnaire={seconde}>{<Etat />}</SessionProvider>)

    expect(await screen.findByRole('button', { name: 'Se connecter' })).toBeTruthy()
    expect(seconde.signinRedirect).not.toHaveBeenCalled()
  })

  it('a tab that has its tokens keeps them and never leaves', async () => {
    document.cookie = 'ent_session_persistante=1; Path=/'
    const g = fauxGestionnaire(utilisateur('Philippe Michel'))

    render(<SessionProvider gestionnaire={g}>{<Etat />}</SessionProvider>)

    expect(await screen.findByText('Connecté : Philippe Michel')).toBeTruthy()
    expect(g.signinRedirect).not.toHaveBeenCalled()
  })

  it('« Se connecter » carries the address the person is at', async () => {
    window.history.replaceState(null, '', '/absences?eleve=e1')
    const g = fauxGestionnaire(null)
    render(<SessionProvider gestionnaire={g}>{<Etat />}</SessionProvider>)

    fireEvent.click(await screen.findByRole('button', { name: 'Se connecter' }))

    expect(g.signinRedirect).toHaveBeenCalledWith({ state: { retour: '/absences?eleve=e1' } })
  })
})

/** Where the app went after the callback. */
function Lieu() {
  const { pathname, search, hash } = useLocation()
  return <p data-testid="lieu">{`${pathname}${search}${hash}`}</p>
}

describe('RetourConnexion', () => {
  function retour(g: ReturnType<typeof fauxGestionnaire>, url: string) {
    window.history.replaceState(null, '', url)
    render(
      <SessionProvider gestionnaire={g}>
        <MemoryRouter initialEntries={[url]}>
          <Routes>
            <Route path="/connexion/retour" element={<RetourConnexion />} />
            <Route path="*" element={<Lieu />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>,
    )
    return async () => (await screen.findByTestId('lieu')).textContent
  }

  it('goes to the address the sign-in carried', async () => {
    const g = fauxGestionnaire(null)
    g.terminerConnexion.mockResolvedValue({ ...utilisateur('Philippe Michel'), state: { retour: '/absences?eleve=e1#a-justifier' } } as never)

    const lieu = retour(g, '/connexion/retour?code=abc&state=xyz')

    expect(await lieu()).toBe('/absences?eleve=e1#a-justifier')
  })

  it('goes home when the carried address is another site', async () => {
    const g = fauxGestionnaire(null)
    g.terminerConnexion.mockResolvedValue({ ...utilisateur('Philippe Michel'), state: { retour: '//evil.example/' } } as never)

    const lieu = retour(g, '/connexion/retour?code=abc&state=xyz')

    expect(await lieu()).toBe('/')
  })

  it('after a failed silent attempt: clears the marker and shows the address asked for, with no error', async () => {
    document.cookie = 'ent_session_persistante=1; Path=/'
    const g = fauxGestionnaire(null)
    g.terminerConnexion.mockRejectedValue(
      Object.assign(new Error('login_required'), { error: 'login_required', state: { retour: '/absences', silencieuse: true } }),
    )

    const lieu = retour(g, '/connexion/retour?error=login_required&state=xyz')

    expect(await lieu()).toBe('/absences')
    expect(marqueurPresent(document.cookie)).toBe(false)
    expect(screen.queryByText('Connexion impossible')).toBeNull()
  })

  it('after a failed sign-in the person asked for: says so, and retrying starts from home', async () => {
    const g = fauxGestionnaire(null)
    g.terminerConnexion.mockRejectedValue(Object.assign(new Error('access_denied'), { error: 'access_denied', state: { retour: '/absences' } }))

    retour(g, '/connexion/retour?error=access_denied&state=xyz')

    expect(await screen.findByRole('heading', { name: 'Connexion impossible' })).toBeTruthy()
    expect(screen.queryByTestId('lieu')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }))
    expect(g.signinRedirect).toHaveBeenCalledWith({ state: { retour: '/' } })
  })
})

describe('the reads kept for offline use (issue 19)', () => {
  const NOTES = '/api/scolarite/eleves/e1/notes'

  /** Signed in as Ada, who reads her child's grades once online: the store then holds them for her. */
  async function apresUneLecture() {
    serveur({ [NOTES]: { moyenne: 14 } })
    const magasin = magasinEnMemoire()
    const g = fauxGestionnaire(utilisateur('Ada'))
    const capte: { session?: ReturnType<typeof useSession> } = {}
    function Capter() {
      const session = useSession()
      useEffect(() => {
        capte.session = session
      })
      return <Etat />
    }
    render(
      <SessionProvider gestionnaire={g} magasin={magasin}>
        <Capter />
      </SessionProvider>,
    )
    await screen.findByText('Connecté : Ada')
    await capte.session!.http.fetch(NOTES, { method: 'GET' })
    await waitFor(async () => expect(await magasin.lire('sub-Ada', NOTES)).toBeDefined())
    return { g, magasin, session: () => capte.session! }
  }

  it('are kept under the connected person’s id', async () => {
    const { magasin } = await apresUneLecture()
    expect(await magasin.lire('sub-Bob', NOTES)).toBeUndefined()
  })

  it('are gone at logout', async () => {
    const { magasin, session } = await apresUneLecture()
    await session().seDeconnecter()
    expect(await magasin.lire('sub-Ada', NOTES)).toBeUndefined()
  })

  it('are gone after « Se déconnecter partout » (the session ended here)', async () => {
    const { magasin, session } = await apresUneLecture()
    await session().terminerIci()
    expect(await magasin.lire('sub-Ada', NOTES)).toBeUndefined()
  })

  it('stay, with the session, when a renewal fails for want of network (offline for longer than a token lives)', async () => {
    const { g, magasin } = await apresUneLecture()
    g.renouvellementSansReseau()
    await new Promise((r) => setTimeout(r, 20))
    expect(screen.getByText('Connecté : Ada')).toBeTruthy()
    expect(g.removeUser).not.toHaveBeenCalled()
    expect(await magasin.lire('sub-Ada', NOTES)).toBeDefined()

    // Back online, the renewal is tried again; refused then, the session ends as usual.
    g.signinSilent.mockRejectedValueOnce(new Error('invalid_grant'))
    window.dispatchEvent(new Event('online'))
    await screen.findByRole('button', { name: 'Se connecter' })
    expect(await magasin.lire('sub-Ada', NOTES)).toBeUndefined()
  })

  it('are gone when the session ends by itself', async () => {
    const { g, magasin } = await apresUneLecture()
    g.echecRenouvellement()
    await screen.findByRole('button', { name: 'Se connecter' })
    expect(await magasin.lire('sub-Ada', NOTES)).toBeUndefined()
  })
})
