import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
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
const t1 = { id: 'p1', decoupage: 'trimestre', numero: 1, libelle: '1er trimestre', debut: '2026-09-01', fin: '2026-12-04', bulletinsPubliesLe: null }
const t2 = { id: 'p2', decoupage: 'trimestre', numero: 2, libelle: '2e trimestre', debut: '2026-12-05', fin: '2027-03-12', bulletinsPubliesLe: null }
const classe = (code: string, prete: boolean) => ({
  classeId: code,
  code,
  libelle: code,
  effectif: 30,
  appreciationsManquantes: prete ? 0 : 12,
  appreciationsGeneralesManquantes: prete ? 0 : 30,
  conseilSaisi: prete,
  prete,
})
const aFaire = {
  bulletins: [{ periodeId: 'p1', libelle: '1er trimestre', debut: t1.debut, fin: t1.fin, terminee: false, bulletinsPubliesLe: null, classes: [classe('2NDE1', true), classe('TG1', false)] }],
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date('2026-12-02T09:00:00Z'))
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

function ouvrir(chemin: string, autres: Record<string, Route> = {}) {
  const appels = fauxServeur({
    'GET /api/identite/me': { body: direction },
    [`GET ${SCO}/periodes`]: { body: [t1, t2] },
    [`GET ${SCO}/a-faire`]: { body: aFaire },
    ...autres,
  })
  render(<App chemin={chemin} gestionnaire={fauxGestionnaire(utilisateur('Hélène Garnier'))} />)
  return appels
}

describe('the report cards publication', () => {
  it('shows the due period first with each class’s readiness, and publishes only once confirmed', async () => {
    const appels = ouvrir('/direction/bulletins', {
      [`POST ${SCO}/periodes/p1/publication`]: { body: { ...t1, bulletinsPubliesLe: '2026-12-02T09:00:00Z' } },
    })
    const section = await screen.findByRole('region', { name: '1er trimestre' }, { timeout: 10_000 })
    expect(within(section).getByText('Bulletins non publiés.')).toBeTruthy()
    expect(within(section).getByText('1 classe prête sur 2.')).toBeTruthy()
    const lignes = within(section).getAllByRole('row').map((r) => r.textContent)
    expect(lignes[2]).toContain('TG1')
    expect(lignes[2]).toContain('À compléter')

    fireEvent.click(within(section).getByRole('button', { name: 'Publier les bulletins' }))
    const confirmation = within(section).getByRole('group')
    expect(confirmation.textContent).toContain('Attention : 1 classe n’est pas prête.')
    expect(appels.some((a) => a.route.startsWith('POST'))).toBe(false)
    fireEvent.click(within(section).getByRole('button', { name: 'Confirmer la publication' }))

    await within(section).findByText('Bulletins du 1er trimestre publiés : les élèves et leurs familles peuvent les lire.')
    expect(within(section).getByText(/^Bulletins publiés le 2 déc/)).toBeTruthy()
    await waitFor(() => expect(within(section).getByRole('button', { name: 'Retirer la publication' })).toBe(document.activeElement))
    expect(appels.filter((a) => a.route === `POST ${SCO}/periodes/p1/publication`)).toHaveLength(1)
  })

  it('opens the period named in the address, says when its readiness comes, and shows a refusal in French', async () => {
    ouvrir('/direction/bulletins?periode=p2', {
      [`POST ${SCO}/periodes/p2/publication`]: { status: 403, body: { status: 403, title: 'Forbidden' } },
    })
    const section = await screen.findByRole('region', { name: '2e trimestre' }, { timeout: 10_000 })
    expect(within(section).getByText(/finit dans les trois semaines/)).toBeTruthy()
    expect(screen.getByRole('link', { name: /2e trimestre/ }).getAttribute('aria-current')).toBe('page')
    fireEvent.click(within(section).getByRole('button', { name: 'Publier les bulletins' }))
    fireEvent.click(within(section).getByRole('button', { name: 'Confirmer la publication' }))
    expect((await within(section).findByRole('alert')).textContent).toContain("Vous n'avez pas accès à cette action.")
  })

  it('tells someone who runs no établissement that the page is not theirs', async () => {
    fauxServeur({ 'GET /api/identite/me': { body: { ...direction, profils: [{ ...lycee, profil: 'personnel', fonction: 'cpe' }] } } })
    render(<App chemin="/direction/bulletins" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
    expect(await screen.findByText(/réservée à la direction/, undefined, { timeout: 10_000 })).toBeTruthy()
  })
})
