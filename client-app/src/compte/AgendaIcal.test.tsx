import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import type { FluxIcalInfo } from '../api/ent-client'
import { adresseWebcal } from './AgendaIcal'

const ROUTE = '/api/scolarite/moi/flux-ical'
const ADRESSE = 'https://ent.example.fr/ical/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde.ics'
const actif: FluxIcalInfo = { id: 'f1', usage: 'emploi-du-temps', creeLe: '2026-11-20T08:00:00Z', derniereLecture: '2026-11-24T06:00:00Z', revoqueLe: null }
const revoque: FluxIcalInfo = { id: 'f0', usage: 'emploi-du-temps', creeLe: '2026-10-01T08:00:00Z', derniereLecture: null, revoqueLe: '2026-11-20T08:00:00Z' }

async function carte(routes: Parameters<typeof fauxServeur>[0]) {
  const appels = fauxServeur({ 'GET /api/identite/me': { body: eleveSeul }, 'GET /api/identite/me/appareils': { body: [] }, ...routes })
  render(<App chemin="/compte" gestionnaire={fauxGestionnaire(utilisateur('Inès Durand'))} />)
  return { appels, region: await screen.findByRole('region', { name: 'Mon emploi du temps dans mon agenda' }) }
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('the timetable in my calendar (iCal)', () => {
  it('creates the address, shows it once with a copy button and the phone help, then lists it without it', async () => {
    let liste = [revoque]
    const { appels, region } = await carte({
      [`GET ${ROUTE}`]: () => ({ body: liste }),
      [`POST ${ROUTE}`]: () => {
        liste = [actif, revoque]
        return { status: 201, body: { id: 'f1', usage: 'emploi-du-temps', adresse: ADRESSE, creeLe: actif.creeLe, remplace: false } }
      },
    })
    expect(await within(region).findByText('Aucune adresse d’agenda active.')).toBeTruthy()
    const ecrire = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: ecrire }, configurable: true })

    fireEvent.click(within(region).getByRole('button', { name: 'Créer mon adresse d’agenda' }))
    const champ = await within(region).findByLabelText(/Adresse \(à copier maintenant/)
    expect((champ as HTMLInputElement).value).toBe(ADRESSE)
    expect(appels.find((a) => a.route === `POST ${ROUTE}`)?.corps).toEqual({ usage: 'emploi-du-temps' })
    expect(within(region).getByRole('link', { name: 'Ouvrir dans mon agenda' }).getAttribute('href')).toBe(adresseWebcal(ADRESSE))
    expect(within(region).getByText('Comment l’ajouter sur mon téléphone ?')).toBeTruthy()
    expect(within(region).getByRole('heading', { name: 'iPhone' })).toBeTruthy()
    expect(within(region).getByRole('heading', { name: 'Android (Google Agenda)' })).toBeTruthy()

    fireEvent.click(within(region).getByRole('button', { name: 'Copier l’adresse' }))
    await waitFor(() => expect(ecrire).toHaveBeenCalledWith(ADRESSE))
    expect(await within(region).findByText('Adresse copiée.')).toBeTruthy()

    // The list never carries the address; the live one now offers a replacement, the revoked one is not shown.
    expect(await within(region).findByRole('button', { name: /Révoquer/ })).toBeTruthy()
    expect(within(region).getAllByRole('button', { name: /Révoquer/ })).toHaveLength(1)
    expect(within(region).getByRole('button', { name: 'Créer une nouvelle adresse (remplace l’actuelle)' })).toBeTruthy()
  })

  it('revokes an address, and says when a new one replaced the old', async () => {
    let liste = [actif]
    const { appels, region } = await carte({
      [`GET ${ROUTE}`]: () => ({ body: liste }),
      [`DELETE ${ROUTE}/f1`]: () => {
        liste = []
        return { status: 204 }
      },
      [`POST ${ROUTE}`]: { status: 201, body: { id: 'f2', usage: 'emploi-du-temps', adresse: ADRESSE, creeLe: actif.creeLe, remplace: true } },
    })
    fireEvent.click(await within(region).findByRole('button', { name: /Révoquer/ }))
    expect(await within(region).findByText('Adresse révoquée : les agendas abonnés ne reçoivent plus rien.')).toBeTruthy()
    expect(appels.some((a) => a.route === `DELETE ${ROUTE}/f1`)).toBe(true)
    expect(await within(region).findByText('Aucune adresse d’agenda active.')).toBeTruthy()

    fireEvent.click(within(region).getByRole('button', { name: 'Créer mon adresse d’agenda' }))
    expect(await within(region).findByText('Nouvelle adresse créée : l’ancienne ne fonctionne plus.')).toBeTruthy()
  })

  it('is not offered to staff without pupils nor lessons, whose feed would be empty', async () => {
    const cpe = { ...eleveSeul, profils: [{ uai: '0750000A', etablissement: 'Lycée démo', profil: 'personnel', fonction: 'cpe' }] }
    fauxServeur({ 'GET /api/identite/me': { body: cpe }, 'GET /api/identite/me/appareils': { body: [] } })
    render(<App chemin="/compte" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
    await screen.findByRole('region', { name: 'Appareils' })
    expect(screen.queryByRole('region', { name: 'Mon emploi du temps dans mon agenda' })).toBeNull()
  })

  it('turns an https address into a webcal one', () => {
    expect(adresseWebcal('https://ent.example.fr/ical/x.ics')).toBe('webcal://ent.example.fr/ical/x.ics')
    expect(adresseWebcal('http://localhost:5080/ical/x.ics')).toBe('webcal://localhost:5080/ical/x.ics')
  })
})
