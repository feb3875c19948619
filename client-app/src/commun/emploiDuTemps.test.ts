import { describe, expect, it } from 'vitest'
import type { VueCours } from '../api/ent-client'
import { cleCours, coursDuJour, estEnCours, instantParis, joursDeLaSemaine, jourVoisin, libelleChangement, lundiDe, prochainCours } from './emploiDuTemps'

const cours = (n: Partial<VueCours>): VueCours => ({
  serviceId: 's1',
  matiere: 'Mathématiques',
  matiereCode: 'MATHS',
  classe: 'Seconde 1',
  enseignantId: 'p1',
  enseignant: 'Claire Martin',
  debut: '2026-12-03T09:00:00Z',
  fin: '2026-12-03T10:00:00Z',
  salle: 'B12',
  statut: 'normal',
  ...n,
})

describe('the timetable’s days', () => {
  it('finds the week’s Monday and its school days', () => {
    expect(lundiDe('2026-12-03')).toBe('2026-11-30')
    expect(lundiDe('2026-11-30')).toBe('2026-11-30')
    expect(lundiDe('2026-12-06')).toBe('2026-11-30') // a Sunday belongs to the week before it
    expect(joursDeLaSemaine('2026-12-03')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'])
  })

  it('skips Sunday when moving a day', () => {
    expect(jourVoisin('2026-12-05', 1)).toBe('2026-12-07')
    expect(jourVoisin('2026-12-07', -1)).toBe('2026-12-05')
    expect(jourVoisin('2026-12-03', 1)).toBe('2026-12-04')
  })

  it('keeps a day’s lessons at Paris time, in order', () => {
    const soir = cours({ debut: '2026-12-03T22:30:00Z', fin: '2026-12-03T23:00:00Z' }) // 23:30 in Paris: still the 3rd
    const nuit = cours({ debut: '2026-12-03T23:30:00Z', fin: '2026-12-04T00:00:00Z' }) // 00:30 on the 4th in Paris
    expect(coursDuJour([soir, nuit, cours({})], '2026-12-03')).toEqual([cours({}), soir])
  })

  it('writes a Paris wall time with its offset, winter and summer', () => {
    expect(instantParis('2026-12-03', '10:00')).toBe('2026-12-03T10:00:00+01:00')
    expect(instantParis('2027-06-03', '10:00')).toBe('2027-06-03T10:00:00+02:00')
    expect(Date.parse(instantParis('2026-12-03', '10:00'))).toBe(Date.parse('2026-12-03T09:00:00Z'))
  })
})

describe('the lesson under way and the next one', () => {
  it('marks the lesson under way, never a cancelled one', () => {
    const maintenant = new Date('2026-12-03T09:30:00Z')
    expect(estEnCours(cours({}), maintenant)).toBe(true)
    expect(estEnCours(cours({ statut: 'annule' }), maintenant)).toBe(false)
    expect(estEnCours(cours({}), new Date('2026-12-03T10:00:00Z'))).toBe(false)
  })

  it('gives the next lesson that takes place', () => {
    const annule = cours({ serviceId: 'a', debut: '2026-12-03T10:00:00Z', fin: '2026-12-03T11:00:00Z', statut: 'annule' })
    const suivant = cours({ serviceId: 'b', debut: '2026-12-03T11:00:00Z', fin: '2026-12-03T12:00:00Z' })
    expect(prochainCours([suivant, annule, cours({})], new Date('2026-12-03T10:05:00Z'))).toBe(suivant)
    expect(prochainCours([suivant], new Date('2026-12-03T13:00:00Z'))).toBeNull()
  })
})

describe('what a change says', () => {
  it('says each change in words', () => {
    expect(libelleChangement(cours({}))).toBeNull()
    expect(libelleChangement(cours({ statut: 'annule', motif: 'Professeur absent' }))).toBe('Annulé — Professeur absent')
    expect(libelleChangement(cours({ statut: 'deplace', debut: '2026-12-04T13:00:00Z', debutPrevu: '2026-12-03T09:00:00Z' }))).toBe(
      'Déplacé — prévu jeu. 3 déc. à 10:00',
    )
    expect(libelleChangement(cours({ statut: 'deplace', debutPrevu: '2026-12-03T09:00:00Z', salle: 'CDI' }))).toBe('Changement de salle : CDI')
    expect(libelleChangement(cours({ statut: 'remplace', enseignant: 'Paul Roux', enseignantPrevu: 'Claire Martin' }))).toBe(
      'Remplacé — Paul Roux remplace Claire Martin',
    )
    expect(libelleChangement(cours({ statut: 'ajoute', motif: 'Devoir commun' }))).toBe('Cours ajouté — Devoir commun')
  })

  it('names a lesson by its timetabled start', () => {
    expect(cleCours(cours({ debut: '2026-12-04T13:00:00Z', debutPrevu: '2026-12-03T09:00:00Z' }))).toBe('s1 2026-12-03T09:00:00Z')
  })
})
