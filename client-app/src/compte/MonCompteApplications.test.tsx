import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'

const moi = {
  id: 'x',
  prenom: 'Karim',
  nom: 'Benali',
  email: null,
  mobile: null,
  doubleAuthentification: false,
  administrateurRegion: false,
  profils: [{ uai: '0750000A', etablissement: 'Lycée démo', profil: 'enseignant', fonction: null }],
  enfants: [],
}
const agenda = {
  id: 'app-1',
  nom: 'Agenda familial',
  accordeeLe: '2025-03-01T08:00:00Z',
  portees: [
    { code: 'identite.read', libelle: 'lire votre profil et celui de vos enfants' },
    { code: 'offline_access', libelle: "rester connecté à votre compte sans vous redemander votre mot de passe, jusqu'à ce que vous retiriez cet accès" },
  ],
}

/** Answers fetch from a table of "METHOD path", 404 otherwise; records each call. */
function serveur(routes: Record<string, { status?: number; body?: unknown }>) {
  const appels: string[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
      const route = `${init?.method ?? 'GET'} ${String(url)}`
      appels.push(route)
      const trouvee = routes[route]
      if (!trouvee) return new Response('', { status: 404 })
      const { status = 200, body } = trouvee
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
      })
    }),
  )
  return appels
}

async function region(routes: Record<string, { status?: number; body?: unknown }>) {
  const appels = serveur({ 'GET /api/identite/me': { body: moi }, 'GET /api/identite/me/appareils': { body: [] }, ...routes })
  render(<App chemin="/compte" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
  return { appels, region: await screen.findByRole('region', { name: 'Applications autorisées' }) }
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('allowed applications', () => {
  it('lists each application with what it may do in French, and withdraws it only once confirmed', async () => {
    const { appels, region: r } = await region({
      'GET /api/identite/me/applications': { body: [agenda] },
      'DELETE /api/identite/me/applications/app-1': { status: 204 },
    })

    const carte = await within(r).findByRole('heading', { level: 3, name: 'Agenda familial' })
    expect(carte).toBeTruthy()
    expect(within(r).getByText(/rester connecté à votre compte/)).toBeTruthy()
    expect(r.querySelector('time')?.getAttribute('datetime')).toBe('2025-03-01T08:00:00Z')
    expect(within(r).getByText('1 mars 2025')).toBeTruthy()

    // A first click only asks.
    fireEvent.click(within(r).getByRole('button', { name: "Retirer l'accès de l'application Agenda familial" }))
    expect(appels.some((a) => a.startsWith('DELETE'))).toBe(false)
    fireEvent.click(within(r).getByRole('button', { name: 'Annuler' }))
    expect(within(r).queryByRole('button', { name: /Confirmer le retrait/ })).toBeNull()

    fireEvent.click(within(r).getByRole('button', { name: "Retirer l'accès de l'application Agenda familial" }))
    fireEvent.click(within(r).getByRole('button', { name: "Confirmer le retrait de l'application Agenda familial" }))

    await waitFor(() => expect(within(r).getByRole('status').textContent).toBe("L'application « Agenda familial » n'a plus accès à votre compte."))
    expect(within(r).queryByRole('heading', { level: 3, name: 'Agenda familial' })).toBeNull()
    expect(within(r).getByText("Aucune application n'a accès à votre compte.")).toBeTruthy()
    expect(appels.filter((a) => a.startsWith('DELETE'))).toEqual(['DELETE /api/identite/me/applications/app-1'])
  })

  it('says so when no application was allowed, and keeps an application whose withdrawal failed', async () => {
    const { region: vide } = await region({ 'GET /api/identite/me/applications': { body: [] } })
    expect(await within(vide).findByText("Aucune application n'a accès à votre compte.")).toBeTruthy()
    cleanup()
    vi.unstubAllGlobals()

    const { region: r } = await region({
      'GET /api/identite/me/applications': { body: [agenda] },
      'DELETE /api/identite/me/applications/app-1': {
        status: 404,
        body: { type: 'urn:ent:probleme:introuvable', title: 'Ressource introuvable', status: 404, detail: 'Aucune application autorisée ne porte cet identifiant.' },
      },
    })
    fireEvent.click(await within(r).findByRole('button', { name: "Retirer l'accès de l'application Agenda familial" }))
    fireEvent.click(within(r).getByRole('button', { name: "Confirmer le retrait de l'application Agenda familial" }))

    expect(await within(r).findByRole('alert')).toBeTruthy()
    expect(within(r).getByRole('heading', { level: 3, name: 'Agenda familial' })).toBeTruthy()
  })
})
