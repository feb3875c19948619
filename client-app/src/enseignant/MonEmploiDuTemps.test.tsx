import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { professeur } from '../commun/testing/vieScolaire'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-03T10:30:00Z')) // Thursday 11:30 in Paris
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const cours = (n: Record<string, unknown>) => ({
  serviceId: 's1',
  matiere: 'Français',
  matiereCode: 'FRANCAIS',
  classe: 'Seconde 1',
  enseignantId: 'p',
  enseignant: 'Claire Moreau',
  debut: '2026-12-03T07:00:00Z',
  fin: '2026-12-03T08:00:00Z',
  salle: 'A01',
  statut: 'normal',
  ...n,
})

describe('the teacher’s timetable', () => {
  it('shows the day with each lesson’s roll call, a lesson taken by a colleague said so', async () => {
    window.history.replaceState(null, '', '/enseignement/emploi-du-temps')
    fauxServeur({
      'GET /api/identite/me': { body: professeur },
      'GET /api/scolarite/enseignants/moi/emploi-du-temps?du=2026-11-30&au=2026-12-06': {
        body: {
          du: '2026-11-30',
          au: '2026-12-06',
          cours: [
            cours({}),
            cours({ serviceId: 's2', classe: 'Première générale 1', debut: '2026-12-03T10:00:00Z', fin: '2026-12-03T11:00:00Z' }),
            cours({ serviceId: 's3', classe: 'Seconde 2', debut: '2026-12-03T13:00:00Z', fin: '2026-12-03T14:00:00Z', statut: 'remplace', enseignantId: 'x', enseignant: 'Paul Roux', enseignantPrevu: 'Claire Moreau', debutPrevu: '2026-12-03T13:00:00Z' }),
          ],
        },
      },
      'GET /api/viescolaire/me/cours?date=2026-12-03': {
        body: { date: '2026-12-03', cours: [{ serviceId: 's1', cours: 'Français — Seconde 1', debut: '2026-12-03T07:00:00Z', fin: '2026-12-03T08:00:00Z', appelFait: true }], services: [] },
      },
    })
    render(<App chemin="/enseignement/emploi-du-temps" gestionnaire={fauxGestionnaire(utilisateur('Claire Moreau'))} />)
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon emploi du temps' })).toBeTruthy()
    expect(await screen.findByText('Appel fait ✓')).toBeTruthy()
    const enCours = document.querySelector('[aria-current="time"]') as HTMLElement
    expect(within(enCours).getByText(/Première générale 1/)).toBeTruthy()
    expect(within(enCours).getByRole('link', { name: "Faire l'appel" }).getAttribute('href')).toContain('/appel/s2?')
    expect(screen.getByText('Remplacé — Paul Roux remplace Claire Moreau')).toBeTruthy()
  })
})
