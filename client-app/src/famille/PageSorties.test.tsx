import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { libelleDemande, sortieDemandee } from './sorties'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const parent = { id: 'p1', nom: 'Michel', prenom: 'Philippe' }
const autorisation = (type: string, libelle: string, accordee: boolean | null, applicable = true) => ({
  type,
  libelle,
  applicable,
  accordee,
  signeePar: accordee === null ? undefined : parent,
  signeeLe: accordee === null ? null : '2026-09-02T08:00:00Z',
})
const demande = (n: Record<string, unknown>) => ({
  id: 'd1',
  eleveId: 'e1',
  date: '2026-12-10',
  heureSortie: '15:30',
  heureRetour: null,
  motif: 'Rendez-vous médical',
  signeePar: parent,
  signeeLe: '2026-12-01T18:00:00Z',
  attestation: 'Je soussigné(e)…',
  statut: 'en_attente',
  ...n,
})
const sorties = {
  eleveId: 'e1',
  anneeScolaire: '2026-2027',
  regime: 'demi_pensionnaire',
  autorisations: [
    autorisation('absence_professeur_fin_journee', 'Partir en cas d’absence d’un professeur en fin de journée', true),
    autorisation('heures_libres', 'Sortir pendant les heures libres', false),
    autorisation('pause_meridienne', 'Sortir pendant la pause méridienne', null),
  ],
  historique: [{ type: 'heures_libres', accordee: false, signeePar: parent, signeeLe: '2026-09-02T08:00:00Z' }],
  demandes: [demande({}), demande({ id: 'd0', date: '2026-11-20', statut: 'refusee', commentaire: 'Contrôle ce jour-là.', traiteePar: { id: 'c', nom: 'Roux', prenom: 'Claire' }, traiteeLe: '2026-11-19T09:00:00Z' })],
}

async function ouvrir(adresse: string, routes: Record<string, Route>, qui = 'Philippe Michel') {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(routes)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  await screen.findByRole('heading', { level: 1, name: 'Sorties' })
  return appels
}

const routesParent = (autres: Record<string, Route> = {}) => ({
  'GET /api/identite/me': { body: parentDeDeux },
  'GET /api/viescolaire/eleves/e1/sorties': { body: sorties },
  ...autres,
})

describe("a pupil's exits", () => {
  it('shows the standing authorisations in words, then the requests with their state', async () => {
    await ouvrir('/sorties?eleve=e1', routesParent())
    const region = await screen.findByRole('region', { name: "Autorisations pour l'année" })
    expect(within(region).getAllByRole('listitem').slice(0, 3).map((li) => li.querySelector('p')?.textContent)).toEqual([
      'Partir en cas d’absence d’un professeur en fin de journée : Autorisée',
      'Sortir pendant les heures libres : Non autorisée',
      'Sortir pendant la pause méridienne : Pas encore signée',
    ])
    expect(screen.getByText('Régime : demi-pensionnaire · année 2026-2027')).toBeTruthy()
    const demandes = within(screen.getByRole('region', { name: 'Sorties exceptionnelles' })).getAllByRole('heading', { level: 3 })
    expect(demandes.map((h) => h.textContent)).toEqual(['Le 10 décembre 2026, sortie à 15:30, sans retour', 'Le 20 novembre 2026, sortie à 15:30, sans retour'])
    expect(screen.getByText('Commentaire de la vie scolaire : Contrôle ce jour-là.')).toBeTruthy()
    // Only the pending one can be cancelled.
    expect(screen.getAllByRole('button', { name: /^Annuler la demande/ })).toHaveLength(1)
  })

  it('signs the authorisations only once the box is ticked, and says it', async () => {
    const appels = await ouvrir(
      '/sorties?eleve=e1',
      routesParent({ 'PUT /api/viescolaire/eleves/e1/autorisations-sortie': { body: { ...sorties, autorisations: sorties.autorisations.map((a) => ({ ...a, accordee: true })) } } }),
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Modifier les autorisations' }))
    const formulaire = screen.getByRole('form', { name: 'Signer les autorisations' })
    fireEvent.click(within(within(formulaire).getByRole('group', { name: 'Sortir pendant la pause méridienne' })).getByLabelText('Oui, autorisé(e)'))
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Signer' }))
    expect(within(formulaire).getByRole('alert').textContent).toBe('Cochez la case pour signer.')
    expect(appels.filter((a) => a.route.startsWith('PUT'))).toHaveLength(0)

    fireEvent.click(within(formulaire).getByLabelText(/^Je certifie/))
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Signer' }))
    expect((await screen.findByText(/^Autorisations signées/)).getAttribute('role')).toBe('status')
    expect(appels.find((a) => a.route.startsWith('PUT'))?.corps).toEqual({
      autorisations: [
        { type: 'absence_professeur_fin_journee', accordee: true },
        { type: 'heures_libres', accordee: false },
        { type: 'pause_meridienne', accordee: true },
      ],
      jeCertifie: true,
    })
    expect(screen.queryByRole('form')).toBeNull()
  })

  it("cancels a pending request after a confirmation, and shows the server's field errors on a new one", async () => {
    const appels = await ouvrir(
      '/sorties?eleve=e1',
      routesParent({
        'POST /api/viescolaire/demandes-sortie/d1/annulation': { body: demande({ statut: 'annulee' }) },
        'POST /api/viescolaire/eleves/e1/demandes-sortie': { status: 400, body: { status: 400, errors: { heureSortie: ["Indiquez l'heure de sortie au format HH:mm, par exemple 14:30."] } } },
      }),
    )
    fireEvent.click(await screen.findByRole('button', { name: /^Annuler la demande/ }))
    expect(appels.filter((a) => a.route.includes('annulation'))).toHaveLength(0)
    fireEvent.click(screen.getByRole('button', { name: "Confirmer l'annulation" }))
    expect(await screen.findByText('Demande annulée.')).toBeTruthy()
    expect(screen.getAllByText('Annulée')).toHaveLength(1)

    fireEvent.click(screen.getByRole('button', { name: 'Demander une sortie exceptionnelle' }))
    const formulaire = screen.getByRole('form', { name: 'Demande de sortie exceptionnelle' })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Signer et envoyer la demande' }))
    const heure = within(formulaire).getByLabelText('Heure de sortie')
    await vi.waitFor(() => expect(heure.getAttribute('aria-invalid')).toBe('true'))
    expect(document.getElementById(heure.getAttribute('aria-describedby')!)?.textContent).toBe("Indiquez l'heure de sortie au format HH:mm, par exemple 14:30.")
  })

  it('shows the pupil their exits without any form', async () => {
    await ouvrir('/sorties', {
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/viescolaire/eleves/moi-eleve/sorties': { body: { ...sorties, eleveId: 'moi-eleve' } },
    }, 'Inès Durand')
    await screen.findByRole('region', { name: "Autorisations pour l'année" })
    expect(screen.getByText(/^Vos responsables légaux signent/)).toBeTruthy()
    expect(screen.queryAllByRole('button', { name: /autorisations|Demander|Annuler/ })).toHaveLength(0)
  })
})

describe('exit requests in words', () => {
  it('says the day and times, and sends an empty return time as none', () => {
    expect(libelleDemande({ date: '2026-12-01', heureSortie: '14:00', heureRetour: '16:30' })).toBe('Le 1er décembre 2026, sortie à 14:00, retour à 16:30')
    expect(sortieDemandee({ date: '2026-12-01', heureSortie: '14:00', heureRetour: '', motif: '  Dentiste ' }, true)).toEqual({
      date: '2026-12-01',
      heureSortie: '14:00',
      heureRetour: null,
      motif: 'Dentiste',
      jeCertifie: true,
    })
  })
})
