import { describe, expect, it } from 'vitest'
import { estAdresseDuServeur } from './adressesServeur'
import { dateEtHeure, phraseHorsLigne } from './messages'
import { creerSources } from './sources'

describe('the offline banner', () => {
  it('dates what is shown at Paris time, as French writes it', () => {
    expect(dateEtHeure(Date.parse('2026-12-02T07:14:00Z'))).toBe('2 déc. à 8 h 14')
    expect(dateEtHeure(Date.parse('2026-09-01T15:05:00Z'))).toBe('1er sept. à 17 h 05')
    expect(dateEtHeure(Date.parse('2026-12-31T23:30:00Z'))).toBe('1er janv. à 0 h 30')
  })

  it('names what the page shows', () => {
    const le = Date.parse('2026-12-02T07:14:00Z')
    expect(phraseHorsLigne('Notes', le)).toBe('Hors connexion — notes du 2 déc. à 8 h 14')
    expect(phraseHorsLigne(undefined, le)).toBe('Hors connexion — données du 2 déc. à 8 h 14')
  })

  it('shows the oldest date of what came from the store, until the page changes', () => {
    const sources = creerSources()
    sources.signaler('/api/a', 2000)
    sources.signaler('/api/b', 1000)
    sources.signaler('/api/c', null)
    expect(sources.plusAncienne()).toBe(1000)

    sources.signaler('/api/b', null) // read again from the server
    expect(sources.plusAncienne()).toBe(2000)

    sources.oublier()
    expect(sources.plusAncienne()).toBeNull()
  })
})

describe('the service worker’s navigation fallback', () => {
  it('leaves the server’s own addresses to the server', () => {
    for (const chemin of ['/api/identite/me', '/connect/authorize?x=1', '/connexion', '/connexion?returnUrl=%2F', '/connexion/oubli', '/.well-known/openid-configuration', '/health/ready', '/openapi/v1.json', '/activation', '/saml/gar/sso', '/ical/abc.ics', '/sw.js'])
      expect(estAdresseDuServeur(chemin), chemin).toBe(true)
  })

  it('gives the app’s page for its routes, the end of a sign-in included', () => {
    for (const chemin of ['/', '/notes', '/notes?eleve=1', '/connexion/retour', '/connexion/retour?code=a&state=b', '/enseignement/services/1', '/apiculture'])
      expect(estAdresseDuServeur(chemin), chemin).toBe(false)
  })
})
