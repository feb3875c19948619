import { describe, expect, it } from 'vitest'
import type { PeriodeScolaire } from '../api/ent-client'
import { erreursParLigne, periodeCourante, periodeDemandee } from './periodes'

const periode = (numero: number, debut: string, fin: string): PeriodeScolaire => ({
  id: `0192f1a0-0000-7000-8000-00000000000${numero}`,
  decoupage: 'trimestre',
  numero,
  libelle: `${numero}e trimestre`,
  debut,
  fin,
})
const annee = [periode(1, '2026-09-01', '2026-11-30'), periode(2, '2026-12-01', '2027-03-06'), periode(3, '2027-03-07', '2027-07-04')]

describe('periodeCourante', () => {
  it('is the period today falls in', () => {
    expect(periodeCourante(annee, '2026-12-02')?.numero).toBe(2)
    expect(periodeCourante(annee, '2026-11-30')?.numero).toBe(1)
  })

  it('is the last begun after the year, the first before it', () => {
    expect(periodeCourante(annee, '2027-08-15')?.numero).toBe(3)
    expect(periodeCourante(annee, '2026-08-20')?.numero).toBe(1)
    expect(periodeCourante([], '2026-12-02')).toBeUndefined()
  })
})

describe('periodeDemandee', () => {
  it('is the one the address names, whatever its case, else none', () => {
    expect(periodeDemandee(annee, annee[2].id.toUpperCase(), '2026-12-02')?.numero).toBe(3)
    expect(periodeDemandee(annee, 'autre', '2026-12-02')).toBeUndefined()
  })

  it('is the current one when the address names none', () => {
    expect(periodeDemandee(annee, null, '2026-12-02')?.numero).toBe(2)
  })
})

describe('erreursParLigne', () => {
  it('gives each pupil the errors of the line sent for them, and keeps the others apart', () => {
    const { parEleve, autres } = erreursParLigne(
      { 'appreciations[1].texte': 'Le texte fait 600 caractères au plus.', 'appreciations[1].eleveId': 'Cet élève figure deux fois.', appreciations: 'Indiquez de 1 à 200 appréciations.' },
      ['a', 'b'],
    )
    expect(parEleve).toEqual({ b: 'Le texte fait 600 caractères au plus. Cet élève figure deux fois.' })
    expect(autres).toEqual(['Indiquez de 1 à 200 appréciations.'])
  })
})
