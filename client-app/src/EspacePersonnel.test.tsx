import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from './App'
import { libelleProfil } from './commun/profils'
import { navigationAffichee, navigationPrincipale } from './commun/testing/navigation'
import { autorisation, fauxGestionnaire, serveur, utilisateur } from './commun/testing/session'

const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }
const parent = {
  id: 'p1',
  prenom: 'Philippe',
  nom: 'Michel',
  profils: [{ ...lycee, profil: 'responsable', fonction: null }],
  enfants: [
    { id: 'e1', prenom: 'Gabriel', nom: 'Michel', ...lycee, legal: true, domaines: ['travail_scolaire', 'vie_scolaire', 'identite'] },
    { id: 'e2', prenom: 'Léa', nom: 'Michel', uai: '0690001B', etablissement: 'Collège des Pentes', legal: false, domaines: ['identite'] },
  ],
}
const publiques = {
  '/api/identite/etablissements': [{ uai: '0750000A', nom: 'Lycée démo', academie: 'Paris', commune: 'Paris' }],
  '/api/communication/etablissements/0750000A/annonces-publiques': [],
  '/api/ressources/etablissements/0750000A/liens-utiles': [],
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

describe('not connected', () => {
  it('shows the public home with "Se connecter", which starts the sign-in at the server', async () => {
    serveur(publiques)
    const g = fauxGestionnaire(null)
    render(<App chemin="/" gestionnaire={g} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Lycée démo' })).toBeTruthy()
    const banniere = screen.getByRole('banner')
    fireEvent.click(within(banniere).getByRole('button', { name: 'Se connecter' }))

    expect(g.signinRedirect).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('navigation')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Se déconnecter' })).toBeNull()
  })

  it('says so in French when the server cannot be reached to sign in', async () => {
    serveur(publiques)
    const g = fauxGestionnaire(null)
    g.signinRedirect.mockRejectedValue(new TypeError('Failed to fetch'))
    render(<App chemin="/" gestionnaire={g} />)

    fireEvent.click(await screen.findByRole('button', { name: 'Se connecter' }))

    expect((await screen.findByRole('alert')).textContent).toBe('Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.')
  })
})

describe('a guardian', () => {
  async function afficher() {
    const fetch = serveur({ '/api/identite/me': parent })
    const g = fauxGestionnaire(utilisateur('Philippe Michel', 'jeton-parent'))
    render(<App chemin="/" gestionnaire={g} />)
    await screen.findByRole('heading', { level: 1, name: 'Bonjour Philippe' })
    return { fetch, g }
  }

  it('sees every child at once, one card each, from /api/identite/me called with the token', async () => {
    const { fetch } = await afficher()

    const cartes = within(screen.getByRole('region', { name: 'Vos enfants' })).getAllByRole('listitem')
    expect(cartes.map((c) => [within(c).getByRole('heading', { level: 3 }).textContent, within(c).getByRole('paragraph').textContent])).toEqual([
      ['Gabriel Michel', 'Lycée démo'],
      ['Léa Michel', 'Collège des Pentes'],
    ])
    // Once, however many sections the home page has.
    expect(fetch.mock.calls.filter(([url]) => url === '/api/identite/me')).toHaveLength(1)
    expect(fetch.mock.calls[0][0]).toBe('/api/identite/me')
    expect(autorisation(fetch.mock.calls[0][1])).toBe('Bearer jeton-parent')
    // The "Responsable" profile would repeat what the children's cards say.
    expect(screen.queryByRole('region', { name: /profil/ })).toBeNull()
  })

  it('has the name and "Se déconnecter" in the banner, and an honest navigation that keeps the child', async () => {
    await afficher()

    const banniere = screen.getByRole('banner')
    expect(within(banniere).getByText('Philippe Michel')).toBeTruthy()
    // Grouped (at most about six top-level items); every link keeps the child chosen.
    expect(navigationAffichee()).toEqual([
      ['Accueil', '/?eleve=e1', 'page'],
      [
        'Scolarité',
        null,
        [
          ['Emploi du temps', '/emploi-du-temps?eleve=e1', null],
          ['Devoirs', '/devoirs?eleve=e1', null],
          ['Cahier de textes', '/cahier-de-textes?eleve=e1', null],
          ['Notes', '/notes?eleve=e1', null],
          ['Bulletins', '/bulletins?eleve=e1', null],
          ['Manuels et ressources', '/ressources?eleve=e1', null],
        ],
      ],
      [
        'Vie scolaire',
        null,
        [
          ['Absences', '/absences?eleve=e1', null],
          ['Sorties', '/sorties?eleve=e1', null],
          ['Autorisations', '/autorisations', null],
        ],
      ],
      [
        'Communication',
        null,
        [
          ['Messagerie', '/messagerie', null],
          ['Annonces', '/annonces', null],
          ['Agenda', '/agenda?eleve=e1', null],
          ['Élections', '/elections', null],
          ['Signalements', '/signalements', null],
        ],
      ],
      ['Mon compte', '/compte?eleve=e1', null],
    ])
    // The closed groups' links are hidden from everyone until their button opens them.
    const navigation = navigationPrincipale()
    expect(within(navigation).getAllByRole('link').map((l) => l.textContent)).toEqual(['Accueil', 'Mon compte'])
    expect(within(navigation).getAllByRole('button').map((b) => [b.textContent, b.getAttribute('aria-expanded')])).toEqual([
      ['Scolarité', 'false'],
      ['Vie scolaire', 'false'],
      ['Communication', 'false'],
    ])
  })

  it('chooses the child whose details are shown with a labelled select', async () => {
    await afficher()
    const suivi = screen.getByRole('region', { name: 'Enfant suivi' })
    const details = () => [...suivi.querySelectorAll('dd')].map((d) => d.textContent)
    expect(details()).toEqual(['Gabriel Michel', 'Lycée démo', 'Oui'])

    const choix = screen.getByRole('combobox', { name: 'Enfant suivi' }) as HTMLSelectElement
    expect([...choix.options].map((o) => [o.value, o.textContent])).toEqual([
      ['e1', 'Gabriel Michel'],
      ['e2', 'Léa Michel'],
    ])
    fireEvent.change(choix, { target: { value: 'e2' } })

    expect(details()).toEqual(['Léa Michel', 'Collège des Pentes', 'Non'])
    expect(choix.value).toBe('e2')
  })

  it('needs no switcher with a single child', async () => {
    serveur({ '/api/identite/me': { ...parent, enfants: [parent.enfants[0]] } })
    render(<App chemin="/" gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)

    expect(await screen.findByRole('region', { name: 'Votre enfant' })).toBeTruthy()
    expect(screen.queryByRole('combobox', { name: 'Enfant suivi' })).toBeNull()
  })

  it('logs out: revokes the refresh token, then leaves for the server\'s end of session', async () => {
    const { g } = await afficher()

    fireEvent.click(screen.getByRole('button', { name: 'Se déconnecter' }))

    await waitFor(() => expect(g.signoutRedirect).toHaveBeenCalledTimes(1))
    expect(g.revokeTokens).toHaveBeenCalledWith(['refresh_token'])
    expect(g.revokeTokens.mock.invocationCallOrder[0]).toBeLessThan(g.signoutRedirect.mock.invocationCallOrder[0])
  })

  it('stays on the personal page while leaving for the server (no public page flashing and loading)', async () => {
    const { g, fetch } = await afficher()
    g.signoutRedirect.mockImplementation(async () => {
      await g.removeUser() // as oidc-client-ts does, just before navigating away
      await new Promise(() => {}) // the browser is leaving
    })

    fireEvent.click(screen.getByRole('button', { name: 'Se déconnecter' }))

    await waitFor(() => expect(g.removeUser).toHaveBeenCalled())
    expect(screen.getByRole('heading', { level: 1, name: 'Bonjour Philippe' })).toBeTruthy()
    expect(fetch.mock.calls.filter(([url]) => String(url).startsWith('/api/identite/etablissements'))).toHaveLength(0)
  })

  it('forgets the tokens and says so when the server cannot be reached to log out', async () => {
    serveur({ ...publiques, '/api/identite/me': parent })
    const g = fauxGestionnaire(utilisateur('Philippe Michel'))
    g.signoutRedirect.mockRejectedValue(new TypeError('Failed to fetch'))
    render(<App chemin="/" gestionnaire={g} />)
    await screen.findByRole('heading', { level: 1, name: 'Bonjour Philippe' })

    fireEvent.click(screen.getByRole('button', { name: 'Se déconnecter' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Lycée démo' })).toBeTruthy()
    expect(g.removeUser).toHaveBeenCalled()
    expect(screen.getByRole('alert').textContent).toBe('Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.')
  })

  it('still logs out when the revocation fails', async () => {
    const { g } = await afficher()
    g.revokeTokens.mockRejectedValue(new Error('503'))

    fireEvent.click(screen.getByRole('button', { name: 'Se déconnecter' }))

    await waitFor(() => expect(g.signoutRedirect).toHaveBeenCalledTimes(1))
  })
})

describe('pupils and staff', () => {
  it.each([
    ['a pupil', { profil: 'eleve', fonction: null }, 'Élève'],
    ['a teacher', { profil: 'enseignant', fonction: null }, 'Enseignant'],
    ['the CPE', { profil: 'personnel', fonction: 'cpe' }, 'CPE'],
    ['the head', { profil: 'personnel', fonction: 'direction' }, 'Direction'],
    ['the nurse', { profil: 'personnel', fonction: 'infirmier' }, 'Infirmier·ère'],
  ])('%s is greeted with their profile in French', async (_qui, profil, libelle) => {
    serveur({ '/api/identite/me': { id: 'x', prenom: 'Karim', nom: 'Benali', profils: [{ ...lycee, ...profil }], enfants: [] } })
    render(<App chemin="/" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Bonjour Karim' })).toBeTruthy()
    const region = screen.getByRole('region', { name: 'Votre profil' })
    expect(within(region).getByRole('heading', { level: 3 }).textContent).toBe(libelle)
    expect(within(region).getByText('Lycée démo')).toBeTruthy()
    expect(screen.queryByRole('region', { name: /enfant/i })).toBeNull()
    expect(screen.queryByRole('combobox', { name: 'Enfant suivi' })).toBeNull()
  })

  it('lists every profile of a person who has several', async () => {
    serveur({
      '/api/identite/me': {
        id: 'x',
        prenom: 'Linh',
        nom: 'Nguyen',
        profils: [
          { ...lycee, profil: 'enseignant', fonction: null },
          { uai: '0690001B', etablissement: 'Collège des Pentes', profil: 'personnel', fonction: 'documentaliste' },
        ],
        enfants: [],
      },
    })
    render(<App chemin="/" gestionnaire={fauxGestionnaire(utilisateur('Linh Nguyen'))} />)

    const region = await screen.findByRole('region', { name: 'Vos profils' })
    expect(within(region).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Enseignant', 'Documentaliste'])
  })

  it('shows the French error and retries when /me fails', async () => {
    serveur({})
    render(<App chemin="/" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)

    const alerte = await screen.findByRole('alert')
    serveur({ '/api/identite/me': { id: 'x', prenom: 'Karim', nom: 'Benali', profils: [{ ...lycee, profil: 'personnel', fonction: 'cpe' }], enfants: [] } })
    fireEvent.click(within(alerte).getByRole('button', { name: 'Réessayer' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Bonjour Karim' })).toBeTruthy()
  })
})

describe('the session', () => {
  it('comes back from the server: /connexion/retour completes the sign-in and replaces itself with /', async () => {
    serveur({ '/api/identite/me': parent })
    window.history.replaceState(null, '', '/connexion/retour?code=abc&state=xyz')
    const g = fauxGestionnaire(null)
    g.terminerConnexion.mockImplementation(async () => {
      const connecte = utilisateur('Philippe Michel') // stored by oidc-client-ts once the code is exchanged
      g.stocker(connecte)
      return connecte
    })
    render(<App chemin="/connexion/retour" gestionnaire={g} />)

    expect(screen.getByRole('status').textContent).toBe('Connexion en cours…')
    expect(await screen.findByRole('heading', { level: 1, name: 'Bonjour Philippe' })).toBeTruthy()
    expect(g.terminerConnexion).toHaveBeenCalledWith('http://localhost:3000/connexion/retour?code=abc&state=xyz')
    expect(window.location.pathname + window.location.search).toBe('/')
    expect(document.title).toBe('Ent — Espace numérique de travail')
  })

  it('says in French when the sign-in failed, and offers to try again', async () => {
    window.history.replaceState(null, '', '/connexion/retour?error=access_denied&state=xyz')
    const g = fauxGestionnaire(null)
    g.terminerConnexion.mockRejectedValue(new Error('access_denied'))
    render(<App chemin="/connexion/retour" gestionnaire={g} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion impossible' })).toBeTruthy()
    fireEvent.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Se connecter' }))
    expect(g.signinRedirect).toHaveBeenCalledTimes(1)
  })

  it('renews an expired stored session with the refresh token before showing the personal page', async () => {
    serveur({ '/api/identite/me': parent })
    const g = fauxGestionnaire(utilisateur('Philippe Michel', 'ancien', true))
    g.signinSilent.mockImplementation(async () => {
      const neuf = utilisateur('Philippe Michel', 'neuf')
      g.stocker(neuf)
      return neuf
    })
    render(<App chemin="/" gestionnaire={g} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Bonjour Philippe' })).toBeTruthy()
    expect(g.signinSilent).toHaveBeenCalled()
  })

  it('ends when the automatic renewal fails: the public home comes back with a French notice', async () => {
    serveur({ ...publiques, '/api/identite/me': parent })
    const g = fauxGestionnaire(utilisateur('Philippe Michel'))
    render(<App chemin="/" gestionnaire={g} />)
    await screen.findByRole('heading', { level: 1, name: 'Bonjour Philippe' })

    g.echecRenouvellement()

    expect(await screen.findByRole('heading', { level: 1, name: 'Lycée démo' })).toBeTruthy()
    expect(screen.getByText('Votre session a pris fin. Connectez-vous à nouveau pour retrouver votre espace.')).toBeTruthy()
    expect(g.removeUser).toHaveBeenCalled()
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeTruthy()
  })

  it('cleans the address bar after the server\'s logout redirect', async () => {
    serveur(publiques)
    window.history.replaceState(null, '', '/?state=fin')
    const g = fauxGestionnaire(null)
    render(<App chemin="/" gestionnaire={g} />)

    await screen.findByRole('heading', { level: 1, name: 'Lycée démo' })
    expect(g.signoutRedirectCallback).toHaveBeenCalledWith('http://localhost:3000/?state=fin')
    expect(window.location.search).toBe('')
  })
})

describe('libelleProfil', () => {
  it('names staff by their function and keeps an unknown value readable', () => {
    expect(libelleProfil({ profil: 'personnel', fonction: 'secretariat' })).toBe('Secrétariat')
    expect(libelleProfil({ profil: 'personnel', fonction: 'inconnue' })).toBe('Personnel')
    expect(libelleProfil({ profil: 'responsable', fonction: null })).toBe('Responsable')
  })
})
