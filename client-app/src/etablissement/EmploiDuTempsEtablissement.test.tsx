import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { cpe } from '../commun/testing/vieScolaire'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-03T07:00:00Z')) // Thursday 08:00 in Paris
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const cours = (n: Record<string, unknown>) => ({
  serviceId: 's-ang',
  matiere: 'Anglais LV1',
  matiereCode: 'ANGLAIS',
  classe: 'Seconde 1',
  enseignantId: 'p6',
  enseignant: 'Linh Benali',
  debut: '2026-12-03T09:00:00Z',
  fin: '2026-12-03T10:00:00Z',
  salle: 'A01',
  statut: 'normal',
  ...n,
})

const listes = {
  du: '2026-12-03',
  au: '2026-12-03',
  classes: [{ code: '2NDE1', libelle: 'Seconde 1' }],
  groupes: [],
  salles: ['A01'],
  enseignants: [
    { id: 'p6', nom: 'Linh Benali' },
    { id: 'p5', nom: 'Karim Muller' },
  ],
  cours: [],
}

const BASE = '/api/scolarite/etablissements/0750000A'

describe('the desk’s timetable', () => {
  it('cancels a teacher’s lessons of the day in one request, with the reason the families read', async () => {
    window.history.replaceState(null, '', '/vie-scolaire/emploi-du-temps')
    const appels = fauxServeur({
      'GET /api/identite/me': { body: cpe },
      [`GET ${BASE}/emploi-du-temps?du=2026-12-03&au=2026-12-03`]: { body: listes },
      [`GET ${BASE}/emploi-du-temps?enseignant=p6&du=2026-12-03&au=2026-12-03`]: {
        body: { ...listes, cours: [cours({}), cours({ classe: 'Première générale 1', serviceId: 's-ang-1', debut: '2026-12-03T13:00:00Z', fin: '2026-12-03T14:00:00Z' })] },
      },
      [`POST ${BASE}/modifications-cours`]: { body: { modifications: [{ id: 'm1' }, { id: 'm2' }] } },
    })
    render(<App chemin="/vie-scolaire/emploi-du-temps" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
    await screen.findByRole('heading', { level: 1, name: 'Emploi du temps' })
    fireEvent.change(await screen.findByLabelText('Voir'), { target: { value: 'enseignant' } })
    await screen.findByRole('option', { name: 'Linh Benali' })
    fireEvent.change(screen.getByLabelText('Enseignant'), { target: { value: 'p6' } })
    fireEvent.click(await screen.findByRole('checkbox', { name: /Anglais LV1, Seconde 1/ }))
    fireEvent.click(screen.getByRole('checkbox', { name: /Anglais LV1, Première générale 1/ }))
    fireEvent.change(screen.getByLabelText(/Motif lu par les familles/), { target: { value: 'Professeur absent' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer et prévenir les familles' }))

    expect(await screen.findByText('2 cours modifiés : les élèves et leurs familles sont prévenus.')).toBeTruthy()
    const envoi = appels.find((a) => a.route.startsWith('POST'))
    expect(envoi?.corps).toEqual({
      modifications: [
        { serviceId: 's-ang', debutPrevu: '2026-12-03T09:00:00Z', nature: 'annule', motif: 'Professeur absent', salle: null, debut: null, fin: null, remplacantId: null },
        { serviceId: 's-ang-1', debutPrevu: '2026-12-03T13:00:00Z', nature: 'annule', motif: 'Professeur absent', salle: null, debut: null, fin: null, remplacantId: null },
      ],
    })
  })
})
