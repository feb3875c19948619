import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { cpe } from '../commun/testing/vieScolaire'
import { planNavigation } from '../planNavigation'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

async function ouvrir(adresse: string, table: Record<string, Route>, qui = 'Inès Durand') {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(table)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  return appels
}

const harcelement = {
  id: 'f1',
  titre: 'Signaler un harcèlement',
  description: 'Lu par la direction et le CPE uniquement.',
  confidentiel: true,
  etablissement: 'Lycée démo',
  eleves: [{ id: 'moi-eleve', nom: 'Inès Durand' }],
  champs: [
    { id: 'c1', libelle: "Que s'est-il passé ?", type: 'texte', obligatoire: true, choix: [] },
    { id: 'c2', libelle: 'Où cela se passe-t-il ?', type: 'choix', obligatoire: true, choix: ['Dans la classe', 'Sur internet ou les réseaux sociaux'] },
    { id: 'c3', libelle: 'Depuis quand ?', type: 'date', obligatoire: false, choix: [] },
  ],
}

const detail = (d: Record<string, unknown> = {}) => ({
  id: 's1',
  titre: 'Signaler un harcèlement',
  confidentiel: true,
  etat: 'recu',
  etatLibelle: 'Reçu',
  etablissement: 'Lycée démo',
  eleve: 'Inès Durand',
  deposePar: 'Inès Durand',
  profil: 'eleve',
  deposeLe: '2027-01-01T10:00:00Z',
  reponses: [
    { champ: 'c1', libelle: "Que s'est-il passé ?", type: 'texte', valeur: 'On se moque de moi.', fichier: null },
    { champ: 'c2', libelle: 'Où cela se passe-t-il ?', type: 'choix', valeur: 'Dans la classe', fichier: null },
    { champ: 'c3', libelle: 'Depuis quand ?', type: 'date', valeur: null, fichier: null },
  ],
  messages: [{ id: 'm1', auteur: 'Inès Durand', duDeposant: true, texte: null, etat: 'recu', envoyeLe: '2027-01-01T10:00:00Z' }],
  destinataire: false,
  etatsPossibles: [],
  peutEcrire: true,
  ...d,
})

describe('a pupil files a report', () => {
  it('fills the harassment form in a few taps, sees the server’s refusal by its field, then the report it filed', async () => {
    let tentative = 0
    const appels = await ouvrir('/signalements/nouveau/f1', {
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/communication/me/signalements/formulaires': { body: [harcelement] },
      'POST /api/communication/me/signalements': () =>
        ++tentative === 1
          ? { status: 400, body: { status: 400, title: 'Validation', errors: { 'reponses.c1': ["« Que s'est-il passé ? » : ce champ est obligatoire."] } } }
          : { status: 201, body: { id: 's1', etat: 'recu' } },
      'GET /api/communication/signalements/s1': { body: detail() },
    })
    await screen.findByRole('heading', { level: 1, name: 'Signaler un harcèlement' })
    expect(screen.getByText(/seuls la direction et le CPE liront ce signalement/)).toBeTruthy()

    fireEvent.click(screen.getByRole('radio', { name: 'Dans la classe' }))
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le signalement' }))
    const alerte = await screen.findByRole('alert')
    expect(alerte.textContent).toBe('Vérifiez les champs signalés.')
    await waitFor(() => expect(document.activeElement).toBe(alerte))
    const texte = screen.getByLabelText("Que s'est-il passé ? (obligatoire)")
    expect(texte.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(texte.getAttribute('aria-describedby')!)?.textContent).toMatch(/ce champ est obligatoire/)

    fireEvent.change(texte, { target: { value: 'On se moque de moi.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer le signalement' }))
    const statut = await screen.findByText('Votre signalement est envoyé. Vous serez prévenu de la réponse.')
    await waitFor(() => expect(document.activeElement).toBe(statut))
    await screen.findByRole('heading', { level: 1, name: 'Signaler un harcèlement' })
    expect(screen.getByText('Non renseigné')).toBeTruthy()
    const envoi = appels.filter((a) => a.route === 'POST /api/communication/me/signalements').at(-1)
    expect(envoi?.corps).toEqual({
      formulaireId: 'f1',
      eleveId: 'moi-eleve',
      reponses: [
        { champ: 'c2', valeur: 'Dans la classe' },
        { champ: 'c1', valeur: 'On se moque de moi.' },
      ],
    })
  })

  it('asks a guardian with two children there which one it concerns', async () => {
    await ouvrir(
      '/signalements/nouveau/f1',
      {
        'GET /api/identite/me': { body: parentDeDeux },
        'GET /api/communication/me/signalements/formulaires': {
          body: [{ ...harcelement, eleves: [{ id: 'e1', nom: 'Camille Michel' }, { id: 'e2', nom: 'Gabriel Michel' }] }],
        },
      },
      'Philippe Michel',
    )
    const groupe = await screen.findByRole('group', { name: 'Ce signalement concerne (obligatoire)' })
    expect(within(groupe).getAllByRole('radio').map((r) => r.getAttribute('value'))).toEqual(['e1', 'e2'])
  })

  it('lists the forms offered and the reports filed, with their state in words', async () => {
    await ouvrir('/signalements', {
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/communication/me/signalements/formulaires': { body: [harcelement] },
      'GET /api/communication/me/signalements': {
        body: [{ id: 's1', titre: 'Signaler un harcèlement', confidentiel: true, etat: 'repondu', etatLibelle: 'Répondu', eleve: 'Inès Durand', deposePar: 'Inès Durand', profil: 'eleve', deposeLe: '2027-01-01T10:00:00Z', modifieLe: '2027-01-02T10:00:00Z' }],
      },
    })
    const lien = await screen.findByRole('link', { name: 'Remplir « Signaler un harcèlement »' })
    expect(lien.getAttribute('href')).toBe('/signalements/nouveau/f1')
    const mes = screen.getByRole('region', { name: 'Mes signalements' })
    expect(within(mes).getByRole('link', { name: 'Signaler un harcèlement' }).getAttribute('href')).toBe('/signalements/s1')
    expect(within(mes).getByText('Répondu')).toBeTruthy()
  })
})

describe('the CPE handles a report', () => {
  it('takes it in hand and answers; each action is announced and takes the focus', async () => {
    let etat = 'recu'
    const appels = await ouvrir(
      '/signalements/s1',
      {
        'GET /api/identite/me': { body: cpe },
        'GET /api/communication/signalements/s1': () => ({
          body: detail({ etat, etatLibelle: etat === 'recu' ? 'Reçu' : etat === 'en_cours' ? 'En cours' : 'Répondu', destinataire: true, etatsPossibles: etat === 'recu' ? ['en_cours', 'clos'] : ['clos'] }),
        }),
        'POST /api/communication/signalements/s1/etat': () => {
          etat = 'en_cours'
          return { body: { etat, etatLibelle: 'En cours' } }
        },
        'POST /api/communication/signalements/s1/messages': () => {
          etat = 'repondu'
          return { body: { etat, etatLibelle: 'Répondu' } }
        },
      },
      'Karim Benali',
    )
    await screen.findByText('Chaque lecture de ce signalement est inscrite au journal des accès.')
    fireEvent.click(screen.getByRole('button', { name: 'Prendre en charge' }))
    const pris = await screen.findByText('Le signalement est pris en charge.')
    await waitFor(() => expect(document.activeElement).toBe(pris))
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Prendre en charge' })).toBeNull())

    fireEvent.change(screen.getByLabelText('Répondre à Inès Durand'), { target: { value: 'Viens me voir demain à 10 h.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer' }))
    await screen.findByText('Votre réponse est envoyée.')
    expect(appels.find((a) => a.route === 'POST /api/communication/signalements/s1/messages')?.corps).toEqual({ texte: 'Viens me voir demain à 10 h.' })
    expect(appels.find((a) => a.route === 'POST /api/communication/signalements/s1/etat')?.corps).toEqual({ etat: 'en_cours' })
  })

  it('finds the queue in the navigation, and builds a form from a ready model', async () => {
    const plan = planNavigation(cpe, (c) => c)
    const communication = plan.find((r) => 'entrees' in r && r.nom === 'Communication')
    expect(communication && 'entrees' in communication && communication.entrees.map((e) => e.chemin)).toContain('/signalements/recus')
    expect(planNavigation(eleveSeul, (c) => c).flatMap((r) => ('entrees' in r ? r.entrees : [r])).map((e) => e.chemin)).toContain('/signalements')

    const appels = await ouvrir(
      '/signalements/formulaires',
      {
        'GET /api/identite/me': { body: cpe },
        'GET /api/communication/etablissements/0750000A/signalements/formulaires': {
          body: {
            formulaires: [],
            fonctions: ['direction', 'cpe', 'secretariat'],
            modeles: [
              {
                modele: 'harcelement',
                titre: 'Signaler un harcèlement',
                description: 'Confidentiel.',
                confidentiel: true,
                destinataires: ['direction', 'cpe'],
                champs: [{ id: 'c1', libelle: "Que s'est-il passé ?", type: 'texte', obligatoire: true, choix: [] }],
              },
            ],
          },
        },
        'POST /api/communication/etablissements/0750000A/signalements/formulaires': {
          status: 201,
          body: { id: 'f9', titre: 'Signaler un harcèlement', description: '', champs: [], destinataires: ['direction', 'cpe'], confidentiel: true, actif: true, depots: 0 },
        },
      },
      'Karim Benali',
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Partir du modèle « Signaler un harcèlement »' }))
    expect((screen.getByRole('checkbox', { name: /Confidentiel/ }) as HTMLInputElement).disabled).toBe(true)
    expect((screen.getByRole('checkbox', { name: 'Secrétariat' }) as HTMLInputElement).disabled).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter une question' }))
    fireEvent.change(screen.getByLabelText('Question 2'), { target: { value: 'Dans quelle classe ?' } })
    fireEvent.change(screen.getByLabelText('Type de la question 2'), { target: { value: 'choix' } })
    fireEvent.change(screen.getByLabelText('Réponses proposées pour la question 2 (une par ligne)'), { target: { value: 'Seconde\nPremière\n' } })
    fireEvent.click(screen.getByRole('button', { name: 'Créer le formulaire' }))
    await screen.findByText('Le formulaire « Signaler un harcèlement » est créé et proposé aux familles et aux élèves.')
    expect(appels.find((a) => a.route.startsWith('POST'))?.corps).toEqual({
      modele: 'harcelement',
      titre: 'Signaler un harcèlement',
      description: 'Confidentiel.',
      destinataires: ['direction', 'cpe'],
      confidentiel: true,
      champs: [
        { libelle: "Que s'est-il passé ?", type: 'texte', obligatoire: true, choix: [] },
        { libelle: 'Dans quelle classe ?', type: 'choix', obligatoire: false, choix: ['Seconde', 'Première'] },
      ],
    })
  })
  it('corrects a form of the établissement, saying the reports filed keep their questions', async () => {
    const formulaire = {
      id: 'f2',
      modele: 'locaux',
      titre: 'Un problème dans les locaux',
      description: '',
      champs: [{ id: 'c1', libelle: 'Où ?', type: 'texte', obligatoire: true, choix: [] }],
      destinataires: ['direction', 'secretariat'],
      confidentiel: false,
      actif: true,
      depots: 3,
    }
    const appels = await ouvrir(
      '/signalements/formulaires',
      {
        'GET /api/identite/me': { body: cpe },
        'GET /api/communication/etablissements/0750000A/signalements/formulaires': {
          body: { formulaires: [formulaire], fonctions: ['direction', 'cpe', 'secretariat'], modeles: [] },
        },
        'PUT /api/communication/signalements/formulaires/f2': { body: { ...formulaire, titre: 'Locaux et matériel' } },
      },
      'Karim Benali',
    )
    await screen.findByText(/3 signalements/)
    fireEvent.click(screen.getByRole('button', { name: 'Corriger « Un problème dans les locaux »' }))
    expect(screen.getByText('Les signalements déjà déposés gardent les questions auxquelles ils ont répondu.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Titre'), { target: { value: 'Locaux et matériel' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer la correction' }))
    await screen.findByText('Le formulaire « Locaux et matériel » est corrigé.')
    expect(appels.find((a) => a.route === 'PUT /api/communication/signalements/formulaires/f2')?.corps).toMatchObject({
      titre: 'Locaux et matériel',
      destinataires: ['direction', 'secretariat'],
      champs: [{ libelle: 'Où ?', type: 'texte', obligatoire: true, choix: [] }],
    })
  })
})
