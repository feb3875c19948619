import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Moi } from './api/ent-client'
import { App } from './App'
import { estGroupe, planNavigation } from './planNavigation'
import { fauxGestionnaire, serveur, utilisateur } from './commun/testing/session'
import { navigationAffichee, navigationPrincipale } from './commun/testing/navigation'

const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }
const enfant = (id: string, prenom: string) => ({ id, prenom, nom: 'Michel', ...lycee, legal: true, domaines: ['travail_scolaire', 'vie_scolaire', 'identite'] })
const personne = (profils: { profil: string; fonction: string | null }[], autres: Partial<Moi> = {}) =>
  ({ id: 'x', prenom: 'Karim', nom: 'Benali', profils: profils.map((p) => ({ ...lycee, ...p })), enfants: [], ...autres }) as unknown as Moi

const ELEVE = { profil: 'eleve', fonction: null }
const RESPONSABLE = { profil: 'responsable', fonction: null }
const ENSEIGNANT = { profil: 'enseignant', fonction: null }
const CPE = { profil: 'personnel', fonction: 'cpe' }
const DIRECTION = { profil: 'personnel', fonction: 'direction' }
const ADMINISTRATEUR = { profil: 'personnel', fonction: 'administrateur_local' }
const INFIRMIER = { profil: 'personnel', fonction: 'infirmier' }

/** The plan as a person sees it: top-level names, a group followed by its pages. */
const lu = (moi: Moi | null) =>
  planNavigation(moi, (c) => c).map((e) => (estGroupe(e) ? `${e.nom} (${e.entrees.map((x) => x.nom).join(', ')})` : e.nom))

describe('the navigation’s groups, per profile', () => {
  it.each([
    ['a pupil', personne([ELEVE]), ['Accueil', 'Scolarité (Emploi du temps, Devoirs, Cahier de textes, Notes, Bulletins, Manuels et ressources)', 'Vie scolaire (Absences, Sorties, Santé)', 'Communication (Messagerie, Annonces, Agenda, Signalements)', 'Mon compte']],
    [
      'a guardian',
      personne([RESPONSABLE], { enfants: [enfant('e1', 'Gabriel')] } as Partial<Moi>),
      ['Accueil', 'Scolarité (Emploi du temps, Devoirs, Cahier de textes, Notes, Bulletins, Manuels et ressources)', 'Vie scolaire (Absences, Sorties, Autorisations)', 'Communication (Messagerie, Annonces, Agenda, Élections, Signalements)', 'Mon compte'],
    ],
    ['a teacher', personne([ENSEIGNANT]), ['Accueil', 'Enseignement (Mes classes, Mon emploi du temps, Manuels et ressources, Autorisations de sortie)', 'Appel', 'Communication (Messagerie, Annonces, Agenda)', 'Mon compte']],
    ['the CPE', personne([CPE]), ['Accueil', 'Vie scolaire (Tableau de bord, Élèves, Emploi du temps, Autorisations de sortie)', 'Communication (Messagerie, Annonces, Agenda, Signalements reçus)', 'Mon compte']],
    [
      'the head',
      personne([DIRECTION]),
      ['Accueil', 'Vie scolaire (Tableau de bord, Élèves, Emploi du temps, Autorisations de sortie)', 'Gestion (Publication des bulletins, Structure, Administration)', 'Communication (Messagerie, Annonces, Agenda, Élections, Signalements reçus)', 'Mon compte'],
    ],
    ['a local administrator', personne([ADMINISTRATEUR]), ['Accueil', 'Gestion (Publication des bulletins, Structure, Administration)', 'Communication (Messagerie, Annonces, Agenda, Élections, Signalements reçus)', 'Mon compte']],
    // A group of one page is that page, at the top level.
    ['a regional administrator', personne([], { administrateurRegion: true } as Partial<Moi>), ['Accueil', 'Région', 'Communication (Messagerie, Annonces, Agenda)', 'Mon compte']],
    ['the nurse', personne([INFIRMIER]), ['Accueil', 'Infirmerie', 'Communication (Messagerie, Annonces, Agenda, Signalements reçus)', 'Mon compte']],
    ['anyone while /me loads', null, ['Accueil', 'Communication (Messagerie, Annonces, Agenda)', 'Mon compte']],
  ])('%s', (_qui, moi, attendu) => {
    expect(lu(moi)).toEqual(attendu)
  })

  it('keeps the two « Vie scolaire » apart for a CPE who is also a parent, and stays short for a teacher who is one', () => {
    const cpeParent = personne([CPE, RESPONSABLE], { enfants: [enfant('e1', 'Gabriel')] } as Partial<Moi>)
    expect(lu(cpeParent).map((e) => e.replace(/ \(.*/, ''))).toEqual(['Accueil', 'Scolarité', 'Absences et sorties', 'Vie scolaire', 'Communication', 'Mon compte'])
    const profParent = personne([ENSEIGNANT, RESPONSABLE], { enfants: [enfant('e1', 'Gabriel')] } as Partial<Moi>)
    expect(lu(profParent).map((e) => e.replace(/ \(.*/, ''))).toEqual(['Accueil', 'Scolarité', 'Vie scolaire', 'Enseignement', 'Appel', 'Communication', 'Mon compte'])
  })

  it('has at most six top-level items for every single profile, seven for a person who cumulates two', () => {
    for (const profil of [ELEVE, ENSEIGNANT, CPE, DIRECTION, ADMINISTRATEUR, INFIRMIER]) expect(lu(personne([profil])).length).toBeLessThanOrEqual(6)
    expect(lu(personne([DIRECTION, ENSEIGNANT], { administrateurRegion: true } as Partial<Moi>)).length).toBeLessThanOrEqual(7)
  })

  it('puts the chosen child in the links of the pages about a child, and only there', () => {
    const plan = planNavigation(personne([RESPONSABLE], { enfants: [enfant('e1', 'Gabriel'), enfant('e2', 'Léa')] } as Partial<Moi>), (c) => `${c}?eleve=e2`)
    const liens = plan.flatMap((e) => (estGroupe(e) ? e.entrees : [e])).map((e) => e.vers)
    expect(liens).toEqual([
      '/?eleve=e2',
      '/emploi-du-temps?eleve=e2',
      '/devoirs?eleve=e2',
      '/cahier-de-textes?eleve=e2',
      '/notes?eleve=e2',
      '/bulletins?eleve=e2',
      '/ressources?eleve=e2',
      '/absences?eleve=e2',
      '/sorties?eleve=e2',
      '/autorisations',
      '/messagerie',
      '/annonces',
      '/agenda?eleve=e2',
      '/elections',
      '/signalements', // issue 17: the family's reports, not one child's
      '/compte?eleve=e2',
    ])
  })
})

const parent = {
  id: 'p1',
  prenom: 'Philippe',
  nom: 'Michel',
  profils: [{ ...lycee, ...RESPONSABLE }],
  enfants: [enfant('e1', 'Gabriel'), enfant('e2', 'Léa')],
}

/** A guardian of two on a page (the child switcher shown: /me answered); the server answers /me and nothing else (the pages say they could not load). */
async function ouvrir(chemin: string) {
  serveur({ '/api/identite/me': parent })
  window.history.replaceState(null, '', chemin)
  render(<App chemin={chemin} gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)
  await screen.findByRole('combobox', { name: 'Enfant suivi' })
  return navigationPrincipale()
}

/** A phone: the media query of the wide layout does not match. */
function telephone() {
  const ecouteurs = new Set<() => void>()
  vi.stubGlobal('matchMedia', (requete: string) => ({
    matches: false,
    media: requete,
    addEventListener: (_: string, f: () => void) => ecouteurs.add(f),
    removeEventListener: (_: string, f: () => void) => ecouteurs.delete(f),
  }))
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

describe('the navigation on a wide screen (disclosure pattern)', () => {
  it('opens a group with its button, one group at a time, and marks the group of the current page', async () => {
    const nav = await ouvrir('/notes?eleve=e2')
    const scolarite = within(nav).getByRole('button', { name: 'Scolarité' })
    const vieScolaire = within(nav).getByRole('button', { name: 'Vie scolaire' })
    // A disclosure, not an ARIA menu: no menu roles anywhere.
    expect(within(nav).queryAllByRole('menu', { hidden: true })).toEqual([])
    expect(within(nav).queryAllByRole('menuitem', { hidden: true })).toEqual([])
    expect(scolarite.getAttribute('aria-current')).toBe('true')
    expect(vieScolaire.getAttribute('aria-current')).toBeNull()
    expect(scolarite.getAttribute('aria-expanded')).toBe('false')
    expect(within(nav).queryByRole('link', { name: 'Notes' })).toBeNull()

    fireEvent.click(scolarite)
    expect(scolarite.getAttribute('aria-expanded')).toBe('true')
    const liste = document.getElementById(scolarite.getAttribute('aria-controls') ?? '') as HTMLElement
    expect(within(liste).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href'), l.getAttribute('aria-current')])).toEqual([
      ['Emploi du temps', '/emploi-du-temps?eleve=e2', null],
      ['Devoirs', '/devoirs?eleve=e2', null],
      ['Cahier de textes', '/cahier-de-textes?eleve=e2', null],
      ['Notes', '/notes?eleve=e2', 'page'],
      ['Bulletins', '/bulletins?eleve=e2', null],
      ['Manuels et ressources', '/ressources?eleve=e2', null],
    ])

    fireEvent.click(vieScolaire)
    expect(scolarite.getAttribute('aria-expanded')).toBe('false')
    expect(vieScolaire.getAttribute('aria-expanded')).toBe('true')
    expect(within(nav).queryByRole('link', { name: 'Notes' })).toBeNull()
    expect(within(nav).getByRole('link', { name: 'Absences' })).toBeTruthy()

    fireEvent.click(vieScolaire)
    expect(vieScolaire.getAttribute('aria-expanded')).toBe('false')
  })

  it('closes with Escape and gives the focus back to the group’s button', async () => {
    const nav = await ouvrir('/notes?eleve=e1')
    const communication = within(nav).getByRole('button', { name: 'Communication' })
    fireEvent.click(communication)
    const messagerie = within(nav).getByRole('link', { name: 'Messagerie' })
    messagerie.focus()

    fireEvent.keyDown(messagerie, { key: 'Escape' })

    expect(communication.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(communication)
    expect(within(nav).queryByRole('link', { name: 'Messagerie' })).toBeNull()
  })

  it('closes when the focus leaves the navigation or a pointer is pressed elsewhere, not on a press inside it', async () => {
    const nav = await ouvrir('/notes?eleve=e1')
    const scolarite = within(nav).getByRole('button', { name: 'Scolarité' })
    fireEvent.click(scolarite)
    fireEvent.pointerDown(within(nav).getByRole('link', { name: 'Devoirs' }))
    expect(scolarite.getAttribute('aria-expanded')).toBe('true')

    fireEvent.pointerDown(screen.getByRole('main'))
    expect(scolarite.getAttribute('aria-expanded')).toBe('false')

    fireEvent.click(scolarite)
    const bulletins = within(nav).getByRole('link', { name: 'Bulletins' })
    // Tabbing on, out of the navigation, to the page.
    fireEvent.blur(bulletins, { relatedTarget: screen.getByRole('link', { name: 'Ent' }) })
    expect(scolarite.getAttribute('aria-expanded')).toBe('false')
  })

  it('follows a link with the chosen child, closes the group and marks the new page and its group', async () => {
    const nav = await ouvrir('/notes?eleve=e2')
    fireEvent.click(within(nav).getByRole('button', { name: 'Vie scolaire' }))

    fireEvent.click(within(nav).getByRole('link', { name: 'Sorties' }))

    await screen.findByRole('heading', { level: 1, name: 'Sorties' })
    expect(window.location.pathname + window.location.search).toBe('/sorties?eleve=e2')
    expect(within(nav).getByRole('button', { name: 'Vie scolaire' }).getAttribute('aria-expanded')).toBe('false')
    expect(within(nav).getByRole('button', { name: 'Vie scolaire' }).getAttribute('aria-current')).toBe('true')
    expect(within(nav).getByRole('button', { name: 'Scolarité' }).getAttribute('aria-current')).toBeNull()
    // The child switcher still names the chosen child.
    expect((screen.getByRole('combobox', { name: 'Enfant suivi' }) as HTMLSelectElement).value).toBe('e2')
  })

  it('carries a newly chosen child into every link, closed groups included', async () => {
    await ouvrir('/notes?eleve=e1')
    fireEvent.change(screen.getByRole('combobox', { name: 'Enfant suivi' }), { target: { value: 'e2' } })
    const liens = navigationAffichee().flatMap((e) => (Array.isArray(e[2]) ? e[2] : [e]))
    expect(liens.filter(([nom]) => !['Messagerie', 'Annonces', 'Élections', 'Signalements', 'Autorisations'].includes(nom as string)).every(([, href]) => String(href).endsWith('?eleve=e2'))).toBe(true)
  })
})

describe('the navigation on a phone', () => {
  it('shows the groups as headed sections behind « Menu », closed by Escape (focus back on « Menu ») and by following a link', async () => {
    telephone()
    const nav = await ouvrir('/notes?eleve=e2')
    const menu = within(nav).getByRole('button', { name: 'Menu' })
    expect(menu.getAttribute('aria-expanded')).toBe('false')
    expect(within(nav).queryAllByRole('link')).toEqual([])
    // No group buttons on a phone: only « Menu ».
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual(['Menu'])

    fireEvent.click(menu)
    expect(menu.getAttribute('aria-expanded')).toBe('true')
    expect(within(nav).getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Scolarité', 'Vie scolaire', 'Communication'])
    const scolarite = within(nav).getByRole('list', { name: 'Scolarité' })
    expect(within(scolarite).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href'), l.getAttribute('aria-current')])).toEqual([
      ['Emploi du temps', '/emploi-du-temps?eleve=e2', null],
      ['Devoirs', '/devoirs?eleve=e2', null],
      ['Cahier de textes', '/cahier-de-textes?eleve=e2', null],
      ['Notes', '/notes?eleve=e2', 'page'],
      ['Bulletins', '/bulletins?eleve=e2', null],
      ['Manuels et ressources', '/ressources?eleve=e2', null],
    ])
    expect(navigationAffichee().map((e) => e[0])).toEqual(['Accueil', 'Scolarité', 'Vie scolaire', 'Communication', 'Mon compte'])

    fireEvent.keyDown(within(nav).getByRole('link', { name: 'Devoirs' }), { key: 'Escape' })
    expect(menu.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(menu)

    fireEvent.click(menu)
    fireEvent.click(within(nav).getByRole('link', { name: 'Absences' }))
    await screen.findByRole('heading', { level: 1, name: 'Absences' })
    expect(window.location.pathname + window.location.search).toBe('/absences?eleve=e2')
    expect(menu.getAttribute('aria-expanded')).toBe('false')
    expect(screen.getByRole('combobox', { name: 'Enfant suivi' })).toBeTruthy()
  })

  it('turns into the wide layout when the screen widens (a rotated tablet)', async () => {
    let large = false
    const ecouteurs = new Set<() => void>()
    vi.stubGlobal('matchMedia', () => ({
      get matches() {
        return large
      },
      addEventListener: (_: string, f: () => void) => ecouteurs.add(f),
      removeEventListener: (_: string, f: () => void) => ecouteurs.delete(f),
    }))
    const nav = await ouvrir('/')
    expect(within(nav).getByRole('button', { name: 'Menu' })).toBeTruthy()

    large = true
    act(() => ecouteurs.forEach((f) => f()))

    expect(within(nav).queryByRole('button', { name: 'Menu' })).toBeNull()
    expect(within(nav).getByRole('button', { name: 'Scolarité' })).toBeTruthy()
  })
})
