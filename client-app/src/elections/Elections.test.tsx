import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { cpe } from '../commun/testing/vieScolaire'
import { instantParis, lireCandidats } from './election'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const direction = { ...cpe, id: 'dir', prenom: 'Hélène', nom: 'Garnier', profils: [{ ...cpe.profils[0], fonction: 'direction' }] }

const listes = [
  { id: 'l1', rang: 1, nom: 'Parents unis', candidats: [{ rang: 1, nom: 'Martin', prenom: 'Claire', dateNaissance: null }] },
  { id: 'l2', rang: 2, nom: 'Agir ensemble', candidats: [{ rang: 1, nom: 'Simon', prenom: 'Nadia', dateNaissance: null }] },
]

const election = (e: Record<string, unknown> = {}) => ({
  id: 'el1',
  titre: "Conseil d'administration",
  etablissement: 'Lycée démo',
  etat: 'ouverte',
  ouverture: '2026-10-05T06:00:00Z',
  cloture: '2026-10-09T16:00:00Z',
  sieges: 5,
  correspondance: false,
  nombreElecteurs: 120,
  votants: null,
  listes,
  gestionnaire: false,
  electeur: true,
  aVoteLe: null,
  peutVoter: true,
  bureauSaisi: false,
  ...e,
})

async function ouvrir(adresse: string, table: Record<string, Route>, qui = 'Philippe Michel') {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(table)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  return appels
}

describe('a guardian votes', () => {
  it('in three taps: the lists, a choice, the confirmation naming it; then « A voté » with the receipt, focused', async () => {
    const appels = await ouvrir('/elections', {
      'GET /api/identite/me': { body: parentDeDeux },
      'GET /api/communication/me/elections': {
        body: [{ id: 'el1', titre: "Conseil d'administration", etablissement: 'Lycée démo', etat: 'ouverte', ouverture: '2026-10-05T06:00:00Z',
          cloture: '2026-10-09T16:00:00Z', electeur: true, aVoteLe: null, peutVoter: true }],
      },
      'GET /api/communication/elections/el1': { body: election() },
      'POST /api/communication/elections/el1/vote': { status: 201, body: { aVoteLe: '2026-10-06T08:00:00Z', recu: 'ABCD-EFGH-JKLM-NPQR' } },
    })
    // Tap 1: « Voter ».
    fireEvent.click(await screen.findByRole('link', { name: "Voter : Conseil d'administration" }))
    await screen.findByRole('heading', { level: 1, name: "Conseil d'administration" })
    const confirmer = screen.getByRole('button', { name: 'Confirmer mon vote' })
    expect((confirmer as HTMLButtonElement).disabled).toBe(true)
    // Tap 2: a list.
    fireEvent.click(screen.getByLabelText('Agir ensemble'))
    await screen.findByText('Votre choix : « Agir ensemble ». Votre vote est secret et définitif.')
    // Tap 3: the confirmation names it.
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer mon vote pour « Agir ensemble »' }))
    const aVote = await screen.findByRole('heading', { level: 2, name: 'A voté' })
    await waitFor(() => expect(document.activeElement).toBe(aVote))
    expect(screen.getByText('ABCD-EFGH-JKLM-NPQR')).toBeTruthy()
    expect(appels.find((a) => a.route === 'POST /api/communication/elections/el1/vote')?.corps).toEqual({ listeId: 'l2' })
    expect(screen.queryByRole('button', { name: /Confirmer mon vote/ })).toBeNull()
  })

  it('shows a refused second vote in words, and checks a receipt without naming the list', async () => {
    await ouvrir('/elections/el1', {
      'GET /api/identite/me': { body: parentDeDeux },
      'GET /api/communication/elections/el1': { body: election() },
      'POST /api/communication/elections/el1/vote': {
        status: 409,
        body: { title: 'Conflit avec l\'état actuel', status: 409, detail: 'Vous avez déjà voté à cette élection (le 06/10/2026 à 10h00) : on ne vote qu\'une fois.' },
      },
    })
    fireEvent.click(await screen.findByLabelText('Parents unis'))
    fireEvent.click(screen.getByRole('button', { name: 'Confirmer mon vote pour « Parents unis »' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Vous avez déjà voté à cette élection/)
  })

  it('after voting: « A voté », and the check of a receipt', async () => {
    await ouvrir('/elections/el1', {
      'GET /api/identite/me': { body: parentDeDeux },
      'GET /api/communication/elections/el1': { body: election({ aVoteLe: '2026-10-06T08:00:00Z', peutVoter: false }) },
      'POST /api/communication/elections/el1/recu': { body: { present: true } },
    })
    await screen.findByRole('heading', { level: 2, name: 'A voté' })
    fireEvent.change(screen.getByLabelText("Vérifier que mon bulletin est dans l'urne (reçu)"), { target: { value: 'ABCD-EFGH-JKLM-NPQR' } })
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier' }))
    await screen.findByText('Votre bulletin est dans l’urne.')
  })
})

describe('the head', () => {
  it('reads the results after closing and publishes them', async () => {
    const appels = await ouvrir(
      '/elections/el1',
      {
        'GET /api/identite/me': { body: direction },
        'GET /api/communication/elections/el1': { body: election({ etat: 'close', gestionnaire: true, electeur: false, peutVoter: false, votants: 50 }) },
        'GET /api/communication/elections/el1/resultats': {
          body: { id: 'el1', titre: 'CA', sieges: 5, inscrits: 120, votants: 50, votantsEnLigne: 50, blancsNuls: 0, exprimes: 50, participation: 41.7,
            quotient: 10, correspondance: false, bureauSaisi: false, publieeLe: null,
            listes: [
              { id: 'l1', nom: 'Parents unis', voix: 30, voixEnLigne: 30, voixBureau: 0, sieges: 3, elus: ['Claire Martin'] },
              { id: 'l2', nom: 'Agir ensemble', voix: 20, voixEnLigne: 20, voixBureau: 0, sieges: 2, elus: ['Nadia Simon'] },
            ] },
        },
        'POST /api/communication/elections/el1/publication': { status: 204 },
      },
      'Hélène Garnier',
    )
    const tableau = await screen.findByRole('table', { name: 'Voix et sièges par liste (plus fort reste)' })
    expect(within(tableau).getAllByRole('row').map((r) => r.textContent)).toEqual(['ListeVoixSièges', 'Parents unis303', 'Agir ensemble202'])
    expect(screen.getByText(/participation 41,7 %/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Publier les résultats aux familles' }))
    await screen.findByText('Résultats publiés aux familles.')
    expect(appels.map((a) => a.route)).toContain('POST /api/communication/elections/el1/publication')
  })

  it('sets up an election: Paris times as instants, candidates one per line', async () => {
    const appels = await ouvrir(
      '/elections/gestion',
      {
        'GET /api/identite/me': { body: direction },
        'GET /api/communication/etablissements/0750000A/elections': { body: [] },
        'POST /api/communication/etablissements/0750000A/elections': { status: 201, body: { id: 'el9' } },
        'GET /api/communication/elections/el9': { body: election({ id: 'el9', etat: 'a_venir', gestionnaire: true, peutVoter: false, electeur: false }) },
      },
      'Hélène Garnier',
    )
    await screen.findByRole('heading', { level: 1, name: 'Élections des parents' })
    fireEvent.change(await screen.findByLabelText('Ouverture du vote (heure de Paris)'), { target: { value: '2027-10-04T08:00' } })
    fireEvent.change(screen.getByLabelText('Clôture du vote (heure de Paris)'), { target: { value: '2027-10-08T18:00' } })
    fireEvent.change(screen.getByLabelText('Nom de la liste 1'), { target: { value: 'Parents unis' } })
    fireEvent.change(screen.getByLabelText("Candidats de la liste 1, dans l'ordre, un par ligne"), { target: { value: 'Martin Claire 14/03/1978\nDurand Luc 19/01/1972' } })
    fireEvent.click(screen.getByRole('button', { name: "Créer l'élection" }))
    await screen.findByRole('heading', { level: 1, name: "Conseil d'administration" })
    const corps = appels.find((a) => a.route === 'POST /api/communication/etablissements/0750000A/elections')?.corps as Record<string, unknown>
    expect(corps.ouverture).toBe('2027-10-04T06:00:00.000Z')
    expect(corps.cloture).toBe('2027-10-08T16:00:00.000Z')
    expect(corps.listes).toEqual([{ nom: 'Parents unis', candidats: [
      { nom: 'Martin', prenom: 'Claire', dateNaissance: '1978-03-14' },
      { nom: 'Durand', prenom: 'Luc', dateNaissance: '1972-01-19' },
    ] }])
  })
})

describe('helpers', () => {
  it('reads Paris times across the changes of time', () => {
    expect(instantParis('2027-01-15T08:00')).toBe('2027-01-15T07:00:00.000Z')
    expect(instantParis('2027-07-15T08:00')).toBe('2027-07-15T06:00:00.000Z')
    expect(instantParis('2027-10')).toBeNull()
  })

  it('reads candidates with composite first names and keeps unreadable lines for the server', () => {
    expect(lireCandidats('Le Goff Anne-Marie 01/02/1980\n\nSans date')).toEqual([
      { nom: 'Le', prenom: 'Goff Anne-Marie', dateNaissance: '1980-02-01' },
      { nom: 'Sans', prenom: 'date', dateNaissance: null },
    ])
  })
})
