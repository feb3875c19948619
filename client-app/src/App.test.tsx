import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from './App'

const lyceeDemo = { uai: '0750000A', nom: 'Lycée démo', academie: 'Paris', commune: 'Paris' }
const college = { uai: '0690001B', nom: 'Collège des Pentes', academie: 'Lyon', commune: 'Lyon' }

const annoncesDemo = [
  {
    id: 'a1',
    titre: 'Réunion parents-professeurs',
    texte: 'Les professeurs principaux reçoivent les familles le jeudi.',
    publieeLe: '2025-03-12T10:00:00Z',
  },
]
const liensDemo = [
  { titre: 'Pronote académique', url: 'https://exemple.fr/pronote', description: 'Notes et devoirs.' },
  { titre: 'Lien douteux', url: 'javascript:alert(1)', description: null },
]

/** Answers the generated clients' GETs from a table of paths; anything else is a 404 like the host's. */
function serveur(routes: Record<string, unknown>) {
  const fetch = vi.fn(async (url: RequestInfo | URL) => {
    const chemin = String(url)
    return chemin in routes
      ? new Response(JSON.stringify(routes[chemin]), { status: 200, headers: { 'Content-Type': 'application/json' } })
      : new Response('', { status: 404 })
  })
  vi.stubGlobal('fetch', fetch)
  return fetch
}

const routesDemo = {
  '/api/identite/etablissements': [lyceeDemo],
  '/api/communication/etablissements/0750000A/annonces-publiques': annoncesDemo,
  '/api/ressources/etablissements/0750000A/liens-utiles': liensDemo,
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('home page', () => {
  it('shows the établissement as the only h1, its announcements and its useful links', async () => {
    const fetch = serveur(routesDemo)
    render(<App chemin="/" />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Lycée démo' })).toBeTruthy()
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1)
    expect(screen.getByText('Paris, académie de Paris')).toBeTruthy()

    const annonces = await screen.findByRole('region', { name: 'Annonces' })
    const annonce = within(annonces).getByRole('article')
    expect(within(annonce).getByRole('heading', { level: 3 }).textContent).toBe('Réunion parents-professeurs')
    expect(within(annonce).getByText('Les professeurs principaux reçoivent les familles le jeudi.')).toBeTruthy()
    const date = annonce.querySelector('time')
    expect(date?.textContent).toBe('12 mars 2025')
    expect(date?.getAttribute('datetime')).toBe('2025-03-12T10:00:00Z')

    const liens = screen.getByRole('region', { name: 'Liens utiles' })
    const lien = within(liens).getByRole('link', { name: 'Pronote académique' })
    expect(lien.getAttribute('href')).toBe('https://exemple.fr/pronote')
    expect(lien.getAttribute('rel')).toBe('noopener')
    expect(within(liens).getByText('Notes et devoirs.')).toBeTruthy()
    // A non-web address is shown as text, never as a clickable link.
    expect(within(liens).getByText('Lien douteux').closest('a')).toBeNull()

    // Same-origin calls through the generated clients, nothing else.
    expect(fetch.mock.calls.map(([url]) => String(url)).sort()).toEqual(Object.keys(routesDemo).sort())
  })

  it('announces loading politely', async () => {
    serveur(routesDemo)
    render(<App chemin="/" />)

    expect(screen.getByRole('status').textContent).toBe('Chargement…')
    await screen.findByRole('heading', { level: 1, name: 'Lycée démo' })
  })

  it('treats text from the server as text, not HTML', async () => {
    serveur({
      ...routesDemo,
      '/api/communication/etablissements/0750000A/annonces-publiques': [
        { ...annoncesDemo[0], titre: '<img src=x onerror=alert(1)>Piège' },
      ],
    })
    const { container } = render(<App chemin="/" />)

    expect(await screen.findByText('<img src=x onerror=alert(1)>Piège')).toBeTruthy()
    expect(container.querySelector('img')).toBeNull()
  })

  it('shows the first of several établissements and lets the user pick another', async () => {
    const fetch = serveur({
      ...routesDemo,
      '/api/identite/etablissements': [lyceeDemo, college],
      '/api/communication/etablissements/0690001B/annonces-publiques': [],
      '/api/ressources/etablissements/0690001B/liens-utiles': [],
    })
    render(<App chemin="/" />)

    await screen.findByRole('heading', { level: 1, name: 'Lycée démo' })
    const choix = screen.getByLabelText('Établissement affiché') as HTMLSelectElement
    expect(choix.value).toBe('0750000A')

    fireEvent.change(choix, { target: { value: '0690001B' } })

    expect(screen.getByRole('heading', { level: 1, name: 'Collège des Pentes' })).toBeTruthy()
    expect(await screen.findByText('Aucune annonce pour le moment.')).toBeTruthy()
    expect(screen.getByText('Aucun lien utile pour le moment.')).toBeTruthy()
    expect(fetch).toHaveBeenCalledWith('/api/communication/etablissements/0690001B/annonces-publiques', expect.anything())
  })

  it('says so in French when there is no établissement', async () => {
    serveur({ '/api/identite/etablissements': [] })
    render(<App chemin="/" />)

    expect(await screen.findByText("Aucun établissement n'est encore inscrit sur cet espace.")).toBeTruthy()
    expect(screen.queryByRole('region', { name: 'Annonces' })).toBeNull()
  })

  it('shows a French error when the server cannot be reached, and retries on demand', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')))
    render(<App chemin="/" />)

    const alerte = await screen.findByRole('alert')
    expect(within(alerte).getByText('Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.')).toBeTruthy()
    expect(screen.queryByRole('heading', { level: 1, name: 'Lycée démo' })).toBeNull()

    const fetch = serveur(routesDemo)
    fireEvent.click(within(alerte).getByRole('button', { name: 'Réessayer' }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Lycée démo' })).toBeTruthy()
    expect(await screen.findByText('Réunion parents-professeurs')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(fetch).toHaveBeenCalledWith('/api/identite/etablissements', expect.anything())
  })

  it('keeps the school name when only its announcements fail, and retries them', async () => {
    serveur({ '/api/identite/etablissements': [lyceeDemo] }) // announcements and links answer 404
    render(<App chemin="/" />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Lycée démo' })).toBeTruthy()
    const alerte = await screen.findByRole('alert')

    serveur(routesDemo)
    fireEvent.click(within(alerte).getByRole('button', { name: 'Réessayer' }))

    expect(await screen.findByText('Réunion parents-professeurs')).toBeTruthy()
  })
})

describe('unknown client route', () => {
  it('shows a French "page introuvable" with a link back home, without calling the API', async () => {
    const fetch = serveur(routesDemo)
    render(<App chemin="/page-qui-n-existe-pas" />)

    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Page introuvable')
    expect(screen.getByRole('link', { name: "Retour à l'accueil" }).getAttribute('href')).toBe('/')
    expect(document.title).toBe('Page introuvable — Ent — Espace numérique de travail')
    expect(fetch).not.toHaveBeenCalled()
  })
})

describe('layout', () => {
  it('has banner, main and contentinfo landmarks', () => {
    serveur(routesDemo)
    render(<App chemin="/" />)

    expect(screen.getByRole('banner')).toBeTruthy()
    expect(screen.getByRole('main')).toBeTruthy()
    expect(screen.getByRole('contentinfo')).toBeTruthy()
  })
})
