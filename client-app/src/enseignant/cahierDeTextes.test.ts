import { describe, expect, it } from 'vitest'
import { cheminCahier, instantLocal, libelleChargeJour } from './cahierDeTextes'

describe('cahier de textes (enseignant)', () => {
  it("dit la charge d'un jour pour choisir la date d'un devoir", () => {
    expect(libelleChargeJour(undefined)).toBe('rien de prévu')
    expect(libelleChargeJour({ nombre: 1, evaluations: 0, minutes: 20 })).toBe('1 devoir, 20 min')
    expect(libelleChargeJour({ nombre: 3, evaluations: 2, minutes: 135 })).toBe('3 devoirs dont 2 contrôles, 2 h 15')
    expect(libelleChargeJour({ nombre: 2, evaluations: 1, minutes: 60 })).toBe('2 devoirs dont 1 contrôle, 1 h')
  })

  it("donne l'adresse de l'éditeur d'un cours", () => {
    expect(cheminCahier('s1', '2026-11-24T07:00:00Z', '2026-11-24T08:00:00Z')).toBe(
      '/enseignement/services/s1/cahier-de-textes?debut=2026-11-24T07%3A00%3A00Z&fin=2026-11-24T08%3A00%3A00Z',
    )
    expect(cheminCahier('s1')).toBe('/enseignement/services/s1/cahier-de-textes')
  })

  it("lit l'heure de publication choisie", () => {
    expect(instantLocal('')).toBeNull()
    expect(instantLocal('pas une date')).toBeNull()
    expect(instantLocal('2026-11-24T18:00')).toBe(new Date('2026-11-24T18:00').toISOString())
  })
})
