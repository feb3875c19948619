import { afterEach, describe, expect, it } from 'vitest'
import { CLE_TENTATIVE, effacerMarqueur, marqueurPresent, noterTentative, tenterConnexionSilencieuse, type Contexte } from './marqueur'

const MAINTENANT = 1_800_000_000_000
const base: Contexte = { connecte: false, cookies: 'ent_session_persistante=1', chemin: '/absences', derniereTentative: null, maintenant: MAINTENANT }

afterEach(() => {
  effacerMarqueur()
  window.sessionStorage.clear()
  window.history.replaceState(null, '', '/')
})

describe('marqueurPresent', () => {
  it('reads the marker among other cookies, and nothing that only looks like it', () => {
    expect(marqueurPresent('a=b; ent_session_persistante=1; c=d')).toBe(true)
    expect(marqueurPresent('ent_session_persistante=1')).toBe(true)
    expect(marqueurPresent('')).toBe(false)
    expect(marqueurPresent('ent_session_persistante=0')).toBe(false)
    expect(marqueurPresent('x_ent_session_persistante=1')).toBe(false)
    expect(marqueurPresent('ent_session_persistante=; autre=1')).toBe(false)
  })
})

describe('tenterConnexionSilencieuse', () => {
  it('goes when the tab has no tokens and the marker says a kept login may exist', () => {
    expect(tenterConnexionSilencieuse(base)).toBe(true)
  })

  it('stays for an anonymous visitor (no marker), a tab that has tokens, or the sign-in callback', () => {
    expect(tenterConnexionSilencieuse({ ...base, cookies: '' })).toBe(false)
    expect(tenterConnexionSilencieuse({ ...base, connecte: true })).toBe(false)
    expect(tenterConnexionSilencieuse({ ...base, chemin: '/connexion/retour' })).toBe(false)
  })

  it('never tries twice within two minutes in the same tab, whatever the marker says', () => {
    expect(tenterConnexionSilencieuse({ ...base, derniereTentative: MAINTENANT - 1_000 })).toBe(false)
    expect(tenterConnexionSilencieuse({ ...base, derniereTentative: MAINTENANT - 119_000 })).toBe(false)
    expect(tenterConnexionSilencieuse({ ...base, derniereTentative: MAINTENANT - 121_000 })).toBe(true)
  })
})

describe('noterTentative', () => {
  it('goes once, then not again from the same tab even if the marker stayed (no loop)', () => {
    document.cookie = 'ent_session_persistante=1; Path=/'
    window.history.replaceState(null, '', '/absences')

    expect(noterTentative(false, window.sessionStorage, MAINTENANT)).toBe(true)
    expect(window.sessionStorage.getItem(CLE_TENTATIVE)).toBe(String(MAINTENANT))
    expect(noterTentative(false, window.sessionStorage, MAINTENANT + 5_000)).toBe(false)
  })

  it('notes nothing for a visitor without the marker', () => {
    expect(noterTentative(false, window.sessionStorage, MAINTENANT)).toBe(false)
    expect(window.sessionStorage.getItem(CLE_TENTATIVE)).toBeNull()
  })
})

describe('effacerMarqueur', () => {
  it('removes the marker from the page cookies', () => {
    document.cookie = 'ent_session_persistante=1; Path=/'
    expect(marqueurPresent(document.cookie)).toBe(true)

    effacerMarqueur()

    expect(marqueurPresent(document.cookie)).toBe(false)
  })
})
