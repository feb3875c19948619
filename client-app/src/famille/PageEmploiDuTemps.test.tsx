import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'

beforeEach(() => {
  // Thursday 3 December 2026, 10:30 in Paris: the maths lesson (10:00–11:00) is under way.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-03T09:30:00Z'))
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const cours = (n: Record<string, unknown>) => ({
  serviceId: 's-maths',
  matiere: 'Mathématiques',
  matiereCode: 'MATHS',
  classe: 'Seconde 1',
  enseignantId: 'p1',
  enseignant: 'Claire Martin',
  enseignantPrevu: null,
  debut: '2026-12-03T09:00:00Z',
  fin: '2026-12-03T10:00:00Z',
  salle: 'B12',
  statut: 'normal',
  debutPrevu: null,
  motif: null,
  modificationId: null,
  ...n,
})

const semaine = {
  du: '2026-11-30',
  au: '2026-12-06',
  eleves: [
    {
      eleveId: 'e1',
      prenom: 'Camille',
      nom: 'Michel',
      classe: 'Seconde 1',
      cours: [
        cours({}),
        cours({ serviceId: 's-fr', matiere: 'Français', debut: '2026-12-03T13:00:00Z', fin: '2026-12-03T14:00:00Z', statut: 'annule', motif: 'Professeur absent', debutPrevu: '2026-12-03T13:00:00Z', modificationId: 'm1' }),
        cours({ serviceId: 's-svt', matiere: 'SVT', debut: '2026-12-04T08:00:00Z', fin: '2026-12-04T09:00:00Z' }),
      ],
    },
    {
      eleveId: 'e2',
      prenom: 'Gabriel',
      nom: 'Michel',
      classe: 'Première générale 1',
      cours: [cours({ serviceId: 's-hg', matiere: 'Histoire-géographie', classe: 'Première générale 1', debut: '2026-12-03T07:00:00Z', fin: '2026-12-03T08:00:00Z' })],
    },
  ],
}

const SEMAINE = 'GET /api/scolarite/moi/emploi-du-temps?du=2026-11-30&au=2026-12-06'

async function ouvrir(adresse: string, moi: unknown, routes: Record<string, Route>) {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur({ 'GET /api/identite/me': { body: moi }, ...routes })
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)
  await screen.findByRole('heading', { level: 1, name: 'Emploi du temps' })
  return appels
}

describe('the families’ timetable', () => {
  it('shows all the children’s day on one screen, the lesson under way marked and a cancelled one struck and said', async () => {
    await ouvrir('/emploi-du-temps', parentDeDeux, { [SEMAINE]: { body: semaine } })
    expect(await screen.findByRole('heading', { name: /Camille Michel/ })).toBeTruthy()
    expect(screen.getByRole('heading', { name: /Gabriel Michel/ })).toBeTruthy()
    expect(screen.getByRole('heading', { level: 2, name: /Jeudi 3 décembre 2026 \(aujourd'hui\)/ })).toBeTruthy()

    const enCours = document.querySelector('[aria-current="time"]') as HTMLElement
    expect(within(enCours).getByText('Mathématiques')).toBeTruthy()
    expect(within(enCours).getByText('En cours')).toBeTruthy()

    const annule = screen.getByText('Annulé — Professeur absent').closest('li') as HTMLElement
    expect(annule.querySelector('s')?.textContent).toContain('Français')
    expect(screen.queryByText('SVT')).toBeNull() // tomorrow's
  })

  it('moves to the next day with the button and back with a swipe, keeping the day in the address', async () => {
    await ouvrir('/emploi-du-temps', parentDeDeux, { [SEMAINE]: { body: semaine } })
    await screen.findByText('Mathématiques')
    fireEvent.click(screen.getByRole('button', { name: 'Jour suivant' }))
    expect(await screen.findByRole('heading', { level: 2, name: 'Vendredi 4 décembre 2026' })).toBeTruthy()
    expect(screen.getByText('SVT')).toBeTruthy()
    expect(window.location.search).toContain('jour=2026-12-04')

    const zone = document.querySelector('.zone-glisser') as HTMLElement
    fireEvent.touchStart(zone, { touches: [{ clientX: 20, clientY: 100 }] })
    fireEvent.touchEnd(zone, { changedTouches: [{ clientX: 200, clientY: 110 }] })
    expect(await screen.findByRole('heading', { level: 2, name: /Jeudi 3 décembre 2026/ })).toBeTruthy()
  })

  it('lets a guardian pick one child, and opens the day a notification links to', async () => {
    await ouvrir('/emploi-du-temps?eleve=e2&jour=2026-12-03', parentDeDeux, { [SEMAINE]: { body: semaine } })
    expect(await screen.findByText('Histoire-géographie')).toBeTruthy()
    expect(screen.queryByText('Mathématiques')).toBeNull()
    fireEvent.change(screen.getByLabelText('Enfant'), { target: { value: 'tous' } })
    expect(await screen.findByText('Mathématiques')).toBeTruthy()
  })

  it('shows the week on demand', async () => {
    await ouvrir('/emploi-du-temps', eleveSeul, { [SEMAINE]: { body: { ...semaine, eleves: [{ ...semaine.eleves[0], eleveId: 'moi-eleve' }] } } })
    await screen.findByText('Mathématiques')
    fireEvent.click(screen.getByRole('button', { name: 'Vue semaine' }))
    expect(await screen.findByRole('heading', { level: 2, name: /Semaine du lundi 30 novembre 2026/ })).toBeTruthy()
    expect(screen.getByText('SVT')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'ven. 4 déc.' })).toBeTruthy()
  })
})
