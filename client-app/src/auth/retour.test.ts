import { describe, expect, it } from 'vitest'
import { adresseCourante, destinationApresConnexion, etaitSilencieuse } from './retour'

const ORIGINE = 'https://ent.example.fr'

describe('destinationApresConnexion', () => {
  it.each([
    ['/absences', '/absences'],
    ['/notes?periode=t1&matiere=svt#note-12', '/notes?periode=t1&matiere=svt#note-12'],
    ['/', '/'],
    ['/compte/../absences', '/absences'],
  ])('returns to the path of this site the sign-in started from: %s', (retour, attendu) => {
    expect(destinationApresConnexion({ retour }, ORIGINE)).toBe(attendu)
  })

  it.each([
    '//evil.example',
    '//evil.example/absences',
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'http://ent.example.fr.evil.example/',
    'https://ent.example.fr/absences', // absolute, even to this origin: only paths are carried
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/\t/evil.example', // a browser drops the tab and reads « //evil.example »
    '/\n/evil.example',
    ' /absences',
    'absences',
    '',
    '/connexion/retour?code=abc&state=xyz', // the callback itself would complete the sign-in again
  ])('sends an open-redirect attempt home: %j', (retour) => {
    expect(destinationApresConnexion({ retour }, ORIGINE)).toBe('/')
  })

  it.each([undefined, null, 'texte', 42, {}, { retour: 42 }, { retour: ['/absences'] }])('sends a missing or odd state home: %j', (etat) => {
    expect(destinationApresConnexion(etat, ORIGINE)).toBe('/')
  })
})

describe('adresseCourante', () => {
  it('is the path, query and hash of the page', () => {
    expect(adresseCourante({ pathname: '/absences', search: '?eleve=3', hash: '#a-justifier' })).toBe('/absences?eleve=3#a-justifier')
  })

  it('is home on the sign-in callback (never a way back to it)', () => {
    expect(adresseCourante({ pathname: '/connexion/retour', search: '?error=access_denied', hash: '' })).toBe('/')
  })
})

describe('etaitSilencieuse', () => {
  it('recognises the failed silent attempt by the state it carried', () => {
    expect(etaitSilencieuse({ error: 'login_required', state: { retour: '/absences', silencieuse: true } })).toBe(true)
    expect(etaitSilencieuse({ error: 'access_denied', state: { retour: '/absences' } })).toBe(false)
    expect(etaitSilencieuse(new Error('réseau'))).toBe(false)
    expect(etaitSilencieuse(null)).toBe(false)
  })
})
