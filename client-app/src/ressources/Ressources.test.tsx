import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur, parentDeDeux } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'

const manuel = {
  idRessource: 'ark:/86527/maths-2nde',
  nomRessource: 'Mathématiques 2de',
  nomEditeur: 'Éditions Exemple',
  urlVignette: 'https://vignettes.exemple.fr/maths.png',
  urlAccesRessource: 'https://gar.exemple.fr/ressource/maths-2nde',
  typePresentation: 'Manuel numérique',
  niveauxEducatifs: ['Seconde'],
  domainesEnseignement: ['Mathématiques'],
}
const liste = (autres: Record<string, unknown> = {}) => ({
  uai: '0750000A',
  etablissement: 'Lycée démo',
  garActif: true,
  aJour: true,
  obtenueLe: '2026-12-02T07:14:00Z',
  avertissement: null,
  ressources: [manuel],
  ...autres,
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Mes manuels et ressources', () => {
  it('lists a pupil’s resources, each opened in a new tab, the opening recorded for the family', async () => {
    const appels = fauxServeur({
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/ressources/me/ressources-numeriques': { body: liste() },
      'POST /api/ressources/me/ressources-numeriques/ouvertures': { status: 201, body: { id: 'o1', urlAccesRessource: manuel.urlAccesRessource } },
    })
    render(<App chemin="/ressources" gestionnaire={fauxGestionnaire(utilisateur('Inès Durand'))} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Mes manuels et ressources' })).toBeTruthy()
    // The class workspace is one link away (issue 18).
    expect(screen.getByRole('link', { name: 'Espace de classe' }).getAttribute('href')).toBe('/espaces')
    const carte = (await screen.findByRole('heading', { level: 3, name: 'Mathématiques 2de' })).closest('li')!
    expect(within(carte).getByText('Éditions Exemple · Manuel numérique')).toBeTruthy()
    const lien = within(carte).getByRole('link', { name: 'Ouvrir « Mathématiques 2de » (nouvel onglet)' })
    expect(lien.getAttribute('href')).toBe(manuel.urlAccesRessource)
    expect(lien.getAttribute('target')).toBe('_blank')
    expect(lien.getAttribute('rel')).toContain('noopener')
    // The cover is decoration: its title is the heading beside it.
    expect(carte.querySelector('img')!.getAttribute('alt')).toBe('')

    lien.addEventListener('click', (e) => e.preventDefault())
    fireEvent.click(lien)
    await waitFor(() =>
      expect(appels.find((a) => a.route === 'POST /api/ressources/me/ressources-numeriques/ouvertures')?.corps).toEqual({ idRessource: manuel.idRessource }),
    )
  })

  it('says so when the list is an older one (the GAR slow or down), and when the ENT is not connected to the GAR', async () => {
    fauxServeur({
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/ressources/me/ressources-numeriques': {
        body: liste({ aJour: false, avertissement: 'Le GAR ne répond pas : voici la liste obtenue le 2 déc. à 8 h 14.' }),
      },
    })
    render(<App chemin="/ressources" gestionnaire={fauxGestionnaire(utilisateur('Inès Durand'))} />)
    expect(await screen.findByText('Le GAR ne répond pas : voici la liste obtenue le 2 déc. à 8 h 14.')).toBeTruthy()
    expect(screen.getByRole('link', { name: /Ouvrir « Mathématiques 2de »/ })).toBeTruthy()
    cleanup()

    fauxServeur({
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/ressources/me/ressources-numeriques': {
        body: liste({ garActif: false, ressources: [], obtenueLe: null, avertissement: "Votre établissement n'est pas encore relié au GAR." }),
      },
    })
    render(<App chemin="/ressources" gestionnaire={fauxGestionnaire(utilisateur('Inès Durand'))} />)
    expect(await screen.findByText("Votre établissement n'est pas encore relié au GAR.")).toBeTruthy()
    expect(screen.queryByRole('link', { name: /Ouvrir/ })).toBeNull()
  })
})

describe('the resources a child opened (guardian)', () => {
  it('lists the week’s openings of the chosen child, week by week, with the retention', async () => {
    const appels = fauxServeur({
      'GET /api/identite/me': { body: parentDeDeux },
      'GET /api/ressources/eleves/e2/ressources-ouvertes?semaine=2026-11-23': {
        body: {
          lundi: '2026-11-23',
          dimanche: '2026-11-29',
          ouvertures: [{ idRessource: manuel.idRessource, nomRessource: 'Mathématiques 2de', nomEditeur: 'Éditions Exemple', ouverteLe: '2026-11-24T16:05:00Z' }],
          conservation: "l'année scolaire en cours",
        },
      },
    })
    render(<App chemin="/ressources?eleve=e2&semaine=2026-11-25" gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)

    expect(await screen.findByRole('heading', { level: 2, name: 'Ressources ouvertes par Gabriel Michel' })).toBeTruthy()
    expect(await screen.findByRole('heading', { level: 3, name: 'Mathématiques 2de' })).toBeTruthy()
    expect(screen.getByText(/ouverte le/).textContent).toContain('24 nov.')
    expect(screen.getByText("Conservation : l'année scolaire en cours.")).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Semaine précédente' }).getAttribute('href')).toBe('/ressources?eleve=e2&semaine=2026-11-16')
    // A guardian has no resources of their own to open.
    expect(screen.queryByRole('heading', { level: 1, name: 'Mes manuels et ressources' })).toBeNull()
    expect(appels.some((a) => a.route.startsWith('GET /api/ressources/me/'))).toBe(false)
  })
})
