import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { changerLangue } from '../i18n/i18n'

/** The host: no session; the support contact as configured (or none: 404). */
function serveur(support: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: RequestInfo | URL) =>
      String(url) === '/api/identite/support' && support
        ? new Response(JSON.stringify(support), { status: 200, headers: { 'Content-Type': 'application/json' } })
        : new Response('', { status: 404 }),
    ),
  )
}

afterEach(async () => {
  cleanup()
  vi.unstubAllGlobals()
  await changerLangue('fr')
  localStorage.clear()
})

describe('help', () => {
  it('lists the questions, signed in or not, with the support contact when the host has one', async () => {
    serveur({ telephone: '01 23 45 67 89', horaires: 'du lundi au vendredi, de 8 h à 18 h', courriel: null })
    render(<App chemin="/aide" />)
    expect(await screen.findByRole('link', { name: 'Activer mon compte' })).toBeTruthy()
    expect(screen.getByRole('heading', { level: 1, name: 'Aide' })).toBeTruthy()
    for (const sujet of ['Activer mon compte', 'Justifier une absence', 'Lire le bulletin', 'Déclaration d’accessibilité']) {
      expect(screen.getByRole('link', { name: sujet })).toBeTruthy()
    }
    const appel = await screen.findByRole('link', { name: 'Appelez le 01 23 45 67 89' })
    expect(appel.getAttribute('href')).toBe('tel:0123456789')
    expect(screen.getByText(/Horaires : du lundi au vendredi/)).toBeTruthy()
    // The footer of every page leads here and to the statement.
    const pied = screen.getByRole('contentinfo')
    expect(within(pied).getByRole('link', { name: 'Aide' }).getAttribute('href')).toBe('/aide')
    expect(within(pied).getByRole('link', { name: 'Accessibilité : non conforme' }).getAttribute('href')).toBe('/accessibilite')
  })

  it('explains how to justify an absence in numbered steps, with the half-day explained', async () => {
    serveur(null)
    render(<App chemin="/aide/justifier" />)
    expect(await screen.findByRole('heading', { level: 1, name: 'Justifier une absence' })).toBeTruthy()
    const etapes = document.querySelectorAll('ol.etapes-aide > li')
    expect(etapes).toHaveLength(4)
    expect(etapes[1].textContent).toBe('Sous l’absence, appuyez sur « Justifier ».')
    expect(screen.getByText(/comptées par demi-journée/)).toBeTruthy()
    expect(screen.queryByRole('link', { name: /Appelez/ })).toBeNull()
  })

  it('says « page introuvable » for an unknown topic', async () => {
    serveur(null)
    render(<App chemin="/aide/inconnu" />)
    expect(await screen.findByRole('heading', { level: 1, name: 'Page introuvable' })).toBeTruthy()
  })

  it('publishes the accessibility statement: non-compliant without an audit, and how to appeal', async () => {
    serveur(null)
    render(<App chemin="/accessibilite" />)
    expect(await screen.findByText(/déclaré non conforme/)).toBeTruthy()
    expect(screen.getByRole('heading', { level: 1, name: 'Déclaration d’accessibilité' })).toBeTruthy()
    expect(screen.getByText(/Défenseur des droits/)).toBeTruthy()
    expect(screen.getByRole('heading', { level: 2, name: 'Voies de recours' })).toBeTruthy()
  })

  it('reads in Arabic, right to left, when the reader chose it', async () => {
    serveur(null)
    await changerLangue('ar')
    render(<App chemin="/aide/bulletin" />)
    expect(await screen.findByRole('heading', { level: 1, name: 'قراءة كشف النقاط' })).toBeTruthy()
    expect(document.documentElement.dir).toBe('rtl')
    expect(screen.getByText(/المعامل يبيّن وزن النقطة/)).toBeTruthy()
  })
})
