import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { aujourdhui } from '../commun/format'
import { fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { debutMois, finMois } from './calendrier'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

// The pages ask for this month and the next two, whatever today is.
const du = debutMois(aujourdhui())
const au = finMois(debutMois(du, 2))

const conseil = {
  id: 'ev1',
  uai: '0750000A',
  categorie: 'conseil_classe',
  titre: 'Conseil de classe — Seconde 1',
  description: 'Les délégués y participent.',
  lieu: 'Salle du conseil',
  jourDebut: du,
  jourFin: du,
  heureDebut: '17:00',
  heureFin: '18:30',
  audience: { divisions: [{ id: 'c1', nature: 'classe', code: '2NDE1', libelle: 'Seconde 1' }], profils: ['familles', 'personnels'] },
  pour: ['Camille'],
  modifiable: false,
  piecesJointes: [],
}

const direction = {
  ...parentDeDeux,
  id: 'dir',
  prenom: 'Claire',
  nom: 'Proviseure',
  profils: [{ uai: '0750000A', etablissement: 'Lycée démo', profil: 'personnel', fonction: 'direction' }],
  enfants: [],
}

async function ouvrir(adresse: string, routes: Record<string, Route>, titre: string) {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(routes)
  render(<App chemin={adresse} gestionnaire={fauxGestionnaire(utilisateur('qui'))} />)
  await screen.findByRole('heading', { level: 1, name: titre })
  return appels
}

describe('the school calendar', () => {
  it('shows a family the events of their children’s classes, by month, named by child, and offers the .ics', async () => {
    const appels = await ouvrir(
      '/agenda',
      {
        'GET /api/identite/me': { body: parentDeDeux },
        [`GET /api/communication/me/evenements?du=${du}&au=${au}`]: { body: [conseil] },
        'GET /api/communication/evenements/ev1/ics': { brut: { texte: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', type: 'text/calendar' } },
      },
      'Agenda',
    )
    const carte = (await screen.findByRole('heading', { level: 3, name: 'Conseil de classe — Seconde 1' })).closest('article')!
    expect(within(carte).getByText('Pour Camille')).toBeTruthy()
    expect(within(carte).getByText(/de 17 h à 18 h 30/)).toBeTruthy()
    expect(within(carte).getByText('Lieu : Salle du conseil')).toBeTruthy()
    // A family has no staff calendar nor any button to change the event.
    expect(screen.queryByRole('link', { name: /Calendrier de l'établissement/ })).toBeNull()
    expect(within(carte).queryByRole('button', { name: 'Modifier' })).toBeNull()

    const creer = vi.fn(() => 'blob:ics')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: creer, revokeObjectURL: vi.fn() }))
    fireEvent.click(within(carte).getByRole('button', { name: 'Ajouter à mon agenda (.ics)' }))
    await vi.waitFor(() => expect(creer).toHaveBeenCalled())
    expect(appels.map((a) => a.route)).toContain('GET /api/communication/evenements/ev1/ics')
  })

  it('opens at the month of a notification’s link (?jour=)', async () => {
    // A day in a fixed month, far from today's: 1 September 2027 (a school year's first day, a month's first day).
    const appels = await ouvrir(
      '/agenda?jour=2027-09-01&evenement=ev1',
      {
        'GET /api/identite/me': { body: parentDeDeux },
        'GET /api/communication/me/evenements?du=2027-09-01&au=2027-11-30': { body: [{ ...conseil, jourDebut: '2027-09-01', jourFin: '2027-09-01' }] },
      },
      'Agenda',
    )
    await screen.findByRole('heading', { level: 3, name: 'Conseil de classe — Seconde 1' })
    expect(appels.map((a) => a.route)).toContain('GET /api/communication/me/evenements?du=2027-09-01&au=2027-11-30')
  })

  it('lets the head add an event to a class, with the server’s errors beside their field', async () => {
    let essais = 0
    const appels = await ouvrir(
      '/agenda/etablissement',
      {
        'GET /api/identite/me': { body: direction },
        'GET /api/communication/etablissements/0750000A/agenda': {
          body: {
            uai: '0750000A',
            etablissement: 'Lycée démo',
            peutCreer: true,
            toutLEtablissement: true,
            divisions: [
              { id: 'c1', nature: 'classe', code: '2NDE1', libelle: 'Seconde 1' },
              { id: 'c2', nature: 'classe', code: 'TG1', libelle: 'Terminale générale 1' },
            ],
            ciblables: ['c1', 'c2'],
          },
        },
        [`GET /api/communication/etablissements/0750000A/evenements?du=${du}&au=${au}`]: { body: [{ ...conseil, pour: [], modifiable: true }] },
        'POST /api/communication/etablissements/0750000A/evenements': () =>
          ++essais === 1
            ? { status: 400, body: { status: 400, detail: 'Corrigez les champs indiqués puis renvoyez la requête.', errors: { titre: ['Le titre est obligatoire (200 caractères au plus).'] } } }
            : { status: 201, body: { ...conseil, id: 'ev2', titre: 'Sortie au musée', categorie: 'sortie', modifiable: true } },
      },
      "Calendrier de l'établissement",
    )
    expect(await screen.findByText('Seconde 1 — familles, personnels')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un événement' }))
    const formulaire = await screen.findByRole('form', { name: 'Nouvel événement' })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Enregistrer' }))
    const titre = within(formulaire).getByLabelText('Titre')
    expect(await within(formulaire).findByText('Le titre est obligatoire (200 caractères au plus).')).toBeTruthy()
    expect(titre.getAttribute('aria-invalid')).toBe('true')

    fireEvent.change(titre, { target: { value: 'Sortie au musée' } })
    fireEvent.change(within(formulaire).getByLabelText('Catégorie'), { target: { value: 'sortie' } })
    fireEvent.click(within(formulaire).getByLabelText('Seconde 1'))
    fireEvent.click(within(formulaire).getByLabelText('Personnels'))
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Enregistrer' }))
    expect(await screen.findByText('Événement « Sortie au musée » ajouté au calendrier.')).toBeTruthy()
    const envoi = appels.filter((a) => a.route.startsWith('POST')).at(-1)!.corps as Record<string, unknown>
    expect(envoi).toMatchObject({ titre: 'Sortie au musée', categorie: 'sortie', divisions: ['c1'], profils: ['eleves', 'familles'], heureDebut: '17:30' })
  })
})
