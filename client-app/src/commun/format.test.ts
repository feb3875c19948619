import { describe, expect, it } from 'vitest'
import {
  aujourdhui,
  coefficient,
  dateCourte,
  dateLongue,
  etiquettes,
  libelleMarqueur,
  nombre,
  nomDeFichier,
  ramenerSurVingt,
  resultat,
  surBareme,
} from './format'

describe('French numbers', () => {
  it('use a decimal comma, at most two decimals, no useless zero', () => {
    expect(nombre(14.5)).toBe('14,5')
    expect(nombre(12.456)).toBe('12,46')
    expect(nombre(8)).toBe('8')
    expect(nombre(8.0)).toBe('8')
    expect(nombre(0)).toBe('0')
    expect(nombre(11.1)).toBe('11,1')
  })

  it('write a mark on its scale', () => {
    expect(surBareme(14.5)).toBe('14,5/20')
    expect(surBareme(7.5, 10)).toBe('7,5/10')
    expect(surBareme(35.5, 40)).toBe('35,5/40')
  })

  it('bring another scale back to 20 only when it says something', () => {
    expect(ramenerSurVingt({ valeur: 35.5, bareme: 40 })).toBe('soit 17,75/20')
    expect(ramenerSurVingt({ valeur: 7.5, bareme: 10 })).toBe('soit 15/20')
    expect(ramenerSurVingt({ valeur: 2, bareme: 3 })).toBe('soit 13,33/20')
    expect(ramenerSurVingt({ valeur: 14, bareme: 20 })).toBeNull()
    expect(ramenerSurVingt({ valeur: null, bareme: 40 })).toBeNull()
  })

  it('name a coefficient only when it is not 1', () => {
    expect(coefficient(1)).toBeNull()
    expect(coefficient(2)).toBe('coef. 2')
    expect(coefficient(0.5)).toBe('coef. 0,5')
  })
})

describe('markers', () => {
  it('are French words in place of the mark', () => {
    expect(resultat({ valeur: null, marqueur: 'absent', bareme: 20 })).toBe('Absent')
    expect(resultat({ valeur: null, marqueur: 'dispense', bareme: 20 })).toBe('Dispensé')
    expect(resultat({ valeur: null, marqueur: 'non_note', bareme: 20 })).toBe('Non noté')
    expect(resultat({ valeur: null, marqueur: 'non_rendu', bareme: 20 })).toBe('Non rendu')
    expect(resultat({ valeur: 16, marqueur: null, bareme: 20 })).toBe('16/20')
    expect(resultat({ valeur: null, marqueur: null, bareme: 20 })).toBe('—')
  })

  it('keep an unknown code readable rather than hiding it', () => {
    expect(libelleMarqueur('exempte')).toBe('exempte')
  })

  it('tag what does not weigh like an ordinary result', () => {
    expect(etiquettes({ mode: 'normale', compteDansMoyenne: true })).toEqual([])
    expect(etiquettes({ mode: 'bonus', compteDansMoyenne: true })).toEqual(['bonus'])
    expect(etiquettes({ mode: 'facultative', compteDansMoyenne: true })).toEqual(['facultative'])
    expect(etiquettes({ mode: 'normale', compteDansMoyenne: false })).toEqual(['ne compte pas'])
  })
})

describe('dates', () => {
  it('show a school day as it is written, whatever the time zone', () => {
    expect(dateCourte('2026-11-13')).toBe('13 nov.')
    expect(dateCourte('2026-09-01')).toBe('1er sept.')
    expect(dateLongue('2026-09-01')).toBe('1er septembre 2026')
    expect(dateLongue('2026-11-30')).toBe('30 novembre 2026')
    expect(dateLongue('2026-11-28T23:30:00Z')).toBe('28 novembre 2026')
  })

  it('know today at Paris', () => {
    expect(aujourdhui(new Date('2026-11-28T23:30:00Z'))).toBe('2026-11-29')
    expect(aujourdhui(new Date('2026-11-28T10:00:00Z'))).toBe('2026-11-28')
  })

  it('make a plain file name', () => {
    expect(nomDeFichier('bulletin 1er trimestre 2026-2027 Léa Müller-Éric')).toBe('bulletin-1er-trimestre-2026-2027-lea-muller-eric')
  })
})
