import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur, parentDeDeux } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const LYCEE = 'et-1'
const etat = (peutEcrire: boolean, raison: string | null = null) => ({
  etablissements: [{ etablissementId: LYCEE, etablissement: 'Lycée démo', profils: ['responsable'], peutEcrire, raison, envoisParHeure: 30, envoisDerniereHeure: 0 }],
  nonLues: 1,
})
const resume = {
  id: 'c1',
  sujet: 'Devoir de Camille',
  interlocuteurs: ['Claire Moreau'],
  nombreInterlocuteurs: 1,
  extrait: 'Exercices 4 et 5',
  dernierAuteur: 'Claire Moreau',
  le: '2026-11-27T16:00:00Z',
  nonLus: 1,
  archivee: false,
}

function afficher(chemin: string, moi: unknown, routes: Parameters<typeof fauxServeur>[0]) {
  window.history.replaceState(null, '', chemin)
  const appels = fauxServeur({ 'GET /api/identite/me': { body: moi }, ...routes })
  render(<App chemin={chemin} gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)
  return appels
}

describe('the messaging screens', () => {
  it('list my conversations, unread ones standing out, and let me write', async () => {
    afficher('/messagerie', parentDeDeux, {
      'GET /api/communication/me/messagerie': { body: etat(true) },
      'GET /api/communication/me/conversations?dossier=reception': { body: { nonLues: 1, conversations: [resume] } },
    })
    const lien = await screen.findByRole('link', { name: /Devoir de Camille/ })
    expect(lien.textContent).toContain('1 non lu')
    expect(lien.getAttribute('href')).toBe('/messagerie/c1')
    expect(await screen.findByRole('link', { name: 'Nouveau message' })).toBeTruthy()
  })

  it('say why my messaging is suspended, and still list what I received', async () => {
    afficher('/messagerie', eleveSeul, {
      'GET /api/communication/me/messagerie': { body: etat(false, 'La messagerie des élèves est suspendue par la direction : reprise lundi.') },
      'GET /api/communication/me/conversations?dossier=reception': { body: { nonLues: 1, conversations: [resume] } },
    })
    expect((await screen.findByText(/suspendue par la direction : reprise lundi/)).textContent).toContain('Vous pouvez toujours lire vos messages.')
    await screen.findByRole('link', { name: /Devoir de Camille/ })
    expect(screen.queryByRole('link', { name: 'Nouveau message' })).toBeNull()
  })

  it('show a conversation as plain text with clickable addresses, and mark it read', async () => {
    const appels = afficher('/messagerie/c1', parentDeDeux, {
      'GET /api/communication/me/conversations/c1': {
        body: {
          id: 'c1',
          sujet: 'Devoir de Camille',
          etablissement: 'Lycée démo',
          archivee: false,
          participants: [
            { id: 'p1', nom: 'Philippe Michel', moi: true },
            { id: 'prof', nom: 'Claire Moreau', moi: false },
          ],
          messages: [
            { id: 'm1', auteurId: 'prof', auteur: 'Claire Moreau', deMoi: false, texte: '<img src=x onerror=alert(1)> Voir https://exemple.org/devoir.', envoyeLe: '2026-11-27T16:00:00Z', piecesJointes: [], luPar: [] },
          ],
          peutRepondre: true,
          raison: null,
        },
      },
      'POST /api/communication/me/conversations/c1/lecture': { status: 204 },
    })
    const messages = await screen.findByRole('list', { name: 'Messages' })
    expect(messages.querySelector('img')).toBeNull()
    expect(within(messages).getByText(/<img src=x onerror=alert\(1\)>/)).toBeTruthy()
    expect(within(messages).getByRole('link', { name: 'https://exemple.org/devoir' }).getAttribute('href')).toBe('https://exemple.org/devoir')
    await vi.waitFor(() => expect(appels.some((a) => a.route === 'POST /api/communication/me/conversations/c1/lecture')).toBe(true))
    expect(screen.getByLabelText('Votre réponse')).toBeTruthy()
  })

  it('offer only the allowed recipients and send to the ones chosen', async () => {
    const appels = afficher('/messagerie/nouveau', parentDeDeux, {
      'GET /api/communication/me/messagerie/destinataires': {
        body: {
          personnes: [{ id: 'prof', nom: 'Claire Moreau', profil: 'enseignant', qualite: 'Mathématiques (Camille)', etablissementId: LYCEE }],
          groupes: [],
          tronque: false,
        },
      },
      'POST /api/communication/me/conversations': { status: 201, body: { conversations: ['c9'] } },
    })
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Claire Moreau (Mathématiques (Camille))' }))
    fireEvent.change(screen.getByLabelText('Sujet'), { target: { value: 'Absence' } })
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Bonjour' } })
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer' }))
    await vi.waitFor(() => expect(appels.some((a) => a.route === 'POST /api/communication/me/conversations')).toBe(true))
    expect(appels.find((a) => a.route === 'POST /api/communication/me/conversations')!.corps).toEqual({
      destinataires: ['prof'],
      groupes: [],
      sujet: 'Absence',
      texte: 'Bonjour',
      piecesJointes: [],
    })
  })

  it('search the whole établissement as one types, once the typing pauses, and announce the count or « affinez la recherche »', async () => {
    const cpe = { ...eleveSeul, id: 'moi-cpe', prenom: 'Nadia', nom: 'Roux', profils: [{ uai: '0750000A', etablissement: 'Lycée démo', profil: 'personnel', fonction: 'cpe' }] }
    const cent = Array.from({ length: 100 }, (_, i) => ({
      id: `e${i}`,
      nom: `Élève ${String(i).padStart(3, '0')}`,
      profil: 'eleve',
      qualite: 'Élève',
      etablissementId: LYCEE,
    }))
    const appels = afficher('/messagerie/nouveau', cpe, {
      'GET /api/communication/me/messagerie/destinataires': { body: { personnes: cent, groupes: [], tronque: true } },
      'GET /api/communication/me/messagerie/destinataires?q=martin%20l': {
        body: { personnes: [{ id: 'lm', nom: 'Léa Martin', profil: 'eleve', qualite: 'Élève', etablissementId: LYCEE }], groupes: [], tronque: false },
      },
    })
    const liste = await screen.findByRole('list', { name: 'Destinataires possibles' })
    expect(within(liste).getAllByRole('checkbox')).toHaveLength(100)
    const statut = screen.getAllByRole('status').find((s) => s.textContent?.includes('Affinez la recherche'))
    expect(statut?.textContent).toContain('Plus de 100 personnes correspondent')

    // Typed letter by letter: one request, for what was typed when the typing paused.
    const champ = screen.getByRole('searchbox', { name: 'Chercher un destinataire (nom, matière, classe)' })
    for (const texte of ['m', 'ma', 'mar', 'martin', 'martin l']) fireEvent.change(champ, { target: { value: texte } })
    const lea = await screen.findByRole('checkbox', { name: 'Léa Martin (Élève)' })
    const recherches = appels.filter((a) => a.route.startsWith('GET /api/communication/me/messagerie/destinataires?'))
    expect(recherches.map((a) => a.route)).toEqual(['GET /api/communication/me/messagerie/destinataires?q=martin%20l'])
    expect(screen.getAllByRole('status').some((s) => s.textContent === '1 personne pour cette recherche.')).toBe(true)
    expect(screen.queryByText(/Affinez la recherche/)).toBeNull()

    // A native checkbox (Tab, Space): the choice is listed with a button to remove it.
    fireEvent.click(lea)
    expect(within(screen.getByRole('list', { name: 'Destinataires choisis' })).getByRole('button', { name: 'Retirer Léa Martin (Élève)' })).toBeTruthy()
  })
})
