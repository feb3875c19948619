import { describe, expect, it } from 'vitest'
import { duree, libelleCharge, niveauCharge } from './devoirs'

describe('charge de travail', () => {
  it('dit une durée en minutes ou en heures', () => {
    expect(duree(0)).toBe('0 min')
    expect(duree(45)).toBe('45 min')
    expect(duree(60)).toBe('1 h')
    expect(duree(75)).toBe('1 h 15')
    expect(duree(125)).toBe('2 h 05')
  })

  it('classe la journée en légère, moyenne ou lourde', () => {
    expect(niveauCharge(45)).toBe('legere')
    expect(niveauCharge(46)).toBe('moyenne')
    expect(niveauCharge(90)).toBe('moyenne')
    expect(niveauCharge(91)).toBe('lourde')
    expect(libelleCharge(75)).toBe('1 h 15 de travail estimé (charge moyenne)')
  })
})
