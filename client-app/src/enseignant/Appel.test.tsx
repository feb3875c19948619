import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { feuille, ligneAppel, professeur, SERVICE, SERVICE_2 } from '../commun/testing/vieScolaire'
import { navigationAffichee } from '../commun/testing/navigation'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const MAINTENANT = new Date('2026-11-28T09:07:00Z') // 10:07 at Paris, a Saturday morning
const cours = (serviceId: string, libelle: string, debut: string, fin: string, appelFait: boolean) => ({ serviceId, cours: libelle, debut, fin, salle: 'Salle 112', appelFait })
const journee = {
  date: '2026-11-28',
  cours: [
    cours(SERVICE, 'Français — 2NDE1', '2026-11-28T07:00:00Z', '2026-11-28T07:55:00Z', true),
    cours(SERVICE_2, 'Français — 1G1', '2026-11-28T09:00:00Z', '2026-11-28T09:55:00Z', false),
    cours(SERVICE, 'Français — 2NDE1', '2026-11-28T13:00:00Z', '2026-11-28T13:55:00Z', false),
  ],
  services: [
    { serviceId: SERVICE_2, cours: 'Français — 1G1' },
    { serviceId: SERVICE, cours: 'Français — 2NDE1' },
  ],
}

function afficherPage(chemin: string, routes: Record<string, Route>) {
  const adresse = new URL(chemin, 'http://localhost')
  window.history.replaceState(null, '', chemin)
  const appels = fauxServeur(routes)
  render(<App chemin={adresse.pathname} gestionnaire={fauxGestionnaire(utilisateur('Claire Moreau'))} />)
  return { appels }
}

describe("the teacher's day", () => {
  it('lists the lessons in timetable order with their roll call state, and the other days', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(MAINTENANT)
    afficherPage('/appel', { 'GET /api/viescolaire/me/cours': { body: journee } })

    const liste = await screen.findByRole('region', { name: 'Cours du jour' })
    expect(screen.getByText("Aujourd'hui, samedi 28 novembre 2026")).toBeTruthy()
    const cartes = within(liste).getAllByRole('listitem')
    expect(cartes.map((c) => c.textContent)).toEqual([
      'Français — 2NDE108:00–08:55 · Salle 112Appel fait ✓Cahier de textes : Français — 2NDE1, 08:00–08:55',
      'Français — 1G110:00–10:55 · Salle 112Appel à faireCahier de textes : Français — 1G1, 10:00–10:55',
      "Français — 2NDE114:00–14:55 · Salle 112L'appel s'ouvre à 13:45Cahier de textes : Français — 2NDE1, 14:00–14:55",
    ])
    // Every lesson links to its page of the cahier de textes (issue 15), the roll call's only once open.
    expect(within(cartes[2]).getByRole('link', { name: /^Cahier de textes/ }).getAttribute('href')).toBe(
      `/enseignement/services/${SERVICE}/cahier-de-textes?debut=2026-11-28T13%3A00%3A00Z&fin=2026-11-28T13%3A55%3A00Z`,
    )
    const lien = within(cartes[1]).getByRole('link', { name: 'Français — 1G1' })
    expect(lien.getAttribute('href')).toBe(`/appel/${SERVICE_2}?debut=2026-11-28T09%3A00%3A00Z&fin=2026-11-28T09%3A55%3A00Z`)
    expect(within(cartes[2]).queryByRole('link', { name: 'Français — 2NDE1' })).toBeNull()

    const jours = screen.getByRole('navigation', { name: 'Autres jours' })
    expect(within(jours).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['← Jour précédent (ven. 27 nov.)', '/appel?date=2026-11-27'],
      ['Jour suivant (dim. 29 nov.) →', '/appel?date=2026-11-29'],
    ])
  })

  it('says what the timetable changed: a cancelled lesson struck, a colleague replacing, a lesson the teacher replaces', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(MAINTENANT)
    const change = (base: ReturnType<typeof cours>, champs: Record<string, unknown>) => ({ ...base, ...champs })
    afficherPage('/appel', {
      'GET /api/viescolaire/me/cours': {
        body: {
          ...journee,
          cours: [
            change(cours(SERVICE, 'Français — 2NDE1', '2026-11-28T07:00:00Z', '2026-11-28T07:55:00Z', false), {
              statut: 'annule', motif: 'Professeur absent', remplacant: false, appelPossible: false,
            }),
            change(cours(SERVICE_2, 'Français — 1G1', '2026-11-28T08:00:00Z', '2026-11-28T08:55:00Z', false), {
              statut: 'remplace', remplacant: false, appelPossible: false,
            }),
            change(cours(SERVICE, 'Maths — TG1', '2026-11-28T09:00:00Z', '2026-11-28T09:55:00Z', false), {
              statut: 'remplace', remplacant: true, appelPossible: true,
            }),
          ],
        },
      },
    })

    const liste = await screen.findByRole('region', { name: 'Cours du jour' })
    const cartes = within(liste).getAllByRole('listitem')
    expect(cartes.map((c) => c.textContent)).toEqual([
      "Français — 2NDE108:00–08:55 · Salle 112Cours annulé (Professeur absent) : pas d'appel.Cahier de textes : Français — 2NDE1, 08:00–08:55",
      "Français — 1G109:00–09:55 · Salle 112Cours assuré par un remplaçant : il fait l'appel.Cahier de textes : Français — 1G1, 09:00–09:55",
      "Maths — TG110:00–10:55 · Salle 112Vous remplacez l'enseignant de ce cours.Appel à faire",
    ])
    expect(cartes[0].querySelector('del')?.textContent).toBe('Français — 2NDE1')
    // No roll call for a cancelled lesson nor one a colleague takes; their cahier de textes stays the teacher's.
    expect(within(cartes[0]).getAllByRole('link').map((l) => l.textContent)).toEqual(['Cahier de textes : Français — 2NDE1, 08:00–08:55'])
    expect(within(cartes[1]).getAllByRole('link').map((l) => l.textContent)).toEqual(['Cahier de textes : Français — 1G1, 09:00–09:55'])
    // The replacing teacher takes the roll call, not the page (the cahier de textes is the service's teacher's).
    expect(within(cartes[2]).getAllByRole('link').map((l) => l.textContent)).toEqual(['Maths — TG1'])
  })

  it('starts « Autre cours » now, rounded down to 5 minutes, for 55 minutes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(MAINTENANT)
    afficherPage('/appel', { 'GET /api/viescolaire/me/cours': { body: { ...journee, cours: [] } } })

    const autre = await screen.findByRole('region', { name: 'Autre cours' })
    expect(screen.getByText('Aucun cours à votre emploi du temps ce jour-là.')).toBeTruthy()
    fireEvent.change(within(autre).getByLabelText('Cours'), { target: { value: SERVICE } })
    fireEvent.click(within(autre).getByRole('button', { name: "Faire l'appel maintenant" }))

    await vi.waitFor(() =>
      expect(window.location.pathname + window.location.search).toBe(`/appel/${SERVICE}?debut=2026-11-28T09%3A05%3A00.000Z&fin=2026-11-28T10%3A00%3A00.000Z`),
    )
  })

  it('shows another day from the address, without « Autre cours »', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(MAINTENANT)
    const { appels } = afficherPage('/appel?date=2026-11-27', {
      'GET /api/viescolaire/me/cours?date=2026-11-27': { body: { ...journee, date: '2026-11-27', cours: [] } },
    })

    expect(await screen.findByText('vendredi 27 novembre 2026')).toBeTruthy()
    expect(appels.map((a) => a.route).filter((r) => r.includes('/viescolaire/'))).toEqual(['GET /api/viescolaire/me/cours?date=2026-11-27'])
    expect(screen.queryByRole('region', { name: 'Autre cours' })).toBeNull()
    expect(screen.getByRole('link', { name: "Aujourd'hui" }).getAttribute('href')).toBe('/appel')
  })
})

describe('a roll call', () => {
  const initiale = feuille()
  const api = `/api/viescolaire/services/${SERVICE}/appel`
  const lire = `GET ${api}?debut=${encodeURIComponent(initiale.debut)}&fin=${encodeURIComponent(initiale.fin)}`
  const chemin = `/appel/${SERVICE}?debut=${encodeURIComponent(initiale.debut)}&fin=${encodeURIComponent(initiale.fin)}`

  async function ouvrirFeuille(routes: Record<string, Route> = {}, sheet: object = initiale) {
    const r = afficherPage(chemin, { [lire]: { body: sheet }, ...routes })
    await screen.findByRole('heading', { level: 1, name: 'Français — 2NDE1' })
    return r
  }

  const eleve = (nom: string) => screen.getByRole('button', { name: new RegExp(`^${nom}, `) })
  const compteurs = () =>
    Object.fromEntries([...document.querySelectorAll('.stats-saisie div')].map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent]))

  it('lists the class by name, everyone present, and marks a pupil absent in one tap', async () => {
    await ouvrirFeuille()

    expect(screen.getByText('Appel pas encore fait')).toBeTruthy()
    const lignes = within(screen.getByRole('list', { name: 'Élèves' })).getAllByRole('listitem')
    expect(lignes.map((l) => within(l).getAllByRole('button').map((b) => [b.getAttribute('aria-label'), b.textContent]))).toEqual([
      [['Bernard Léa, Présent', 'Bernard Léa✓ Présent'], ['Retard, exclu : Bernard Léa', 'Retard, exclu']],
      [['Dupont Marie, Présent', 'Dupont Marie✓ Présent'], ['Retard, exclu : Dupont Marie', 'Retard, exclu']],
      [['Martin Paul, Présent', 'Martin Paul✓ Présent'], ['Retard, exclu : Martin Paul', 'Retard, exclu']],
      [['Petit Jules, Présent', 'Petit Jules✓ Présent'], ['Retard, exclu : Petit Jules', 'Retard, exclu']],
    ])
    expect(compteurs()).toEqual({ Présents: '4', Absents: '0', Retards: '0' })

    fireEvent.click(eleve('Dupont Marie'))
    expect(eleve('Dupont Marie').getAttribute('aria-label')).toBe('Dupont Marie, Absent')
    expect(eleve('Dupont Marie').closest('li')?.className).toBe('eleve-appel etat-absent')
    expect(compteurs()).toEqual({ Présents: '3', Absents: '1', Retards: '0' })
    expect(screen.getByText('Dupont Marie : Absent').getAttribute('role')).toBe('status')

    fireEvent.click(eleve('Dupont Marie'))
    expect(eleve('Dupont Marie').getAttribute('aria-label')).toBe('Dupont Marie, Présent')
  })

  it('records a lateness and an exclusion from « Retard, exclu », then sends everything in one PUT', async () => {
    const { appels } = await ouvrirFeuille({
      [`PUT ${api}`]: (init) => {
        const corps = JSON.parse(String(init?.body)) as { eleves: { eleveId: string; etat: string; minutesRetard?: number }[] }
        const etats = new Map(corps.eleves.map((e) => [e.eleveId, e]))
        // One instant for both: a first roll call is done and last changed at the same moment (two clock reads could
        // fall a millisecond apart and read as a correction).
        const maintenant = new Date().toISOString()
        return {
          body: {
            ...initiale,
            fait: true,
            faitLe: maintenant,
            modifieLe: maintenant,
            eleves: initiale.eleves.map((e) => ({ ...e, etat: etats.get(e.eleveId)?.etat ?? 'present', minutesRetard: etats.get(e.eleveId)?.minutesRetard ?? null })),
          },
        }
      },
    })

    fireEvent.click(eleve('Bernard Léa'))
    const plus = screen.getByRole('button', { name: 'Retard, exclu : Martin Paul' })
    expect(plus.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(plus)
    expect(plus.getAttribute('aria-expanded')).toBe('true')
    const autres = screen.getByRole('group', { name: 'Autres états : Martin Paul' })
    fireEvent.click(within(autres).getByRole('button', { name: '10 min' }))
    expect(eleve('Martin Paul').getAttribute('aria-label')).toBe('Martin Paul, Retard 10 min')
    expect(document.activeElement).toBe(eleve('Martin Paul'))
    expect(plus.getAttribute('aria-expanded')).toBe('false')

    fireEvent.click(screen.getByRole('button', { name: 'Retard, exclu : Petit Jules' }))
    fireEvent.click(within(screen.getByRole('group', { name: 'Autres états : Petit Jules' })).getByRole('button', { name: 'Exclu du cours' }))
    expect(compteurs()).toEqual({ Présents: '1', Absents: '1', Retards: '1', Exclus: '1' })

    fireEvent.click(screen.getByRole('button', { name: "Valider l'appel" }))

    expect(await screen.findByText('Appel enregistré — les familles des absents sont prévenues.')).toBeTruthy()
    const puts = appels.filter((a) => a.route.startsWith('PUT'))
    expect(puts).toHaveLength(1)
    expect(puts[0].corps).toEqual({
      debut: initiale.debut,
      fin: initiale.fin,
      eleves: [
        { eleveId: 'e1', etat: 'absent' },
        { eleveId: 'e3', etat: 'retard', minutesRetard: 10 },
        { eleveId: 'e4', etat: 'exclu' },
      ],
    })
    expect(document.querySelector('.etat-cours')?.textContent).toMatch(/^Appel fait ✓ à \d\d:\d\d$/)
    expect(screen.getByRole('button', { name: "Valider l'appel corrigé" })).toBeTruthy()
    expect(screen.getByText('Aucune correction en attente.')).toBeTruthy()

    // A correction the same day: counted until sent.
    fireEvent.click(eleve('Bernard Léa'))
    expect(screen.getByText('1 correction non envoyée')).toBeTruthy()
    expect(screen.queryByText('Appel enregistré — les familles des absents sont prévenues.')).toBeNull()
  })

  it('asks for the minutes of « Autre durée » before sending anything', async () => {
    const { appels } = await ouvrirFeuille()
    fireEvent.click(screen.getByRole('button', { name: 'Retard, exclu : Dupont Marie' }))
    fireEvent.click(screen.getByRole('button', { name: 'Autre durée' }))
    const minutes = screen.getByLabelText('Minutes de retard')
    expect(document.activeElement).toBe(minutes)
    fireEvent.change(minutes, { target: { value: '0' } })

    fireEvent.click(screen.getByRole('button', { name: "Valider l'appel" }))

    expect(screen.getByRole('alert').textContent).toBe("Rien n'a été envoyé : indiquez les minutes de retard de Dupont Marie.")
    expect(screen.getByLabelText('Minutes de retard').getAttribute('aria-invalid')).toBe('true')
    expect(appels.some((a) => a.route.startsWith('PUT'))).toBe(false)

    fireEvent.change(screen.getByLabelText('Minutes de retard'), { target: { value: '25' } })
    expect(eleve('Dupont Marie').getAttribute('aria-label')).toBe('Dupont Marie, Retard 25 min')
  })

  it("puts the server's line errors on the pupils and says what was not saved", async () => {
    await ouvrirFeuille({
      [`PUT ${api}`]: {
        status: 400,
        body: {
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: { 'eleves[1].eleveId': ['Cet élève ne fait pas partie de la classe ou du groupe de ce cours.'] },
        },
      },
    })
    fireEvent.click(eleve('Bernard Léa'))
    fireEvent.click(eleve('Martin Paul'))
    fireEvent.click(screen.getByRole('button', { name: "Valider l'appel" }))

    expect((await screen.findByRole('alert')).textContent).toBe("L'appel n'a pas été enregistré : vérifiez Martin Paul.")
    const martin = eleve('Martin Paul')
    expect(document.getElementById(martin.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Cet élève ne fait pas partie de la classe ou du groupe de ce cours.',
    )
    expect(document.activeElement).toBe(martin)
    expect(eleve('Bernard Léa').getAttribute('aria-describedby')).toBeNull()
  })

  it("says the server's refusal of a correction another day", async () => {
    await ouvrirFeuille({
      [`PUT ${api}`]: {
        status: 409,
        body: { title: 'Conflit', status: 409, detail: "L'appel d'un cours se fait ou se corrige le jour même ; ensuite, adressez-vous à la vie scolaire." },
      },
    })
    fireEvent.click(screen.getByRole('button', { name: "Valider l'appel" }))

    expect((await screen.findByRole('alert')).textContent).toBe(
      "L'appel n'a pas été enregistré. L'appel d'un cours se fait ou se corrige le jour même ; ensuite, adressez-vous à la vie scolaire.",
    )
  })

  it('shows a roll call that can no longer be corrected, without buttons', async () => {
    await ouvrirFeuille({}, { ...initiale, fait: true, faitLe: initiale.debut, modifiable: false, eleves: [ligneAppel(1, 'Bernard', 'Léa', 'absent'), ligneAppel(2, 'Dupont', 'Marie', 'retard', 5)] })

    expect(screen.getByText('Cet appel ne peut plus être corrigé ici : adressez-vous à la vie scolaire.')).toBeTruthy()
    expect(within(screen.getByRole('list', { name: 'Élèves' })).getAllByRole('listitem').map((l) => l.textContent)).toEqual([
      'Bernard Léa✗ Absent',
      'Dupont Marie◷ Retard 5 min',
    ])
    expect(screen.queryByRole('button', { name: /Valider/ })).toBeNull()
  })

  it('says « introuvable » for a lesson that is not the teacher’s', async () => {
    afficherPage(chemin, {})
    expect(await screen.findByRole('heading', { level: 1, name: 'Cours introuvable' })).toBeTruthy()
  })
})

describe('the navigation', () => {
  it('has « Appel » for a teacher, current on the roll call pages', async () => {
    window.history.replaceState(null, '', '/appel')
    fauxServeur({ 'GET /api/identite/me': { body: professeur }, 'GET /api/viescolaire/me/cours': { body: journee } })
    render(<App chemin="/appel" gestionnaire={fauxGestionnaire(utilisateur('Claire Moreau'))} />)

    await screen.findByRole('region', { name: 'Cours du jour' })
    // « Appel » is a top-level entry (taken at every lesson), not inside « Enseignement ».
    expect(navigationAffichee().map((e) => [e[0], e[2]])).toEqual([
      ['Accueil', null],
      ['Enseignement', [['Mes classes', '/enseignement', null], ['Mon emploi du temps', '/enseignement/emploi-du-temps', null], ['Manuels et ressources', '/ressources', null], ['Autorisations de sortie', '/autorisations/organisees', null]]],
      ['Appel', 'page'],
      ['Communication', [['Messagerie', '/messagerie', null], ['Annonces', '/annonces', null], ['Agenda', '/agenda', null]]],
      ['Mon compte', null],
    ])
    expect(document.title).toBe('Appel — Ent — Espace numérique de travail')
  })

  it('asks to sign in when nobody is connected', async () => {
    fauxServeur({})
    render(<App chemin="/appel" gestionnaire={fauxGestionnaire(null)} />)
    expect(await screen.findByRole('heading', { level: 1, name: 'Appel' })).toBeTruthy()
    expect(screen.getByText(/pour faire l'appel de vos cours\.$/)).toBeTruthy()
  })
})
