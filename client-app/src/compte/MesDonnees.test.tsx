import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'

const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }
const parent = {
  id: 'p1',
  prenom: 'Philippe',
  nom: 'Michel',
  email: null,
  mobile: null,
  doubleAuthentification: false,
  administrateurRegion: false,
  profils: [{ ...lycee, profil: 'responsable', fonction: null }],
  enfants: [{ id: 'e1', prenom: 'Gabriel', nom: 'Michel', ...lycee, legal: true, domaines: ['travail_scolaire', 'vie_scolaire'] }],
}
const exportGabriel = (etat: string, progression: number) => ({
  id: 'x1',
  personneId: 'e1',
  personne: 'Gabriel Michel',
  etat,
  progression,
  demandeLe: '2026-12-02T08:14:00Z',
  termineLe: etat === 'pret' ? '2026-12-02T08:14:05Z' : null,
  expireLe: '2026-12-09T08:14:05Z',
  taille: etat === 'pret' ? 48_000 : null,
  telechargeLe: null,
})

/** One answer per call, the last one repeated. */
const successifs = (...reponses: Route[]): Route => {
  let n = 0
  return (init) => {
    const r = reponses[Math.min(n++, reponses.length - 1)]
    return typeof r === 'function' ? r(init) : r
  }
}

const base = {
  'GET /api/identite/me': { body: parent },
  'GET /api/identite/me/appareils': { body: [] },
  'GET /api/identite/me/applications': { body: [] },
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('my personal data (RGPD export)', () => {
  it('prepares a child’s export, shows its progress, then downloads it', async () => {
    const creerUrl = vi.fn<(objet: Blob) => string>(() => 'blob:http://localhost/x1')
    // jsdom has no object URLs: this test lends them, and takes them back.
    Object.assign(URL, { createObjectURL: creerUrl, revokeObjectURL: vi.fn() })
    onTestFinished(() => {
      Reflect.deleteProperty(URL, 'createObjectURL')
      Reflect.deleteProperty(URL, 'revokeObjectURL')
    })
    let telecharge: { href: string; download: string } | undefined
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      telecharge = { href: this.href, download: this.download }
    })
    const appels = fauxServeur({
      ...base,
      'GET /api/identite/me/exports': successifs({ body: [] }, { body: [exportGabriel('en_cours', 40)] }, { body: [exportGabriel('pret', 100)] }),
      'POST /api/identite/me/exports': { status: 202, body: exportGabriel('en_attente', 0) },
      'GET /api/identite/me/exports/x1/fichier': { brut: { texte: 'PK', type: 'application/zip' } },
    })
    render(<App chemin="/compte" gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)
    const section = await screen.findByRole('region', { name: 'Mes données personnelles' })
    expect(await within(section).findByText('Aucun export disponible.')).toBeTruthy()

    fireEvent.click(within(section).getByRole('button', { name: "Préparer l'export des données de Gabriel" }))
    expect(await within(section).findByText('En préparation : 40 %')).toBeTruthy()
    expect(within(section).getByRole('progressbar', { name: "Préparation de l'export des données de Gabriel Michel" })).toBeTruthy()
    expect(appels.find((a) => a.route === 'POST /api/identite/me/exports')!.corps).toEqual({ personneId: 'e1' })

    // Read again every two seconds until it is ready.
    const telecharger = await within(section).findByRole('button', { name: /Télécharger les données de Gabriel Michel/ }, { timeout: 5000 })
    expect(telecharger.textContent).toContain('47 ko')
    expect(within(section).getByText(/disponible jusqu'au/)).toBeTruthy()
    fireEvent.click(telecharger)
    expect(await within(section).findByText('Données de Gabriel Michel téléchargées.')).toBeTruthy()
    expect(telecharge).toEqual({ href: 'blob:http://localhost/x1', download: 'donnees-ent-2026-12-02.zip' })
    expect(await creerUrl.mock.calls[0][0].text()).toBe('PK')
  })

  it('says why when the request is refused', async () => {
    fauxServeur({
      ...base,
      'GET /api/identite/me/exports': { body: [] },
      'POST /api/identite/me/exports': {
        status: 429,
        body: { type: 'urn:ent:probleme:trop-de-requetes', title: 'Trop de requêtes', status: 429, detail: 'Vous avez déjà demandé 10 exports ces dernières 24 heures : réessayez plus tard.' },
      },
    })
    render(<App chemin="/compte" gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)
    const section = await screen.findByRole('region', { name: 'Mes données personnelles' })
    await within(section).findByText('Aucun export disponible.')

    fireEvent.click(within(section).getByRole('button', { name: "Préparer l'export de mes données" }))

    await waitFor(() => expect(within(section).getByRole('alert').textContent).toContain('10 exports ces dernières 24 heures'))
  })
})
