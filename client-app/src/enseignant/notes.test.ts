import { describe, expect, it } from 'vitest'
import { lireSaisie, resultatDe, statistiques, texteResultat } from './notes'

describe('lireSaisie', () => {
  it.each([
    ['12,5', 12.5],
    ['12.5', 12.5],
    [' 7 ', 7],
    ['0', 0],
    ['20', 20],
    ['19,75', 19.75],
    ['12,50', 12.5],
    ['12,', 12], // while typing « 12,5 »
    [',5', 0.5],
  ])('reads « %s » as the mark %s', (texte, valeur) => {
    expect(lireSaisie(texte, 20)).toEqual({ type: 'note', valeur })
  })

  it.each([
    ['a', 'absent'],
    ['A', 'absent'],
    ['abs', 'absent'],
    ['Absent', 'absent'],
    ['d', 'dispense'],
    ['Dispensé', 'dispense'],
    ['n', 'non_note'],
    ['non noté', 'non_note'],
    ['NN', 'non_note'],
    ['r', 'non_rendu'],
    ['Non rendu', 'non_rendu'],
    ['nr', 'non_rendu'],
  ])('reads « %s » as the marker %s', (texte, marqueur) => {
    expect(lireSaisie(texte, 20)).toEqual({ type: 'marqueur', marqueur })
  })

  it('reads an empty or blank cell as no result', () => {
    expect(lireSaisie('', 20)).toEqual({ type: 'vide' })
    expect(lireSaisie('   ', 20)).toEqual({ type: 'vide' })
  })

  it('refuses a mark over the scale, saying the scale', () => {
    expect(lireSaisie('21', 20)).toEqual({ type: 'invalide', message: 'La note ne peut pas dépasser 20.' })
    expect(lireSaisie('10,5', 10)).toEqual({ type: 'invalide', message: 'La note ne peut pas dépasser 10.' })
    expect(lireSaisie('35', 40)).toEqual({ type: 'note', valeur: 35 })
    expect(lireSaisie('12', 12.5)).toEqual({ type: 'note', valeur: 12 })
    expect(lireSaisie('13', 12.5)).toEqual({ type: 'invalide', message: 'La note ne peut pas dépasser 12,5.' })
  })

  it('refuses more than two decimals, negative marks and other text', () => {
    expect(lireSaisie('12,345', 20)).toEqual({ type: 'invalide', message: 'Deux décimales au plus.' })
    for (const texte of ['-2', 'x', '12,5,1', '1 2', ',', '12a', 'ab']) {
      expect(lireSaisie(texte, 20)).toEqual({ type: 'invalide', message: 'Tapez une note de 0 à 20, ou A, D, N, R.' })
    }
  })
})

describe('texteResultat and resultatDe', () => {
  it('show a saved result as the teacher types it, and turn a reading into the line sent', () => {
    expect(texteResultat({ valeur: 12.5, marqueur: null })).toBe('12,5')
    expect(texteResultat({ valeur: 0, marqueur: null })).toBe('0')
    expect(texteResultat({ valeur: null, marqueur: 'non_rendu' })).toBe('R')
    expect(texteResultat({ valeur: null, marqueur: null })).toBe('')
    expect(resultatDe(lireSaisie('12,5', 20))).toEqual({ valeur: 12.5, marqueur: null })
    expect(resultatDe(lireSaisie('a', 20))).toEqual({ valeur: null, marqueur: 'absent' })
    expect(resultatDe(lireSaisie('', 20))).toEqual({ valeur: null, marqueur: null })
  })
})

describe('statistiques', () => {
  const note = (valeur: number) => ({ valeur, marqueur: null })
  const marque = (marqueur: string) => ({ valeur: null, marqueur })

  it('gives nothing but zero entries for an empty grid', () => {
    expect(statistiques([], true)).toEqual({ saisies: 0, comptees: 0, moyenne: null, min: null, max: null })
    expect(statistiques([{ valeur: null, marqueur: null }], true)).toEqual({ saisies: 0, comptees: 0, moyenne: null, min: null, max: null })
  })

  it('averages the marks, with their lowest and highest', () => {
    expect(statistiques([note(12), note(15.5), note(8)], false)).toEqual({ saisies: 3, comptees: 3, moyenne: 11.83, min: 8, max: 15.5 })
  })

  it('counts every marker as entered but leaves Absent, Dispensé and Non noté out of the figures', () => {
    expect(statistiques([note(10), note(14), marque('absent'), marque('dispense'), marque('non_note')], true)).toEqual({
      saisies: 5,
      comptees: 2,
      moyenne: 12,
      min: 10,
      max: 14,
    })
  })

  it('counts Non rendu as 0 only when the établissement says so', () => {
    const resultats = [note(10), note(14), marque('non_rendu')]
    expect(statistiques(resultats, true)).toEqual({ saisies: 3, comptees: 3, moyenne: 8, min: 0, max: 14 })
    expect(statistiques(resultats, false)).toEqual({ saisies: 3, comptees: 2, moyenne: 12, min: 10, max: 14 })
    expect(statistiques([marque('non_rendu')], true)).toEqual({ saisies: 1, comptees: 1, moyenne: 0, min: 0, max: 0 })
  })

  it('rounds the mean to two decimals half away from zero, as the server does (no binary drift)', () => {
    // 12,345 exactly: 12,34 + 12,35 → the server shows 12,35 (10.345 * 100 in floating point is 1034.4999…).
    expect(statistiques([note(12.34), note(12.35)], false).moyenne).toBe(12.35)
    expect(statistiques([note(10.33), note(10.36)], false).moyenne).toBe(10.35) // 10,345
    expect(statistiques([note(1.01), note(1.02), note(1.02)], false).moyenne).toBe(1.02) // 1,01666…
    expect(statistiques([note(0.01), note(0), note(0)], false).moyenne).toBe(0) // 0,00333…
  })
})
