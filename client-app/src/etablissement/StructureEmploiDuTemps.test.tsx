import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'

const SCO = '/api/scolarite/etablissements/0750000A'
const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }
const direction = {
  id: 'dir',
  prenom: 'Hélène',
  nom: 'Garnier',
  email: null,
  mobile: null,
  doubleAuthentification: false,
  administrateurRegion: false,
  profils: [{ ...lycee, profil: 'personnel', fonction: 'direction' }],
  enfants: [],
}
const structure = {
  anneeScolaire: '2026-2027',
  classes: [
    { id: 'c1', code: '2NDE1', libelle: 'Seconde 1', niveau: 'seconde', eleveIds: ['e1', 'e2'], professeurPrincipalIds: [] },
    { id: 'c2', code: '2NDE2', libelle: 'Seconde 2', niveau: 'seconde', eleveIds: ['e3'], professeurPrincipalIds: [] },
  ],
  groupes: [{ id: 'g1', code: 'ESP2', libelle: 'Espagnol LV2', eleveIds: ['e2'] }],
  services: [
    { id: 's1', enseignantId: 'p1', matiereCode: 'MATHS', matiereLibelle: 'Mathématiques', classeId: 'c1', groupeId: null, coefficient: 2 },
    { id: 's2', enseignantId: 'p2', matiereCode: 'ESPAGNOL', matiereLibelle: 'Espagnol LV2', classeId: null, groupeId: 'g1', coefficient: 1 },
    { id: 's3', enseignantId: 'p1', matiereCode: 'MATHS', matiereLibelle: 'Mathématiques', classeId: 'c2', groupeId: null, coefficient: 2 },
  ],
  enseignants: [
    { id: 'p1', nom: 'Dupont', prenom: 'Jean' },
    { id: 'p2', nom: 'García', prenom: 'José' },
  ],
  eleves: [],
}
const creneau = (id: string, serviceId: string, division: string, jour: number, debut: string, autres: Record<string, unknown> = {}) => ({
  id,
  serviceId,
  matiere: serviceId === 's2' ? 'Espagnol LV2' : 'Mathématiques',
  matiereCode: serviceId === 's2' ? 'ESPAGNOL' : 'MATHS',
  classeId: { s1: 'c1', s3: 'c2' }[serviceId] ?? null,
  groupeId: serviceId === 's2' ? 'g1' : null,
  division,
  enseignantId: serviceId === 's2' ? 'p2' : 'p1',
  enseignant: serviceId === 's2' ? 'José García' : 'Jean Dupont',
  jour,
  debut,
  fin: debut.replace(':00', ':55'),
  salle: 'B12',
  semaine: null,
  valideDu: '2026-09-01',
  valideAu: '2027-08-31',
  ...autres,
})
const creneaux = [
  creneau('k1', 's1', '2NDE1', 2, '10:00', { semaine: 'A' }),
  creneau('k2', 's1', '2NDE1', 1, '08:00', { valideDu: '2027-02-01' }),
  creneau('k3', 's2', 'ESP2', 1, '09:00'),
  creneau('k4', 's3', '2NDE2', 1, '08:00'),
]
const semaines = {
  anneeScolaire: '2026-2027',
  semaines: [
    { lundi: '2026-08-31', semaine: 'A', declaree: false },
    { lundi: '2026-09-07', semaine: 'B', declaree: false },
  ],
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2027-01-13T09:30:00Z'))
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

function ouvrir(autres: Record<string, Route> = {}) {
  const chemin = '/direction/structure?onglet=emploi-du-temps'
  window.history.replaceState(null, '', chemin)
  const appels = fauxServeur({
    'GET /api/identite/me': { body: direction },
    [`GET ${SCO}/structure`]: { body: structure },
    [`GET ${SCO}/creneaux`]: { body: creneaux },
    [`GET ${SCO}/semaines`]: { body: semaines },
    ...autres,
  })
  render(<App chemin="/direction/structure" gestionnaire={fauxGestionnaire(utilisateur('Hélène Garnier'))} />)
  return appels
}

describe('the timetable administration', () => {
  it("lists a class's week day by day, its pupils' group lessons included, with week and validity said", async () => {
    ouvrir()

    const grille = await screen.findByRole('region', { name: 'Créneaux de la semaine' })
    expect(within(grille).getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(['Lundi', 'Mardi'])
    const lignes = within(grille).getAllByRole('listitem').map((l) => l.querySelector('p')?.textContent)
    expect(lignes).toEqual([
      '08:00–08:55 Mathématiques (2NDE1) — Jean Dupont, B12, du 01/02/2027 au 31/08/2027',
      '09:00–09:55 Espagnol LV2 (ESP2) — José García, B12',
      '10:00–10:55 Mathématiques (2NDE1) — Jean Dupont, B12, semaine A',
    ])

    fireEvent.change(within(grille).getByLabelText('Classe ou groupe'), { target: { value: 'classe:c2' } })
    expect(within(grille).getAllByRole('listitem').map((l) => l.querySelector('p')?.textContent)).toEqual(['08:00–08:55 Mathématiques (2NDE2) — Jean Dupont, B12'])
  })

  it('lists every line the import refused and changes nothing on screen', async () => {
    const appels = ouvrir({
      [`POST ${SCO}/creneaux/import?verifier=false`]: {
        status: 400,
        body: {
          status: 400,
          title: 'Les données envoyées ne sont pas valides',
          errors: { fichier: ['Ligne 3 : le jour « dimanche » n\'est pas reconnu (lundi … samedi, ou 1 … 6)', 'Ligne 12 : 2NDE1 n\'a pas de service de la matière « PHILO »'] },
        },
      },
    })

    const section = await screen.findByRole('region', { name: 'Importer un emploi du temps (CSV)' })
    const fichier = new File(['jour;debut;fin;classe_ou_groupe;matiere\n'], 'edt.csv', { type: 'text/csv' })
    fireEvent.change(within(section).getByLabelText('Fichier CSV'), { target: { files: [fichier] } })
    fireEvent.click(within(section).getByRole('button', { name: 'Importer et remplacer' }))

    const titre = await within(section).findByRole('heading', { name: "Le fichier n'a pas été importé : 2 erreur(s)" })
    expect(within(section).getAllByRole('listitem').map((l) => l.textContent)).toEqual([
      'Ligne 3 : le jour « dimanche » n\'est pas reconnu (lundi … samedi, ou 1 … 6)',
      'Ligne 12 : 2NDE1 n\'a pas de service de la matière « PHILO »',
    ])
    // The focus moves in an effect after the render: on a loaded CI machine, later than waitFor's default second.
    await vi.waitFor(() => expect(document.activeElement).toBe(titre), { timeout: 5_000 })
    expect(appels.filter((a) => a.route.startsWith('POST'))).toHaveLength(1)
    expect(appels.filter((a) => a.route === `GET ${SCO}/creneaux`)).toHaveLength(1)
  })

  it('asks for the file before sending anything', async () => {
    const appels = ouvrir()
    const section = await screen.findByRole('region', { name: 'Importer un emploi du temps (CSV)' })
    fireEvent.click(within(section).getByRole('button', { name: 'Vérifier le fichier' }))

    expect(await within(section).findByText('Choisissez le fichier CSV exporté par votre logiciel d’emploi du temps.')).toBeTruthy()
    expect(appels.filter((a) => a.route.startsWith('POST'))).toHaveLength(0)
  })
})
