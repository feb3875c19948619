import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { cpe } from '../commun/testing/vieScolaire'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const annonce = (a: Record<string, unknown>) => ({
  id: 'a',
  titre: 'Annonce',
  texte: 'Texte.',
  auteur: 'Hélène Garnier',
  etablissement: 'Lycée démo',
  publieeLe: '2026-11-28T08:00:00Z',
  lue: true,
  accuseLecture: false,
  aConfirmer: false,
  confirmeeLe: null,
  piecesJointes: [],
  ...a,
})

const annonces = [
  annonce({ id: 'a1', titre: 'Sortie au théâtre', texte: 'Départ à 13 h 30.\nRetour à 17 h.', lue: false, accuseLecture: true, aConfirmer: true }),
  annonce({ id: 'a2', titre: 'Photo de classe', lue: false }),
  annonce({ id: 'a3', titre: 'Rentrée' }),
]

async function ouvrir(adresse: string, table: Record<string, Route>, qui = 'Philippe Michel') {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(table)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  return appels
}

describe('announcements for a family', () => {
  it('stand out on the home page when unread or to confirm, each a link to the list', async () => {
    await ouvrir('/', { 'GET /api/identite/me': { body: parentDeDeux }, 'GET /api/communication/me/annonces': { body: annonces } })
    const region = await screen.findByRole('region', { name: 'Annonces' })
    await within(region).findByText('2 annonces non lues, 1 lecture à confirmer')
    const items = within(region).getAllByRole('listitem')
    expect(items.map((li) => within(li).getByRole('heading').textContent)).toEqual(['NouveauÀ confirmerSortie au théâtre', 'NouveauPhoto de classe', 'Rentrée'])
    expect(within(region).getByRole('link', { name: 'Sortie au théâtre' }).getAttribute('href')).toBe('/annonces?annonce=a1')
  })

  it('opens the one a link names, marks it read, and confirms its reading', async () => {
    const appels = await ouvrir('/annonces?annonce=a1', {
      'GET /api/identite/me': { body: parentDeDeux },
      'GET /api/communication/me/annonces': { body: annonces },
      'GET /api/communication/annonces/a1': { body: { ...annonces[0], lue: true } },
      'POST /api/communication/annonces/a1/confirmation': { status: 204 },
    })
    const carte = await screen.findByRole('listitem', { name: /Sortie au théâtre/ })
    await within(carte).findByText(/Retour à 17 h\./)
    expect(appels.map((a) => a.route)).toContain('GET /api/communication/annonces/a1')
    await waitFor(() => expect(within(carte).queryByText('Nouveau')).toBeNull())

    fireEvent.click(within(carte).getByRole('button', { name: "J'ai lu cette annonce : « Sortie au théâtre »" }))
    await within(carte).findByText(/^Lecture confirmée le /)
    expect(within(carte).queryByText('À confirmer')).toBeNull()
    expect(appels.map((a) => a.route)).toContain('POST /api/communication/annonces/a1/confirmation')
  })
})

describe('the follow-up of an announcement', () => {
  const suivi = {
    id: 's1',
    titre: 'Sortie au théâtre',
    accuseLecture: true,
    destinataires: 5,
    lues: 3,
    familles: 3,
    famillesConfirmees: 1,
    relanceeLe: null,
    texte: 'Départ à 13 h 30 devant le lycée.',
    audience: 'Familles — Seconde 2',
    visibleDu: '2026-11-27T08:00:00Z',
    visibleAu: null,
    modifieeLe: null,
    retireeLe: null,
    modifiable: false,
    piecesJointes: [],
    classes: [
      {
        classe: '2NDE2',
        familles: 3,
        confirmees: 1,
        eleves: [
          { eleveId: 'e1', eleve: 'Léa Martin', confirmee: true, responsables: [{ id: 'r1', nom: 'Anne Martin', lueLe: '2026-11-28T09:00:00Z', confirmeeLe: '2026-11-28T09:00:00Z' }] },
          { eleveId: 'e2', eleve: 'Tom Petit', confirmee: false, responsables: [{ id: 'r2', nom: 'Paul Petit', lueLe: null, confirmeeLe: null }] },
          { eleveId: 'e3', eleve: 'Zoé Roux', confirmee: false, responsables: [{ id: 'r3', nom: 'Marc Roux', lueLe: '2026-11-28T10:00:00Z', confirmeeLe: null }] },
        ],
      },
    ],
  }

  it('shows who has and has not confirmed, and reminds only the others', async () => {
    const appels = await ouvrir('/annonces/s1/suivi', {
      'GET /api/identite/me': { body: cpe },
      'GET /api/communication/annonces/s1/suivi': { body: suivi },
      'POST /api/communication/annonces/s1/relance': { body: { familles: 2, responsables: 2 } },
    }, 'Karim Benali')
    await screen.findByText('3 lectures sur 5 destinataires.', { exact: false })
    expect(screen.getByText(/^2NDE2 — 1 famille sur 3 a confirmé/)).toBeTruthy()
    expect(screen.getAllByText(/pas encore confirmé/)).toHaveLength(2)

    fireEvent.click(screen.getByRole('button', { name: "Relancer les 2 familles qui n'ont pas confirmé" }))
    await screen.findByText('Relance envoyée à 2 familles (2 responsables).')
    expect(appels.filter((a) => a.route === 'POST /api/communication/annonces/s1/relance')).toHaveLength(1)
    // The CPE follows it up but does not correct nor withdraw it (its author and the direction do).
    expect(screen.queryByRole('button', { name: "Retirer l'annonce" })).toBeNull()
  })

  it('lets its author withdraw it after a confirmation, and says the audience is fixed when correcting', async () => {
    const appels = await ouvrir('/annonces/s1/suivi', {
      'GET /api/identite/me': { body: cpe },
      'GET /api/communication/annonces/s1/suivi': { body: { ...suivi, modifiable: true } },
      'POST /api/communication/annonces/s1/retrait': { status: 204 },
    }, 'Karim Benali')
    fireEvent.click(await screen.findByRole('button', { name: "Modifier l'annonce" }))
    expect(screen.getByText(/l'accusé de lecture ne changent plus une fois l'annonce publiée/)).toBeTruthy()
    expect((screen.getByLabelText('Titre') as HTMLInputElement).value).toBe('Sortie au théâtre')
    fireEvent.click(screen.getByRole('button', { name: 'Annuler' }))

    fireEvent.click(screen.getByRole('button', { name: "Retirer l'annonce" }))
    expect(appels.filter((a) => a.route === 'POST /api/communication/annonces/s1/retrait')).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer le retrait' }))
    await screen.findByText('Annonce retirée : ses destinataires ne la voient plus.')
    expect(appels.filter((a) => a.route === 'POST /api/communication/annonces/s1/retrait')).toHaveLength(1)
  })
})
