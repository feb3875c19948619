import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { fauxServeur, notesCamille, notesGabriel, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { absencesCamille } from '../commun/testing/vieScolaire'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

/** Gabriel was in Première 1 last year, and is in Terminale générale 1 this year. */
const anneesGabriel = [
  { annee: '2026-2027', courante: true, classe: 'Terminale générale 1' },
  { annee: '2025-2026', courante: false, classe: 'Première 1' },
]

const periodesPassees = [
  { id: 'a1', libelle: '1er semestre', debut: '2025-09-01', fin: '2026-01-31', bulletinPublie: true },
  { id: 'a2', libelle: '2nd semestre', debut: '2026-02-01', fin: '2026-07-04', bulletinPublie: true },
]

const notesPassees = {
  ...notesGabriel,
  classe: 'Première 1',
  anneeScolaire: '2025-2026',
  periodes: periodesPassees,
  periode: periodesPassees[1],
  moyenneGenerale: 13.1,
  matieres: [
    {
      ...notesGabriel.matieres[0],
      serviceId: 's-maths',
      matiereCode: 'MATHS',
      matiere: 'Mathématiques',
      appreciation: 'Une belle année.',
      notes: [{ ...notesGabriel.matieres[0].notes[0], evaluationId: 'm1', titre: 'Fonctions affines', bareme: 20, valeur: 14.5, date: '2026-03-12' }],
    },
  ],
}

const API = '/api/scolarite/eleves/e2'

const routes = (autres: Record<string, Route> = {}) => ({
  'GET /api/identite/me': { body: parentDeDeux },
  [`GET ${API}/annees`]: { body: anneesGabriel },
  [`GET ${API}/notes`]: { body: { ...notesGabriel, anneeScolaire: '2026-2027' } },
  [`GET ${API}/notes?annee=2025-2026`]: { body: notesPassees },
  'GET /api/scolarite/eleves/e1/annees': { body: [{ annee: '2026-2027', courante: true, classe: 'Seconde 2' }] },
  'GET /api/scolarite/eleves/e1/notes': { body: { ...notesCamille, anneeScolaire: '2026-2027' } },
  ...autres,
})

async function ouvrir(adresse: string, lesRoutes: Record<string, Route>, titre: RegExp) {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(lesRoutes)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)
  await screen.findByRole('heading', { level: 1, name: titre })
  return appels
}

const choixAnnee = async () => (await screen.findByRole('combobox', { name: 'Année scolaire' })) as HTMLSelectElement

describe('the year selector', () => {
  it('opens this year, offers the years with their class, and shows last year in the address when chosen', async () => {
    const appels = await ouvrir('/notes?eleve=e2', routes(), /^Notes/)
    const annee = await choixAnnee()
    expect(annee.value).toBe('2026-2027')
    expect([...annee.options].map((o) => o.textContent)).toEqual(['2026-2027 · Terminale générale 1 (en cours)', '2025-2026 · Première 1'])
    expect(await screen.findByText('Gabriel Michel · Terminale générale 1')).toBeTruthy()

    fireEvent.change(annee, { target: { value: '2025-2026' } })
    expect(await screen.findByText('Gabriel Michel · Première 1')).toBeTruthy()
    expect(appels.map((a) => a.route)).toContain(`GET ${API}/notes?annee=2025-2026`)
    expect(window.location.search).toBe('?eleve=e2&annee=2025-2026')
    // Last year opens on its last period, with its own periods to switch, and its report card's link names the year.
    expect((screen.getByRole('combobox', { name: 'Période' }) as HTMLSelectElement).value).toBe('a2')
    expect(screen.getByText('Une belle année.')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Bulletin du 2nd semestre' }).getAttribute('href')).toBe('/bulletins?eleve=e2&annee=2025-2026&periode=a2')

    // Choosing a period keeps the year in the address.
    fireEvent.change(screen.getByRole('combobox', { name: 'Période' }), { target: { value: 'a1' } })
    expect(window.location.search).toBe('?eleve=e2&annee=2025-2026&periode=a1')

    // Back to this year: the address loses the year.
    fireEvent.change(await choixAnnee(), { target: { value: '2026-2027' } })
    expect(await screen.findByText('Gabriel Michel · Terminale générale 1')).toBeTruthy()
    expect(window.location.search).toBe('?eleve=e2')
  })

  it('keeps the year of the address on a reload or a link', async () => {
    const appels = await ouvrir('/notes?eleve=e2&annee=2025-2026', routes(), /^Notes/)
    expect(await screen.findByText('Gabriel Michel · Première 1')).toBeTruthy()
    expect((await choixAnnee()).value).toBe('2025-2026')
    expect(appels.map((a) => a.route)).not.toContain(`GET ${API}/notes`)
  })

  it('is not offered to a pupil in their first year', async () => {
    const appels = await ouvrir('/notes?eleve=e1', routes(), /^Notes/)
    expect(await screen.findByText('Camille Michel · Seconde 2')).toBeTruthy()
    await vi.waitFor(() => expect(appels.map((a) => a.route)).toContain('GET /api/scolarite/eleves/e1/annees'))
    await new Promise((fini) => setTimeout(fini, 20)) // the answer is read and rendered
    expect(screen.queryByRole('combobox', { name: 'Année scolaire' })).toBeNull()
  })

  it('is not offered when the years cannot be read, and the page still shows this year', async () => {
    const appels = await ouvrir('/notes?eleve=e2', routes({ [`GET ${API}/annees`]: { status: 500, body: { title: 'Erreur' } } }), /^Notes/)
    expect(await screen.findByText('Gabriel Michel · Terminale générale 1')).toBeTruthy()
    await vi.waitFor(() => expect(appels.map((a) => a.route)).toContain(`GET ${API}/annees`))
    await new Promise((fini) => setTimeout(fini, 20))
    expect(screen.queryByRole('combobox', { name: 'Année scolaire' })).toBeNull()
  })

  it('offers last year to a pupil who has no class yet this year (the rentrée before the import)', async () => {
    const appels = await ouvrir(
      '/notes?eleve=e2',
      routes({
        [`GET ${API}/annees`]: { body: [anneesGabriel[1]] },
        [`GET ${API}/notes`]: { status: 404, body: { title: 'Ressource introuvable', status: 404 } },
      }),
      /^Notes/,
    )
    expect(await screen.findByText(/^Notes introuvables/)).toBeTruthy()
    const annee = await choixAnnee()
    expect(annee.value).toBe('')
    expect([...annee.options].map((o) => o.textContent)).toEqual(['Choisir une année', '2025-2026 · Première 1'])

    fireEvent.change(annee, { target: { value: '2025-2026' } })
    expect(await screen.findByText('Gabriel Michel · Première 1')).toBeTruthy()
    expect(appels.map((a) => a.route)).toContain(`GET ${API}/notes?annee=2025-2026`)
    expect(window.location.search).toBe('?eleve=e2&annee=2025-2026')
  })

  it("lists last year's report cards, each link naming the year", async () => {
    await ouvrir('/bulletins?eleve=e2', routes(), /^Bulletins/)
    fireEvent.change(await choixAnnee(), { target: { value: '2025-2026' } })
    const liens = await screen.findAllByRole('link', { name: /^Bulletin du .* 2025-2026$/ })
    expect(liens.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Bulletin du 1er semestre 2025-2026', '/bulletins?eleve=e2&annee=2025-2026&periode=a1'],
      ['Bulletin du 2nd semestre 2025-2026', '/bulletins?eleve=e2&annee=2025-2026&periode=a2'],
    ])
    expect(window.location.search).toBe('?eleve=e2&annee=2025-2026')
  })

  it("shows last year's absences to read, without justifying", async () => {
    const passees = { ...absencesCamille, eleveId: 'e2', anneeScolaire: '2025-2026', demiJourneesAnnee: 3 }
    const appels = await ouvrir(
      '/absences?eleve=e2&annee=2025-2026',
      routes({
        'GET /api/viescolaire/eleves/e2/absences?annee=2025-2026': { body: passees },
        'GET /api/viescolaire/eleves/e2/justificatifs': { body: [] },
      }),
      /^Absences/,
    )
    const region = await screen.findByRole('region', { name: 'Absences et retards de 2025-2026' })
    expect(within(region).getAllByRole('listitem')).toHaveLength(passees.absences.length)
    expect((await choixAnnee()).value).toBe('2025-2026')
    expect(appels.map((a) => a.route)).toContain('GET /api/viescolaire/eleves/e2/absences?annee=2025-2026')
    expect(screen.queryByRole('button', { name: /Justifier/ })).toBeNull()
    expect([...document.querySelectorAll('.chiffres dt')].map((d) => d.textContent)).toEqual(["Demi-journées d'absence en 2025-2026"])
  })
})
