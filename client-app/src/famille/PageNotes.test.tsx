import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { eleveSeul, fauxServeur, notesCamille, notesGabriel, notesVides, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { liensNavigation, navigationPrincipale } from '../commun/testing/navigation'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const routesParent = (autres: Record<string, Route> = {}) => ({
  'GET /api/identite/me': { body: parentDeDeux },
  'GET /api/scolarite/eleves/e1/notes': { body: notesCamille },
  'GET /api/scolarite/eleves/e2/notes': { body: notesGabriel },
  ...autres,
})

/** Opens an address of the app as a connected person, as the browser would (the address is also the state). */
async function ouvrir(adresse: string, routes: Record<string, Route>, qui = 'Philippe Michel') {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(routes)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  await screen.findByRole('heading', { level: 1, name: /^Notes|^Bulletin/ })
  return appels
}

const carte = (matiere: string) => screen.getByRole('heading', { level: 3, name: matiere }).closest('li') as HTMLElement
const resultats = (matiere: string) =>
  within(within(carte(matiere)).getByRole('list', { name: `Résultats en ${matiere}` }))
    .getAllByRole('listitem')
    .map((li) => li.textContent)

describe('the grades page', () => {
  it('shows the child of the address: general averages, then each subject against the class, with every result', async () => {
    const appels = await ouvrir('/notes?eleve=e2', routesParent())

    expect(await screen.findByText('Gabriel Michel · Terminale générale 1')).toBeTruthy()
    expect(appels.map((a) => a.route)).toContain('GET /api/scolarite/eleves/e2/notes')
    expect(document.title).toBe('Notes — Ent — Espace numérique de travail')

    const bilan = screen.getByRole('region', { name: '1er trimestre' })
    expect([...bilan.querySelectorAll('dt, dd')].map((e) => e.textContent)).toEqual([
      'Moyenne générale',
      '12,44/20',
      'Moyenne générale de la classe',
      '11,42/20',
    ])
    expect(within(bilan).getByRole('link', { name: 'Bulletin du 1er trimestre' }).getAttribute('href')).toBe('/bulletins?eleve=e2&periode=t1')

    const philo = carte('Philosophie')
    expect([...philo.querySelectorAll(':scope > dl dt, :scope > dl dd')].map((e) => e.textContent)).toEqual([
      'Moyenne',
      '14,25/20',
      'Moyenne de la classe',
      '11,6/20 (de 6,17 à 18)',
      // The word comes with its plain explanation, behind a « ? » button (issue 19).
      'Coefficient?Le coefficient dit combien une note compte dans la moyenne : coefficient 2, elle compte deux fois.',
      '2',
    ])
    const aide = within(philo).getByRole('button', { name: 'Qu’est-ce que « Coefficient » ?' })
    expect(aide.getAttribute('aria-expanded')).toBe('false')
    expect((philo.querySelector('.terme-definition') as HTMLElement).hidden).toBe(true)
    fireEvent.click(aide)
    expect(aide.getAttribute('aria-expanded')).toBe('true')
    expect((philo.querySelector('.terme-definition') as HTMLElement).hidden).toBe(false)
    expect(within(philo).getByText('Bon trimestre, des connaissances solides.')).toBeTruthy()
    expect(resultats('Philosophie')).toEqual([
      'Dissertation n° 335,5/405 nov. · coef. 2 · soit 17,75/20Moyenne de la classe : 22,91/40',
      'Devoir maison n° 2Absent12 oct.Moyenne de la classe : 11,2/20',
      'Interrogation n° 114,5/2020 sept.Moyenne de la classe : 9,62/20« Bonne analyse. »',
    ])
    expect(resultats('Histoire-géographie')).toEqual([
      'Défi de la semaine16/2013 nov.bonusMoyenne de la classe : 11,08/20',
      'Quiz12/2013 nov.ne compte pasMoyenne de la classe : 10/20',
    ])
    expect(within(carte('Éducation physique et sportive')).getByText('Pas de moyenne')).toBeTruthy()
    expect(resultats('Éducation physique et sportive')).toEqual(['CourseDispensé13 nov.'])
  })

  it('switches period with a labelled select, keeps it in the address, and says when there is no grade yet', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-28T10:00:00Z'))
    const appels = await ouvrir('/notes?eleve=e2', routesParent({ 'GET /api/scolarite/eleves/e2/notes?periodeId=t2': { body: notesVides(notesGabriel) } }))
    const periode = (await screen.findByRole('combobox', { name: 'Période' })) as HTMLSelectElement
    expect([...periode.options].map((o) => o.textContent)).toEqual(['1er trimestre (en cours)', '2e trimestre', '3e trimestre'])
    expect(periode.value).toBe('t1')

    fireEvent.change(periode, { target: { value: 't2' } })

    expect(await screen.findByText('Aucune note pour cette période.')).toBeTruthy()
    expect(appels.map((a) => a.route)).toContain('GET /api/scolarite/eleves/e2/notes?periodeId=t2')
    expect(window.location.pathname + window.location.search).toBe('/notes?eleve=e2&periode=t2')
    expect(screen.getByRole('region', { name: '2e trimestre' })).toBeTruthy()
    expect(screen.getByText('Pas encore de moyenne')).toBeTruthy()
    expect(screen.queryByRole('link', { name: /Bulletin du/ })).toBeNull()
    expect((screen.getByRole('combobox', { name: 'Période' }) as HTMLSelectElement).value).toBe('t2')
  })

  it('opens the period of the address', async () => {
    const appels = await ouvrir('/notes?eleve=e2&periode=t2', routesParent({ 'GET /api/scolarite/eleves/e2/notes?periodeId=t2': { body: notesVides(notesGabriel) } }))
    expect(await screen.findByText('Aucune note pour cette période.')).toBeTruthy()
    expect(appels.filter((a) => a.route.includes('/notes')).map((a) => a.route)).toEqual(['GET /api/scolarite/eleves/e2/notes?periodeId=t2'])
  })

  it("lands on the grade a link names, in the link's period (not the current one): highlighted and focused", async () => {
    const appels = await ouvrir(
      '/notes?eleve=e2&periode=t2&matiere=PHILO&evaluation=p2',
      routesParent({ 'GET /api/scolarite/eleves/e2/notes?periodeId=t2': { body: { ...notesGabriel, periode: notesGabriel.periodes[1] } } }),
    )
    const signalee = await screen.findByText('Note signalée')
    const note = signalee.closest('li') as HTMLElement
    expect(note.textContent).toContain('Devoir maison n° 2')
    await waitFor(() => expect(document.activeElement).toBe(note))
    expect(appels.filter((a) => a.route.includes('/notes')).map((a) => a.route)).toEqual(['GET /api/scolarite/eleves/e2/notes?periodeId=t2'])
    expect((screen.getByRole('combobox', { name: 'Période' }) as HTMLSelectElement).value).toBe('t2')
  })

  it('lands on the subject a link names when no assessment is given', async () => {
    await ouvrir('/notes?eleve=e2&matiere=HIGEO', routesParent())
    const matiere = await screen.findByRole('listitem', { name: 'Histoire-géographie (matière signalée)' })
    await waitFor(() => expect(document.activeElement).toBe(matiere))
    expect(screen.queryByText('Note signalée')).toBeNull()
  })

  it("switches child with the same switcher as the home page, and every link keeps the child", async () => {
    await ouvrir('/notes?eleve=e2', routesParent())
    await screen.findByRole('heading', { level: 3, name: 'Philosophie' })
    const choix = screen.getByRole('combobox', { name: 'Enfant suivi' }) as HTMLSelectElement
    expect(choix.value).toBe('e2')

    fireEvent.change(choix, { target: { value: 'e1' } })

    expect(await screen.findByRole('heading', { level: 3, name: 'Français' })).toBeTruthy()
    expect(screen.getByText('Camille Michel · Seconde 2')).toBeTruthy()
    expect(screen.queryByRole('heading', { level: 3, name: 'Philosophie' })).toBeNull()
    expect(window.location.pathname + window.location.search).toBe('/notes?eleve=e1')
    expect(liensNavigation()).toEqual([
      ['Accueil', '/?eleve=e1', null],
      ['Emploi du temps', '/emploi-du-temps?eleve=e1', null],
      ['Devoirs', '/devoirs?eleve=e1', null],
      ['Cahier de textes', '/cahier-de-textes?eleve=e1', null],
      ['Notes', '/notes?eleve=e1', 'page'],
      ['Bulletins', '/bulletins?eleve=e1', null],
      ['Manuels et ressources', '/ressources?eleve=e1', null],
      ['Absences', '/absences?eleve=e1', null],
      ['Sorties', '/sorties?eleve=e1', null],
      ['Santé', '/sante?eleve=e1', null],
      ['Autorisations', '/autorisations', null],
      ['Messagerie', '/messagerie', null],
      ['Annonces', '/annonces', null],
      ['Agenda', '/agenda?eleve=e1', null],
      ['Élections', '/elections', null],
      ['Signalements', '/signalements', null],
      ['Mon compte', '/compte?eleve=e1', null],
    ])
    // The group holding the current page is marked.
    expect(within(navigationPrincipale()).getByRole('button', { name: 'Scolarité' }).getAttribute('aria-current')).toBe('true')
  })

  it('shows the first child when the address names none', async () => {
    await ouvrir('/notes', routesParent())
    expect(await screen.findByRole('heading', { level: 3, name: 'Français' })).toBeTruthy()
    expect((screen.getByRole('combobox', { name: 'Enfant suivi' }) as HTMLSelectElement).value).toBe('e1')
  })

  it('says "introuvable" in French, and shows nothing else, when the API answers 404 for a pupil who is not theirs', async () => {
    const appels = await ouvrir('/notes?eleve=autre', routesParent())

    expect(await screen.findByText(/^Notes introuvables/)).toBeTruthy()
    // The server decides: the page asked for that pupil, it did not fall back to one of the children.
    expect(appels.map((a) => a.route)).toContain('GET /api/scolarite/eleves/autre/notes')
    expect(appels.map((a) => a.route)).not.toContain('GET /api/scolarite/eleves/e1/notes')
    expect(screen.queryByRole('region', { name: '1er trimestre' })).toBeNull()
    expect((screen.getByRole('combobox', { name: 'Enfant suivi' }) as HTMLSelectElement).value).toBe('')
  })

  it('offers to try again when the server cannot be reached', async () => {
    await ouvrir('/notes?eleve=e2', routesParent({ 'GET /api/scolarite/eleves/e2/notes': { status: 503 } }))
    const alerte = await screen.findByRole('alert')
    fauxServeur(routesParent())
    fireEvent.click(within(alerte).getByRole('button', { name: 'Réessayer' }))
    expect(await screen.findByRole('heading', { level: 3, name: 'Philosophie' })).toBeTruthy()
  })

  it("says a guardian may not see a child's school work without asking the server", async () => {
    const restreint = { ...parentDeDeux, enfants: [{ ...parentDeDeux.enfants[0], legal: false, domaines: ['identite'] }] }
    const appels = await ouvrir('/notes', { 'GET /api/identite/me': { body: restreint } })
    expect(await screen.findByText("Vous n'avez pas accès aux notes de Camille Michel.")).toBeTruthy()
    expect(appels.map((a) => a.route)).toEqual(['GET /api/identite/me'])
  })

  it("shows a pupil their own grades, with neither switcher nor child in the links", async () => {
    const appels = await ouvrir('/notes', {
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/scolarite/eleves/moi-eleve/notes': { body: { ...notesCamille, eleveId: 'moi-eleve' } },
    }, 'Inès Durand')

    expect(await screen.findByRole('heading', { level: 3, name: 'Français' })).toBeTruthy()
    expect(screen.getByText('Seconde 2')).toBeTruthy()
    expect(screen.queryByRole('combobox', { name: 'Enfant suivi' })).toBeNull()
    expect(appels.map((a) => a.route)).toContain('GET /api/scolarite/eleves/moi-eleve/notes')
    expect(liensNavigation().map(([, href]) => href)).toEqual([
      '/',
      '/emploi-du-temps',
      '/devoirs',
      '/cahier-de-textes',
      '/notes',
      '/bulletins',
      '/ressources',
      '/absences',
      '/sorties',
      '/sante',
      '/messagerie',
      '/annonces',
      '/agenda',
      '/signalements',
      '/compte',
    ])
  })

  it('has no grades entry for a teacher (their entry is « Mes classes »), and says what the page is for', async () => {
    const professeur = { ...eleveSeul, profils: [{ uai: '0750000A', etablissement: 'Lycée démo', profil: 'enseignant', fonction: null }] }
    await ouvrir('/notes', { 'GET /api/identite/me': { body: professeur } }, 'Karim Benali')
    await waitFor(() => expect(screen.getByText(/réservée aux élèves et à leurs responsables/)).toBeTruthy())
    expect(liensNavigation().map(([nom]) => nom)).toEqual(['Accueil', 'Mes classes', 'Mon emploi du temps', 'Manuels et ressources', 'Autorisations de sortie', 'Appel', 'Messagerie', 'Annonces', 'Agenda', 'Mon compte'])
  })

  it('asks to sign in when nobody is connected', async () => {
    fauxServeur({})
    render(<App chemin="/notes" gestionnaire={fauxGestionnaire(null)} />)
    expect(await screen.findByRole('heading', { level: 1, name: 'Notes' })).toBeTruthy()
    expect(screen.getByText(/Connectez-vous/)).toBeTruthy()
  })
})
