import { describe, expect, it } from 'vitest'
import { libelleJour, parJour, phraseAcces } from './journal'

describe('the access log in words', () => {
  it('names the days as a family says them', () => {
    expect(libelleJour('2026-12-02', '2026-12-02')).toBe("Aujourd'hui")
    expect(libelleJour('2026-12-01', '2026-12-02')).toBe('Hier')
    expect(libelleJour('2026-11-30', '2026-12-02')).toBe('lundi 30 novembre')
    expect(libelleJour('2026-12-01', '2026-12-03')).toBe('mardi 1er décembre')
    expect(libelleJour('2025-12-31', '2026-01-02')).toBe('mercredi 31 décembre 2025')
  })

  it('groups entries by their day at Paris time, newest first', () => {
    const groupes = parJour(
      [{ le: '2026-12-02T08:00:00Z' }, { le: '2026-12-01T23:30:00Z' }, { le: '2026-12-01T22:30:00Z' }, { le: '2026-11-30T10:00:00Z' }],
      '2026-12-02',
    )
    // 23:30 UTC on the 1st is already the 2nd at Paris.
    expect(groupes.map((g) => [g.libelle, g.entrees.length])).toEqual([
      ["Aujourd'hui", 2],
      ['Hier', 1],
      ['lundi 30 novembre', 1],
    ])
  })

  it('writes one sentence per access, naming the person only when the server does', () => {
    expect(phraseAcces({ qui: 'Claire Roux', role: 'professeur·e de mathématiques', libelle: 'a consulté les notes' })).toBe(
      'Claire Roux, professeur·e de mathématiques, a consulté les notes',
    )
    expect(phraseAcces({ qui: null, role: "une personne extérieure à l'établissement", libelle: 'a consulté les absences', application: 'Pronote' })).toBe(
      "Une personne extérieure à l'établissement a consulté les absences, via Pronote",
    )
  })
})
