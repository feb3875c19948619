import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { aujourdhui } from '../commun/format'
import { description, probleme, serveur, type Route } from '../commun/testing/enseignement'
import { lienNavigation, navigationAffichee, navigationPrincipale } from '../commun/testing/navigation'

const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }
const professeur = { id: 'p', prenom: 'Karim', nom: 'Benali', profils: [{ ...lycee, profil: 'enseignant', fonction: null }], enfants: [] }
const S1 = '0192f1a0-0000-7000-8000-0000000000a1'
const S2 = '0192f1a0-0000-7000-8000-0000000000a2'
const NOUVELLE = '0192f1a0-0000-7000-8000-0000000000e9'
const service = (id: string, code: string, libelle: string, effectif: number, evaluations: number) => ({
  id,
  matiereCode: 'FRANCAIS',
  matiere: 'Français',
  classeId: `c-${code}`,
  groupeId: null,
  code,
  libelle,
  coefficient: 4,
  effectif,
  evaluations,
})
const enseignement = {
  services: [service(S1, '2NDE1', 'Seconde 1', 31, 5), service(S2, '1G1', 'Première générale 1', 1, 1)],
  classesPrincipales: [{ id: 'c1', code: '2NDE1', libelle: 'Seconde 1', effectif: 31 }],
}
const evaluation = (id: string, date: string, titre: string, autres: object = {}) => ({
  id,
  serviceId: S1,
  periodeId: 't1',
  date,
  titre,
  bareme: 20,
  coefficient: 1,
  mode: 'normale',
  compteDansMoyenne: true,
  publication: null,
  saisies: 31,
  moyenne: 11.42,
  min: 3,
  max: 18.5,
  ...autres,
})
const evaluations = [
  evaluation('0192f1a0-0000-7000-8000-0000000000e2', '2026-11-10', 'Devoir surveillé n° 2', { bareme: 40, coefficient: 2, saisies: 29, moyenne: 24.5 }),
  evaluation('0192f1a0-0000-7000-8000-0000000000e1', '2026-10-01', 'Bonus : défi de la semaine', { mode: 'bonus', saisies: 0, moyenne: null }),
]

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

const routesProfesseur = (autres: Record<string, Route> = {}) => ({
  'GET /api/identite/me': { body: professeur },
  'GET /api/scolarite/me/enseignement': { body: enseignement },
  [`GET /api/scolarite/services/${S1}/evaluations`]: { body: evaluations },
  ...autres,
})

describe('the navigation', () => {
  it('has « Mes classes » for a teacher', async () => {
    serveur(routesProfesseur())
    render(<App chemin="/" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
    await screen.findByRole('heading', { level: 1, name: 'Bonjour Karim' })

    expect(navigationAffichee()).toEqual([
      ['Accueil', '/', 'page'],
      [
        'Enseignement',
        null,
        [
          ['Mes classes', '/enseignement', null],
          ['Mon emploi du temps', '/enseignement/emploi-du-temps', null],
          ['Manuels et ressources', '/ressources', null],
          ['Autorisations de sortie', '/autorisations/organisees', null],
        ],
      ],
      ['Appel', '/appel', null],
      [
        'Communication',
        null,
        [
          ['Messagerie', '/messagerie', null],
          ['Annonces', '/annonces', null],
          ['Agenda', '/agenda', null],
        ],
      ],
      ['Mon compte', '/compte', null],
    ])
  })

  it('has no « Mes classes » for a pupil', async () => {
    serveur({ 'GET /api/identite/me': { body: { ...professeur, profils: [{ ...lycee, profil: 'eleve', fonction: null }] } } })
    render(<App chemin="/" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
    await screen.findByRole('heading', { level: 1, name: 'Bonjour Karim' })

    expect(screen.queryByRole('link', { name: 'Mes classes' })).toBeNull()
  })
})

describe('Mes classes', () => {
  it('lists the teacher’s services as links, with pupils and assessments', async () => {
    serveur(routesProfesseur())
    render(<App chemin="/enseignement" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)

    await screen.findByRole('link', { name: 'Français — 2NDE1' })
    await vi.waitFor(() => expect(document.title).toBe('Mes classes — Ent — Espace numérique de travail')) // set by an effect, after the DOM
    expect(within(navigationPrincipale()).getByRole('button', { name: 'Enseignement' }).getAttribute('aria-current')).toBe('true')
    expect(lienNavigation('Mes classes').getAttribute('aria-current')).toBe('page')
    const cartes = screen.getAllByRole('listitem').filter((l) => l.classList.contains('service'))
    expect(cartes.map((c) => [within(c).getAllByRole('link')[0].getAttribute('href'), c.textContent])).toEqual([
      [`/enseignement/services/${S1}`, 'Français — 2NDE1Seconde 131 élèves · 5 évaluationsCahier de textes — Français, 2NDE1Appréciations — Français, 2NDE1'],
      [`/enseignement/services/${S2}`, 'Français — 1G1Première générale 11 élève · 1 évaluationCahier de textes — Français, 1G1Appréciations — Français, 1G1'],
    ])
    expect(screen.getByRole('region', { name: 'Professeur principal' }).textContent).toContain('Seconde 1 (2NDE1), 31 élèves')
  })

  it('asks to sign in when nobody is connected', async () => {
    serveur({})
    render(<App chemin="/enseignement/evaluations/x" gestionnaire={fauxGestionnaire(null)} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Mes classes' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeTruthy()
  })
})

describe('a service’s assessments', () => {
  function afficher(routes: Record<string, Route>) {
    const appels = serveur(routes)
    render(<App chemin={`/enseignement/services/${S1}`} gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
    return { appels }
  }

  it('lists them newest first with their figures, each a link to its grid', async () => {
    afficher(routesProfesseur())

    expect(await screen.findByRole('heading', { level: 1, name: 'Français — 2NDE1' })).toBeTruthy()
    await vi.waitFor(() => expect(document.title).toBe('Français — 2NDE1 — Ent — Espace numérique de travail')) // set by an effect, after the DOM
    const liste = screen.getByRole('region', { name: "Évaluations de l'année" })
    const cartes = within(liste).getAllByRole('listitem')
    expect(cartes.map((c) => within(c).getAllByRole('link')[0].getAttribute('href'))).toEqual([
      '/enseignement/evaluations/0192f1a0-0000-7000-8000-0000000000e2',
      '/enseignement/evaluations/0192f1a0-0000-7000-8000-0000000000e1',
    ])
    const details = (c: HTMLElement) => [...c.querySelectorAll('dd')].map((d) => d.textContent)
    expect(within(cartes[0]).getByRole('heading', { level: 3 }).textContent).toBe('Devoir surveillé n° 2')
    expect(cartes[0].querySelector('time')?.textContent).toBe('10 novembre 2026')
    expect(details(cartes[0])).toEqual(['sur 40', '2', '29 / 31 (incomplet)', '24,5 / 40'])
    expect(details(cartes[1])).toEqual(['sur 20', '1', '0 / 31', '—', 'Bonus'])
  })

  it('creates an assessment with the defaults and today’s date, then goes to its grid', async () => {
    const { appels } = afficher(
      routesProfesseur({ [`POST /api/scolarite/services/${S1}/evaluations`]: { status: 201, body: evaluation(NOUVELLE, aujourdhui(), 'Oral') } }),
    )
    const formulaire = await screen.findByRole('region', { name: 'Nouvelle évaluation' })

    expect((within(formulaire).getByLabelText('Date') as HTMLInputElement).value).toBe(aujourdhui())
    expect((within(formulaire).getByLabelText('Noté sur') as HTMLInputElement).value).toBe('20')
    expect((within(formulaire).getByLabelText('Coefficient') as HTMLInputElement).value).toBe('1')
    expect((within(formulaire).getByLabelText('Compte dans la moyenne') as HTMLInputElement).checked).toBe(true)
    fireEvent.change(within(formulaire).getByLabelText('Titre'), { target: { value: '  Oral  ' } })
    fireEvent.change(within(formulaire).getByLabelText('Coefficient'), { target: { value: '0,5' } })
    fireEvent.change(within(formulaire).getByLabelText('Mode'), { target: { value: 'facultative' } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Créer et saisir les notes' }))

    await vi.waitFor(() => expect(window.location.pathname).toBe(`/enseignement/evaluations/${NOUVELLE}`))
    expect(appels.find((a) => a.route.startsWith('POST'))?.corps).toEqual({
      date: aujourdhui(),
      titre: 'Oral',
      bareme: 20,
      coefficient: 0.5,
      mode: 'facultative',
      compteDansMoyenne: true,
      publication: null,
    })
  })

  it('shows the server’s field errors next to their fields and focuses the first', async () => {
    afficher(
      routesProfesseur({
        [`POST /api/scolarite/services/${S1}/evaluations`]: probleme({
          date: ['La date ne tombe dans aucune période de l\'année scolaire.'],
          publication: ["La date de publication ne peut précéder la date de l'évaluation."],
        }),
      }),
    )
    const formulaire = await screen.findByRole('region', { name: 'Nouvelle évaluation' })
    fireEvent.change(within(formulaire).getByLabelText('Date'), { target: { value: '2030-08-01' } })
    fireEvent.change(within(formulaire).getByLabelText('Titre'), { target: { value: 'Oral' } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Créer et saisir les notes' }))

    const date = within(formulaire).getByLabelText('Date')
    await vi.waitFor(() => expect(date.getAttribute('aria-invalid')).toBe('true'))
    expect(description(date)).toBe("Elle décide du trimestre de l'évaluation. La date ne tombe dans aucune période de l'année scolaire.")
    await vi.waitFor(() => expect(document.activeElement).toBe(date)) // focused by an effect, after the DOM
    const publication = within(formulaire).getByLabelText('Visible des familles à partir du (facultatif)')
    expect(publication.getAttribute('aria-invalid')).toBe('true')
    expect(within(formulaire).getByRole('alert').textContent).toBe('Vérifiez les champs signalés.')
    expect(within(formulaire).getByLabelText('Titre').getAttribute('aria-invalid')).toBeNull()
    expect(window.location.pathname).toBe(`/enseignement/services/${S1}`)
  })

  it('checks the title and the numbers before sending', async () => {
    const { appels } = afficher(routesProfesseur())
    const formulaire = await screen.findByRole('region', { name: 'Nouvelle évaluation' })
    fireEvent.change(within(formulaire).getByLabelText('Noté sur'), { target: { value: 'vingt' } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Créer et saisir les notes' }))

    expect(description(within(formulaire).getByLabelText('Titre'))).toBe('Par exemple « Contrôle n° 3 — le roman ». Le titre est obligatoire.')
    expect(description(within(formulaire).getByLabelText('Noté sur'))).toBe('Indiquez un nombre, par exemple 20 ou 10.')
    expect(appels.some((a) => a.route.startsWith('POST'))).toBe(false)
  })

  it('says when the service is not one of the teacher’s', async () => {
    afficher({ 'GET /api/scolarite/me/enseignement': { body: { services: [], classesPrincipales: [] } } })

    expect(await screen.findByRole('heading', { level: 1, name: 'Classe introuvable' })).toBeTruthy()
  })
})
