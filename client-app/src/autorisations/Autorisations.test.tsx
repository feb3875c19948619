import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { professeur } from '../commun/testing/vieScolaire'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

async function ouvrir(adresse: string, table: Record<string, Route>, qui = 'Philippe Michel') {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(table)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  return appels
}

const oui = 'Je soussigné(e) Philippe Michel, responsable légal(e) de Camille Michel, autorise mon enfant à participer à « Sortie au Louvre ».'
const non = 'Je soussigné(e) Philippe Michel, responsable légal(e) de Camille Michel, n’autorise pas mon enfant à participer à « Sortie au Louvre ».'

const demande = {
  id: 'c1',
  titre: 'Sortie au Louvre',
  description: 'Visite guidée.\nDépart à 9 h.',
  lieu: 'Musée du Louvre',
  debut: '2027-01-14T08:00:00Z',
  fin: '2027-01-14T15:00:00Z',
  coutCentimes: 1250,
  dateLimite: '2099-01-07T22:59:59Z',
  ouvert: true,
  organisateur: 'Marc Petit',
  etablissement: 'Lycée démo',
  piecesJointes: [],
  enfants: [
    { eleveId: 'e1', eleve: 'Camille Michel', statut: 'en_attente', monAccord: null, signeeLe: null, autresReponses: ['Anne Michel : pas encore répondu'], attestationOui: oui, attestationNon: non },
  ],
}

describe('consent forms for a guardian', () => {
  it('shows the outing, the statement word for word, and signs the answer once the box is ticked', async () => {
    const appels = await ouvrir('/autorisations', {
      'GET /api/identite/me': { body: parentDeDeux },
      'GET /api/communication/me/consentements': { body: [demande] },
      'PUT /api/communication/consentements/c1/eleves/e1/reponse': {
        body: { accord: true, signeeLe: '2026-12-03T10:00:00Z', statut: 'accorde', attestation: oui },
      },
    })
    const carte = await screen.findByRole('listitem', { name: 'Sortie au Louvre' })
    expect(within(carte).getByText('12,50 €')).toBeTruthy()
    expect(within(carte).getByText('Musée du Louvre')).toBeTruthy()
    const signer = within(carte).getByRole('button', { name: 'Signer ma réponse' }) as HTMLButtonElement
    expect(signer.disabled).toBe(true)

    fireEvent.click(within(carte).getByRole('radio', { name: "Oui, j'autorise" }))
    expect(within(carte).getByText(oui)).toBeTruthy()
    const case_ = within(carte).getByRole('checkbox', { name: /Je certifie/ })
    expect(case_.getAttribute('aria-describedby')).toBeTruthy()
    fireEvent.click(case_)
    fireEvent.click(signer)

    const statut = await within(carte).findByText('Réponse signée : vous autorisez Camille Michel à participer.')
    await waitFor(() => expect(document.activeElement).toBe(statut))
    expect(within(carte).getByText('Autorisé')).toBeTruthy()
    expect(within(carte).queryByRole('button', { name: 'Signer ma réponse' })).toBeNull()
    const envoi = appels.find((a) => a.route === 'PUT /api/communication/consentements/c1/eleves/e1/reponse')
    expect(envoi?.corps).toEqual({ accord: true, jeCertifie: true })
  })

  it('says the deadline has passed instead of offering the form', async () => {
    await ouvrir('/autorisations', {
      'GET /api/identite/me': { body: parentDeDeux },
      'GET /api/communication/me/consentements': { body: [{ ...demande, ouvert: false }] },
    })
    const carte = await screen.findByRole('listitem', { name: 'Sortie au Louvre' })
    expect(within(carte).getByText(/La date limite est passée/)).toBeTruthy()
    expect(within(carte).queryByRole('radio')).toBeNull()
  })
})

describe('the organiser’s follow-up', () => {
  const suivi = {
    id: 'c1',
    titre: 'Sortie au Louvre',
    description: 'Visite guidée.',
    lieu: 'Musée du Louvre',
    debut: '2099-01-14T08:00:00Z',
    fin: '2099-01-14T15:00:00Z',
    coutCentimes: 0,
    dateLimite: '2099-01-07T22:59:59Z',
    divisions: 'Seconde 1',
    organisateur: 'Marc Petit',
    relanceLe: null,
    eleves: 3,
    accordes: 1,
    refuses: 1,
    enAttente: 1,
    piecesJointes: [],
    lignes: [
      { eleveId: 'e1', eleve: 'Camille Michel', classe: '2NDE1', statut: 'accorde', responsables: [{ id: 'p1', nom: 'Philippe Michel', accord: true, signeeLe: '2026-12-03T10:00:00Z', attestation: oui }] },
      { eleveId: 'e2', eleve: 'Léa Martin', classe: '2NDE1', statut: 'refuse', responsables: [{ id: 'p2', nom: 'Jean Martin', accord: false, signeeLe: '2026-12-03T11:00:00Z', attestation: non }] },
      { eleveId: 'e3', eleve: 'Tom Durand', classe: '2NDE1', statut: 'en_attente', responsables: [{ id: 'p3', nom: 'Eva Durand', accord: null, signeeLe: null, attestation: null }] },
    ],
  }

  it('lists each pupil with their standing in words and reminds only those without an answer', async () => {
    const appels = await ouvrir(
      '/autorisations/c1/suivi',
      {
        'GET /api/identite/me': { body: professeur },
        'GET /api/communication/consentements/c1/suivi': { body: suivi },
        'POST /api/communication/consentements/c1/relance': { body: { eleves: 1, responsables: 1 } },
      },
      'Marc Petit',
    )
    const tableau = await screen.findByRole('table', { name: 'Réponses élève par élève' })
    const ligne = (nom: string) => within(tableau).getByRole('row', { name: new RegExp(nom) })
    expect(within(ligne('Camille Michel')).getByText('Autorisé')).toBeTruthy()
    expect(within(ligne('Léa Martin')).getByText('Non autorisé')).toBeTruthy()
    expect(within(ligne('Tom Durand')).getByText('Sans réponse')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Relancer les 1 famille sans réponse' }))
    const message = await screen.findByText('Relance envoyée aux familles de 1 élève (1 responsable).')
    await waitFor(() => expect(document.activeElement).toBe(message))
    expect(appels.map((a) => a.route)).toContain('POST /api/communication/consentements/c1/relance')
  })
})
