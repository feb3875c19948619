import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const devoir = (id: string, matiere: string, n: Record<string, unknown> = {}) => ({
  devoir: {
    id,
    serviceId: 's1',
    seanceId: 'se1',
    matiere,
    pourLe: '2026-11-27',
    consigne: '<p>Exercice 3 <strong>p. 45</strong></p>',
    dureeMinutes: 30,
    aRendre: false,
    evaluation: false,
    publieLe: '2026-11-24T08:00:00Z',
  },
  division: 'Seconde 1',
  donneLe: '2026-11-24T07:00:00Z',
  fait: false,
  faitLe: null,
  vu: false,
  vuParMoi: false,
  coursManque: false,
  ...n,
})

const devoirs = (eleveId: string) => ({
  eleveId,
  du: '2026-11-25',
  au: '2026-12-08',
  jours: [
    {
      jour: '2026-11-27',
      minutes: 90,
      devoirs: [devoir('d1', 'Mathématiques', { fait: true, faitLe: '2026-11-25T18:00:00Z' }), devoir('d2', 'Histoire', { coursManque: true, devoir: { ...devoir('d2', 'Histoire').devoir, evaluation: true, dureeMinutes: 60 } })],
    },
  ],
})

async function ouvrir(adresse: string, routes: Record<string, Route>, qui: string) {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(routes)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  await screen.findByRole('heading', { level: 1, name: 'Devoirs' })
  return appels
}

describe('the homework to do', () => {
  it('lets the pupil tick « fait », by day due with the day’s workload', async () => {
    const appels = await ouvrir(
      '/devoirs',
      {
        'GET /api/identite/me': { body: eleveSeul },
        'GET /api/scolarite/eleves/moi-eleve/devoirs': { body: devoirs('moi-eleve') },
        'PUT /api/scolarite/eleves/moi-eleve/devoirs/d2/fait': { status: 204 },
      },
      'Inès Durand',
    )
    const jour = await screen.findByRole('region', { name: /^Pour .*27 novembre 2026$/ })
    expect(within(jour).getByText('1 h 30 de travail estimé (charge moyenne)')).toBeTruthy()
    expect(within(jour).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Mathématiques', 'Histoire'])
    expect(within(jour).getByText('Cours manqué')).toBeTruthy()
    expect(within(jour).getByText('Contrôle')).toBeTruthy()
    const coches = within(jour).getAllByRole('checkbox', { name: 'Fait' })
    expect(coches.map((c) => (c as HTMLInputElement).checked)).toEqual([true, false])
    fireEvent.click(coches[1])
    await vi.waitFor(() => expect((coches[1] as HTMLInputElement).checked).toBe(true))
    expect(appels.map((a) => a.route)).toContain('PUT /api/scolarite/eleves/moi-eleve/devoirs/d2/fait')
    expect(within(jour).queryByRole('checkbox', { name: 'Vu' })).toBeNull()
  })

  it('shows the guardian the pupil’s tick and lets them tick « vu »', async () => {
    const appels = await ouvrir(
      '/devoirs?eleve=e1',
      {
        'GET /api/identite/me': { body: parentDeDeux },
        'GET /api/scolarite/eleves/e1/devoirs': { body: devoirs('e1') },
        'PUT /api/scolarite/eleves/e1/devoirs/d1/vu': { status: 204 },
      },
      'Philippe Michel',
    )
    const jour = await screen.findByRole('region', { name: /^Pour .*27 novembre 2026$/ })
    expect(within(jour).getByText('✓ Fait, coché par l’élève')).toBeTruthy()
    expect(within(jour).queryByRole('checkbox', { name: 'Fait' })).toBeNull()
    const vus = within(jour).getAllByRole('checkbox', { name: 'Vu' })
    fireEvent.click(vus[0])
    await vi.waitFor(() => expect((vus[0] as HTMLInputElement).checked).toBe(true))
    expect(appels.map((a) => a.route)).toContain('PUT /api/scolarite/eleves/e1/devoirs/d1/vu')
  })
})
