import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { eleveSeul, fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { lienNavigation } from '../commun/testing/navigation'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const derniere = (n: Record<string, unknown>) => ({
  evaluationId: 'ev',
  matiere: 'Mathématiques',
  date: '2026-11-13',
  titre: 'Contrôle',
  bareme: 20,
  coefficient: 1,
  valeur: null,
  marqueur: null,
  moyenneClasse: null,
  saisieLe: '2026-11-28T13:21:09Z',
  periodeId: 'p2',
  matiereCode: 'MATHS',
  ...n,
})

const dernieresCamille = [
  derniere({ evaluationId: 'a', matiere: 'Physique-chimie', matiereCode: 'PH-CH', periodeId: 'p1', titre: 'Contrôle n° 5', valeur: 7.5, moyenneClasse: 11.07 }),
  derniere({ evaluationId: 'b', matiere: 'Mathématiques', date: '2026-11-12', titre: 'Devoir maison', bareme: 10, valeur: 8, moyenneClasse: 6.45 }),
  derniere({ evaluationId: 'c', matiere: 'Anglais LV1', date: '2026-11-10', titre: 'Oral', marqueur: 'absent', moyenneClasse: 12 }),
]
const dernieresGabriel = [derniere({ evaluationId: 'd', matiere: 'Philosophie', titre: 'Dissertation', bareme: 40, valeur: 35.5, moyenneClasse: 22.91 })]

const notification = (n: Record<string, unknown>) => ({
  id: 'n',
  eleveId: 'e1',
  categorie: 'notes',
  titre: 'Nouvelle note',
  texte: '',
  lien: null,
  le: '2026-11-28T13:21:15Z',
  lue: false,
  ...n,
})

const notifications = {
  nonLues: 12,
  notifications: [
    notification({ id: 'n1', eleveId: 'e2', titre: 'Nouvelle note en Philosophie', texte: '« Dissertation » : la note de Gabriel est disponible.', lien: '/notes?eleve=e2' }),
    notification({ id: 'n2', titre: 'Nouvelle note en Physique-chimie', texte: '« Contrôle n° 5 » : la note de Camille est disponible.', lien: '/notes?eleve=e1' }),
    notification({ id: 'n3', titre: 'Lien douteux', texte: 'Ailleurs.', lien: '//exemple.org/piege' }),
    notification({ id: 'n4', titre: 'Déjà lue', texte: 'Ancienne.', lue: true }),
  ],
}

const routes = (autres: Record<string, Route> = {}) => ({
  'GET /api/identite/me': { body: parentDeDeux },
  'GET /api/scolarite/eleves/e1/dernieres-notes?limite=5': { body: dernieresCamille },
  'GET /api/scolarite/eleves/e2/dernieres-notes?limite=5': { body: dernieresGabriel },
  'GET /api/communication/me/notifications?limite=5': { body: notifications },
  'POST /api/communication/me/notifications/lues': { status: 204 },
  ...autres,
})

async function ouvrir(adresse: string, table: Record<string, Route>, qui = 'Philippe Michel') {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(table)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  await screen.findByRole('heading', { level: 1, name: /^Bonjour/ })
  return appels
}

const cartes = (region: HTMLElement) =>
  within(within(region).getByRole('list')).getAllByRole('listitem').map((li) => [...li.children].map((e) => e.textContent))

describe('« Dernières notes » on the home page', () => {
  it("shows the chosen child's newest results: subject, title, mark or marker, date and class average", async () => {
    await ouvrir('/', routes())

    const region = await screen.findByRole('region', { name: 'Dernières notes' })
    await within(region).findByRole('heading', { level: 3, name: 'Physique-chimie' })
    expect(within(region).getByText('Camille Michel')).toBeTruthy()
    expect(cartes(region)).toEqual([
      ['Physique-chimie', 'Contrôle n° 57,5/20', '13 nov. · Moyenne de la classe : 11,07/20'],
      ['Mathématiques', 'Devoir maison8/10', '12 nov. · Moyenne de la classe : 6,45/10'],
      ['Anglais LV1', 'OralAbsent', '10 nov. · Moyenne de la classe : 12/20'],
    ])
    // « Toutes les notes » opens the newest grade's period, each grade its own place on the grades page.
    expect(within(region).getByRole('link', { name: 'Toutes les notes' }).getAttribute('href')).toBe('/notes?eleve=e1&periode=p1')
    expect(within(region).getByRole('link', { name: 'Contrôle n° 5' }).getAttribute('href')).toBe(
      '/notes?eleve=e1&periode=p1&matiere=PH-CH&evaluation=a',
    )
  })

  it('follows the switcher, which keeps the child in the address and in every link', async () => {
    await ouvrir('/', routes())
    const region = await screen.findByRole('region', { name: 'Dernières notes' })
    await within(region).findByRole('heading', { level: 3, name: 'Physique-chimie' })

    fireEvent.change(screen.getByRole('combobox', { name: 'Enfant suivi' }), { target: { value: 'e2' } })

    expect(await within(region).findByRole('heading', { level: 3, name: 'Philosophie' })).toBeTruthy()
    expect(cartes(region)).toEqual([['Philosophie', 'Dissertation35,5/40', '13 nov. · Moyenne de la classe : 22,91/40']])
    expect(window.location.pathname + window.location.search).toBe('/?eleve=e2')
    expect(within(region).getByRole('link', { name: 'Toutes les notes' }).getAttribute('href')).toBe('/notes?eleve=e2&periode=p2')
    expect(lienNavigation('Notes').getAttribute('href')).toBe('/notes?eleve=e2')
    // The child's card follows too.
    expect([...screen.getByRole('region', { name: 'Enfant suivi' }).querySelectorAll('dd')][0].textContent).toBe('Gabriel Michel')
  })

  it('starts with the child of the address (a link from another page)', async () => {
    await ouvrir('/?eleve=e2', routes())
    const region = await screen.findByRole('region', { name: 'Dernières notes' })
    expect(await within(region).findByRole('heading', { level: 3, name: 'Philosophie' })).toBeTruthy()
    expect((screen.getByRole('combobox', { name: 'Enfant suivi' }) as HTMLSelectElement).value).toBe('e2')
  })

  it('says so when there is no grade yet', async () => {
    await ouvrir('/', routes({ 'GET /api/scolarite/eleves/e1/dernieres-notes?limite=5': { body: [] } }))
    const region = await screen.findByRole('region', { name: 'Dernières notes' })
    expect(await within(region).findByText('Aucune note pour le moment.')).toBeTruthy()
  })

  it("shows a pupil their own, and no child's name", async () => {
    const appels = await ouvrir('/', {
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/scolarite/eleves/moi-eleve/dernieres-notes?limite=5': { body: dernieresGabriel },
      'GET /api/communication/me/notifications?limite=5': { body: { nonLues: 0, notifications: [] } },
    }, 'Inès Durand')
    const region = await screen.findByRole('region', { name: 'Dernières notes' })
    expect(await within(region).findByRole('heading', { level: 3, name: 'Philosophie' })).toBeTruthy()
    expect(within(region).getByRole('link', { name: 'Toutes les notes' }).getAttribute('href')).toBe('/notes?periode=p2')
    expect(appels.map((a) => a.route)).toContain('GET /api/scolarite/eleves/moi-eleve/dernieres-notes?limite=5')
    const notificationsRegion = await screen.findByRole('region', { name: 'Notifications' })
    expect(await within(notificationsRegion).findByText('Aucune notification non lue.')).toBeTruthy()
    expect(within(notificationsRegion).getByText('Aucune notification pour le moment.')).toBeTruthy()
  })

  it('is absent for staff', async () => {
    const professeur = { ...eleveSeul, profils: [{ uai: '0750000A', etablissement: 'Lycée démo', profil: 'enseignant', fonction: null }] }
    const appels = await ouvrir('/', { 'GET /api/identite/me': { body: professeur } }, 'Karim Benali')
    expect(screen.queryByRole('region', { name: 'Dernières notes' })).toBeNull()
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull()
    // The grades' and notifications' reads are the family's; the announcements' block is everyone's.
    await waitFor(() => expect(appels.map((a) => a.route)).toEqual(['GET /api/identite/me', 'GET /api/communication/me/annonces']))
  })
})

describe('notifications on the home page', () => {
  it('show the unread count and the latest, a new one tagged, a link only to a page of this site', async () => {
    await ouvrir('/', routes())
    const region = await screen.findByRole('region', { name: 'Notifications' })

    expect(await within(region).findByText('12 notifications non lues.')).toBeTruthy()
    const titres = within(region).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)
    expect(titres).toEqual(['NouveauNouvelle note en Philosophie', 'NouveauNouvelle note en Physique-chimie', 'NouveauLien douteux', 'Déjà lue'])
    expect(within(region).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Nouvelle note en Philosophie', '/notes?eleve=e2'],
      ['Nouvelle note en Physique-chimie', '/notes?eleve=e1'],
    ])
    expect(within(region).getByText('« Dissertation » : la note de Gabriel est disponible.')).toBeTruthy()
  })

  it('are all marked read with a button: the count says so, focus stays in the section', async () => {
    const appels = await ouvrir('/', routes())
    const region = await screen.findByRole('region', { name: 'Notifications' })
    await within(region).findByText('12 notifications non lues.')

    fireEvent.click(within(region).getByRole('button', { name: 'Tout marquer comme lu' }))

    expect(await within(region).findByText('Aucune notification non lue.')).toBeTruthy()
    expect(within(region).getByRole('status').textContent).toBe('Toutes vos notifications sont marquées comme lues.')
    expect(within(region).queryByText('Nouveau')).toBeNull()
    expect(within(region).queryByRole('button', { name: 'Tout marquer comme lu' })).toBeNull()
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Aucune notification non lue.'))
    expect(appels.filter((a) => a.route.startsWith('POST'))).toEqual([
      expect.objectContaining({ route: 'POST /api/communication/me/notifications/lues', corps: {} }),
    ])
  })

  it('says so when marking them read fails', async () => {
    await ouvrir('/', routes({ 'POST /api/communication/me/notifications/lues': { status: 503 } }))
    const region = await screen.findByRole('region', { name: 'Notifications' })
    await within(region).findByText('12 notifications non lues.')

    fireEvent.click(within(region).getByRole('button', { name: 'Tout marquer comme lu' }))

    expect((await within(region).findByRole('alert')).textContent).toBe('Le serveur a rencontré un problème. Réessayez dans quelques minutes.')
    expect(within(region).getByText('12 notifications non lues.')).toBeTruthy()
  })

  it('are read when followed, with a request that outlives the page', async () => {
    const appels = await ouvrir('/', routes())
    const region = await screen.findByRole('region', { name: 'Notifications' })
    const lien = await within(region).findByRole('link', { name: 'Nouvelle note en Philosophie' })
    lien.addEventListener('click', (e) => e.preventDefault()) // jsdom does not navigate

    fireEvent.click(lien)

    await waitFor(() => expect(appels.some((a) => a.route.startsWith('POST'))).toBe(true))
    const post = appels.find((a) => a.route.startsWith('POST'))
    expect(post?.corps).toEqual({ ids: ['n1'] })
    expect(post?.init?.keepalive).toBe(true)
    expect(within(region).getByText('11 notifications non lues.')).toBeTruthy()
  })
})
