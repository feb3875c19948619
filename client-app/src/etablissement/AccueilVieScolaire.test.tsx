import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { cpe, demandesSortie, tableau } from '../commun/testing/vieScolaire'
import { lienNavigation } from '../commun/testing/navigation'

const JOUR = '2026-11-28'
const ETAB = '/api/viescolaire/etablissements/0750000A'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(`${JOUR}T09:07:00Z`))
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const liens = (region: string) =>
  within(screen.getByRole('region', { name: region }))
    .getAllByRole('link')
    .map((l) => [l.textContent, l.getAttribute('href')])

describe('the staff’s home', () => {
  it('gives the CPE the work to do, with names opening the pupils’ pages', async () => {
    fauxServeur({
      'GET /api/identite/me': { body: cpe },
      [`GET ${ETAB}/tableau-de-bord?date=${JOUR}`]: { body: tableau(JOUR) },
      [`GET ${ETAB}/demandes-sortie?date=${JOUR}&enAttente=true`]: { body: demandesSortie(JOUR) },
    })
    render(<App chemin="/" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)

    await screen.findByRole('region', { name: 'Absences du jour à suivre' }, { timeout: 10_000 })
    expect(screen.getByRole('search', { name: 'Chercher un élève' })).toBeTruthy()
    // Only the absence still unjustified is to follow; the justified lateness is not.
    expect(liens('Absences du jour à suivre')).toEqual([['Michel Camille', '/vie-scolaire/eleves/e1']])
    expect(liens('Justificatifs à examiner')).toEqual([['Examiner les justificatifs', '/vie-scolaire']])
    expect(within(screen.getByRole('region', { name: 'Justificatifs à examiner' })).getByText('2 justificatifs attendent votre décision.')).toBeTruthy()
    await within(screen.getByRole('region', { name: 'Demandes de sortie à viser' })).findByRole('list')
    expect(liens('Demandes de sortie à viser')).toEqual([
      ['Durand Inès', '/vie-scolaire/eleves/e8'],
      ['Viser les demandes de sortie', '/vie-scolaire/sorties'],
    ])
    expect(liens('Appels non faits')).toEqual([['Relancer les enseignants', '/vie-scolaire/appels']])
    expect(liens("Élèves au-delà du seuil d'absentéisme")).toEqual([['Garcia Léo', '/vie-scolaire/eleves/e7']])
    expect(lienNavigation('Élèves').getAttribute('href')).toBe('/vie-scolaire/eleves')
  })

  it("opens the nurse's register and account from their home", async () => {
    fauxServeur({ 'GET /api/identite/me': { body: { ...cpe, prenom: 'Linh', nom: 'Nguyen', profils: [{ ...cpe.profils[0], fonction: 'infirmier' }] } } })
    render(<App chemin="/" gestionnaire={fauxGestionnaire(utilisateur('Linh Nguyen'))} />)

    const infirmerie = await screen.findByRole('region', { name: 'Infirmerie' }, { timeout: 10_000 })
    expect(within(infirmerie).getByRole('link', { name: 'Ouvrir le registre du jour' }).getAttribute('href')).toBe('/infirmerie')
    expect(within(infirmerie).getByRole('link', { name: 'Mon compte' }).getAttribute('href')).toBe('/compte')
    expect(screen.queryByRole('region', { name: 'Absences du jour à suivre' })).toBeNull()
  })
})
