import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { description, probleme, serveur, type Route } from '../commun/testing/enseignement'
import { lienNavigation, navigationPrincipale } from '../commun/testing/navigation'

const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }
const professeur = { id: 'p', prenom: 'Karim', nom: 'Benali', profils: [{ ...lycee, profil: 'enseignant', fonction: null }], enfants: [] }
const ID = '0192f1a0-0000-7000-8000-00000000e001'
const SERVICE = '0192f1a0-0000-7000-8000-00000000a001'
const CHEMIN_API = `/api/scolarite/evaluations/${ID}/notes`

const evaluation = {
  id: ID,
  serviceId: SERVICE,
  periodeId: 't1',
  date: '2026-11-28',
  titre: 'Contrôle n° 3',
  bareme: 20,
  coefficient: 2,
  mode: 'normale',
  compteDansMoyenne: true,
  publication: null,
  saisies: 2,
  moyenne: 13.5,
  min: 12.5,
  max: 14.5,
}
const eleve = (n: number, nom: string, prenom: string, valeur: number | null = null, marqueur: string | null = null, commentaire: string | null = null) => ({
  eleveId: `e${n}`,
  nom,
  prenom,
  valeur,
  marqueur,
  commentaire,
})
const grille = {
  evaluation,
  matiere: 'Français',
  libelle: 'Seconde 1',
  nonRenduCompteZero: true,
  eleves: [
    eleve(1, 'Bernard', 'Léa', 12.5),
    eleve(2, 'Dupont', 'Marie', null, 'absent'),
    eleve(3, 'Martin', 'Paul', 14.5, null, 'Très bon travail'),
    eleve(4, 'Petit', 'Jules'),
  ],
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

async function afficher(routes: Record<string, Route> = {}) {
  const appels = serveur({ 'GET /api/identite/me': { body: professeur }, [`GET ${CHEMIN_API}`]: { body: grille }, ...routes })
  render(<App chemin={`/enseignement/evaluations/${ID}`} gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
  await screen.findByRole('heading', { level: 1, name: 'Contrôle n° 3' })
  return appels
}

const cellule = (nom: string) => screen.getByRole('textbox', { name: `Résultat de ${nom}` }) as HTMLInputElement
const taper = (nom: string, texte: string) => fireEvent.change(cellule(nom), { target: { value: texte } })
/** The figures of the save bar, as read: [["Saisis", "3 / 4"], ["Moyenne", "12,5"], …]. */
const chiffres = () =>
  [...document.querySelectorAll('.stats-saisie div')].map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent])

describe('the grade-entry grid', () => {
  it('lists every pupil with the saved result, the marker in words, and the class figures', async () => {
    await afficher()

    await vi.waitFor(() => expect(document.title).toBe('Saisie des notes : Contrôle n° 3, Français Seconde 1 — Ent — Espace numérique de travail')) // set by an effect, after the DOM
    const fil = screen.getByRole('navigation', { name: "Fil d'Ariane" })
    expect(within(fil).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Mes classes', '/enseignement'],
      ['Français — Seconde 1', `/enseignement/services/${SERVICE}`],
    ])
    expect(within(navigationPrincipale()).getByRole('button', { name: 'Enseignement' }).getAttribute('aria-current')).toBe('true')
    expect(lienNavigation('Mes classes').getAttribute('aria-current')).toBe('true')

    expect(screen.getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'Bernard Léa',
      'Dupont Marie',
      'Martin Paul',
      'Petit Jules',
    ])
    expect([cellule('Léa Bernard'), cellule('Marie Dupont'), cellule('Paul Martin'), cellule('Jules Petit')].map((c) => c.value)).toEqual([
      '12,5',
      'A',
      '14,5',
      '',
    ])
    expect(description(cellule('Marie Dupont'))).toBe('Absent')
    expect(cellule('Léa Bernard').getAttribute('inputmode')).toBe('decimal')
    // A saved comment shows the comment column at once.
    expect((screen.getByRole('textbox', { name: 'Commentaire pour Paul Martin' }) as HTMLInputElement).value).toBe('Très bon travail')
    expect(chiffres()).toEqual([
      ['Saisis', '3 / 4'],
      ['Moyenne', '13,5'],
      ['Min', '12,5'],
      ['Max', '14,5'],
    ])
    expect(screen.getByText('Aucune modification en attente.')).toBeTruthy()
  })

  it('moves with Enter and the arrows, reads letters as markers and updates the figures as the teacher types', async () => {
    await afficher()

    cellule('Léa Bernard').focus()
    fireEvent.keyDown(cellule('Léa Bernard'), { key: 'Enter' })
    expect(document.activeElement).toBe(cellule('Marie Dupont'))
    fireEvent.keyDown(cellule('Marie Dupont'), { key: 'ArrowDown' })
    expect(document.activeElement).toBe(cellule('Paul Martin'))
    fireEvent.keyDown(cellule('Paul Martin'), { key: 'ArrowUp' })
    expect(document.activeElement).toBe(cellule('Marie Dupont'))

    taper('Marie Dupont', '8')
    taper('Jules Petit', 'r')
    expect(cellule('Jules Petit').value).toBe('R')
    expect(description(cellule('Jules Petit'))).toBe('Non rendu')
    // Non rendu counts 0 here: (12,5 + 8 + 14,5 + 0) / 4.
    expect(chiffres()).toEqual([
      ['Saisis', '4 / 4'],
      ['Moyenne', '8,75'],
      ['Min', '0'],
      ['Max', '14,5'],
    ])
    taper('Léa Bernard', '16,25')
    expect(chiffres()[1]).toEqual(['Moyenne', '9,69'])
    expect(screen.getByText('3 modifications non enregistrées')).toBeTruthy()

    // Enter on the last pupil reaches « Enregistrer ».
    fireEvent.keyDown(cellule('Jules Petit'), { key: 'Enter' })
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Enregistrer' }))
    // Escape brings a cell back to its saved value.
    fireEvent.keyDown(cellule('Léa Bernard'), { key: 'Escape' })
    expect(cellule('Léa Bernard').value).toBe('12,5')
  })

  it('sets a marker with the touch buttons on the pupil whose cell was last focused', async () => {
    await afficher()

    fireEvent.focus(cellule('Jules Petit'))
    const marqueurs = screen.getByRole('group', { name: 'Pour Jules Petit :' })
    fireEvent.click(within(marqueurs).getByRole('button', { name: 'Dispensé' }))

    expect(cellule('Jules Petit').value).toBe('D')
    expect(description(cellule('Jules Petit'))).toBe('Dispensé')
    expect(within(marqueurs).getByRole('button', { pressed: true }).textContent).toBe('Dispensé')
  })

  it('refuses a mark over the scale before sending anything, next to the pupil and in an alert', async () => {
    const appels = await afficher()

    taper('Jules Petit', '25')
    expect(cellule('Jules Petit').getAttribute('aria-invalid')).toBeNull() // not while typing
    fireEvent.blur(cellule('Jules Petit'))
    expect(cellule('Jules Petit').getAttribute('aria-invalid')).toBe('true')
    expect(description(cellule('Jules Petit'))).toBe('La note ne peut pas dépasser 20.')
    expect(chiffres()[0]).toEqual(['Saisis', '3 / 4'])

    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    expect(screen.getByRole('alert').textContent).toBe(
      "1 résultat n'est pas valable : Jules Petit — rien n'a été envoyé, corrigez puis enregistrez.",
    )
    expect(document.activeElement).toBe(cellule('Jules Petit'))
    expect(appels.filter((a) => a.route.startsWith('PUT'))).toEqual([])
  })

  it('keeps no comment without a result: it says so instead of losing it', async () => {
    const appels = await afficher()

    fireEvent.change(screen.getByRole('textbox', { name: 'Commentaire pour Jules Petit' }), { target: { value: 'Rattrapage prévu' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    const commentaire = screen.getByRole('textbox', { name: 'Commentaire pour Jules Petit' })
    expect(commentaire.getAttribute('aria-invalid')).toBe('true')
    expect(description(commentaire)).toBe(
      "Un commentaire seul n'est pas enregistré : saisissez aussi une note ou une lettre (A, D, N, R), ou videz-le.",
    )
    expect(appels.filter((a) => a.route.startsWith('PUT'))).toEqual([])
  })

  it('saves the whole grid in one PUT and says how many results are saved', async () => {
    const appels = await afficher({
      [`PUT ${CHEMIN_API}`]: () => ({
        body: {
          ...grille,
          evaluation: { ...evaluation, saisies: 4 },
          eleves: [
            eleve(1, 'Bernard', 'Léa', 12.5),
            eleve(2, 'Dupont', 'Marie', 9.75),
            eleve(3, 'Martin', 'Paul', 14.5, null, 'Très bon travail'),
            eleve(4, 'Petit', 'Jules', null, 'non_rendu'),
          ],
        },
      }),
    })

    taper('Marie Dupont', '9.75')
    taper('Jules Petit', 'R')
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    expect((await screen.findByText('4 résultats enregistrés.')).getAttribute('role')).toBe('status')
    const envois = appels.filter((a) => a.route.startsWith('PUT'))
    expect(envois).toEqual([
      {
        route: `PUT ${CHEMIN_API}`,
        corps: {
          notes: [
            { eleveId: 'e1', valeur: 12.5, marqueur: null, commentaire: null },
            { eleveId: 'e2', valeur: 9.75, marqueur: null, commentaire: null },
            { eleveId: 'e3', valeur: 14.5, marqueur: null, commentaire: 'Très bon travail' },
            { eleveId: 'e4', valeur: null, marqueur: 'non_rendu', commentaire: null },
          ],
        },
      },
    ])
    expect(cellule('Marie Dupont').value).toBe('9,75')
    expect(screen.getByText('Aucune modification en attente.')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('maps the server’s notes[i] errors back to the pupils, and says that nothing was saved', async () => {
    await afficher({
      [`PUT ${CHEMIN_API}`]: probleme({
        'notes[1].valeur': ['La note est comprise entre 0 et 20, avec deux décimales au plus.'],
        'notes[3]': ['Indiquez soit une note, soit Absent / Dispensé / Non noté / Non rendu, pas les deux.'],
        'notes[2].commentaire': ['Le commentaire fait 500 caractères au plus.'],
      }),
    })

    taper('Marie Dupont', '11')
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    const alerte = await screen.findByRole('alert')
    expect(alerte.textContent).toBe(
      "3 notes n'ont pas été enregistrées : Marie Dupont, Paul Martin, Jules Petit — rien n'a été enregistré, corrigez puis réessayez.",
    )
    expect(cellule('Marie Dupont').getAttribute('aria-invalid')).toBe('true')
    expect(description(cellule('Marie Dupont'))).toBe('La note est comprise entre 0 et 20, avec deux décimales au plus.')
    expect(description(cellule('Jules Petit'))).toBe('Indiquez soit une note, soit Absent / Dispensé / Non noté / Non rendu, pas les deux.')
    const commentaire = screen.getByRole('textbox', { name: 'Commentaire pour Paul Martin' })
    expect(description(commentaire)).toBe('Le commentaire fait 500 caractères au plus.')
    expect(cellule('Léa Bernard').getAttribute('aria-invalid')).toBeNull()
    expect(document.activeElement).toBe(cellule('Marie Dupont'))
    // What was typed stays, to be corrected; correcting a cell clears its server message.
    expect(cellule('Marie Dupont').value).toBe('11')
    taper('Marie Dupont', '10')
    expect(cellule('Marie Dupont').getAttribute('aria-invalid')).toBeNull()
  })

  it('says so when the server cannot be reached, and keeps what was typed', async () => {
    await afficher()
    vi.mocked(fetch).mockRejectedValueOnce(new TypeError('Failed to fetch'))

    taper('Jules Petit', '7')
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    expect((await screen.findByRole('alert')).textContent).toBe(
      "Rien n'a été enregistré. Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez. Vos saisies restent sur cette page.",
    )
    expect(cellule('Jules Petit').value).toBe('7')
  })

  it('warns before leaving with unsaved changes, and only then', async () => {
    await afficher()
    const quitter = () => {
      const evenement = new Event('beforeunload', { cancelable: true })
      act(() => {
        window.dispatchEvent(evenement)
      })
      return evenement.defaultPrevented
    }

    expect(quitter()).toBe(false)
    taper('Jules Petit', '7')
    expect(quitter()).toBe(true)
    taper('Jules Petit', '')
    expect(quitter()).toBe(false)
  })

  it('says when the assessment is not one of the teacher’s', async () => {
    serveur({ 'GET /api/identite/me': { body: professeur }, [`GET ${CHEMIN_API}`]: { status: 404, body: { title: 'Introuvable', status: 404 } } })
    render(<App chemin={`/enseignement/evaluations/${ID}`} gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Évaluation introuvable' })).toBeTruthy()
  })
})
