import { describe, expect, it } from 'vitest'
import type { FeuilleAppel } from '../api/ent-client'
import {
  appelOuvert,
  basculer,
  changementCours,
  cheminFeuille,
  compter,
  corpsAppel,
  coursHorsEmploiDuTemps,
  erreursParEleve,
  libelleEtat,
  lignesDe,
  lignesInvalides,
  marquer,
  minutesLues,
  modifications,
} from './appel'
import { feuille, ligneAppel } from '../commun/testing/vieScolaire'

const sheet = (autres: Record<string, unknown> = {}) => feuille(new Date('2026-11-28T08:00:00Z'), autres) as FeuilleAppel

describe('the roll call', () => {
  it('reads the sheet: each pupil in their saved state, lateness minutes as text', () => {
    const lignes = lignesDe(sheet({ eleves: [ligneAppel(1, 'Bernard', 'Léa', 'retard', 10), ligneAppel(2, 'Dupont', 'Marie', 'absent'), ligneAppel(3, 'X', 'Y', 'inconnu')] }))
    expect(lignes.map((l) => [l.etat, l.minutes])).toEqual([
      ['retard', '10'],
      ['absent', ''],
      ['present', ''],
    ])
  })

  it('toggles present ↔ absent in one tap; a late or excluded pupil goes back to present', () => {
    const [lea] = lignesDe(sheet())
    expect(basculer(lea).etat).toBe('absent')
    expect(basculer(basculer(lea)).etat).toBe('present')
    expect(basculer(marquer(lea, 'retard', '10'))).toMatchObject({ etat: 'present', minutes: '' })
    expect(basculer(marquer(lea, 'exclu')).etat).toBe('present')
    expect(marquer(lea, 'absent', '10').minutes).toBe('')
  })

  it('says each state in words with its sign, never by colour alone', () => {
    expect(libelleEtat({ etat: 'present', minutes: '' })).toEqual({ texte: 'Présent', signe: '✓' })
    expect(libelleEtat({ etat: 'absent', minutes: '' })).toEqual({ texte: 'Absent', signe: '✗' })
    expect(libelleEtat({ etat: 'retard', minutes: '10' }).texte).toBe('Retard 10 min')
    expect(libelleEtat({ etat: 'retard', minutes: '' }).texte).toBe('Retard')
    expect(libelleEtat({ etat: 'exclu', minutes: '' }).texte).toBe('Exclu du cours')
  })

  it('counts each pupil once, in their state', () => {
    const [a, b, c, d] = lignesDe(sheet())
    expect(compter([basculer(a), marquer(b, 'retard', '5'), c, marquer(d, 'exclu')])).toEqual({ presents: 1, absents: 1, retards: 1, exclus: 1 })
  })

  it('reads lateness minutes from 1 to 240 only', () => {
    expect([minutesLues('10'), minutesLues(' 7 '), minutesLues('240')]).toEqual([10, 7, 240])
    expect([minutesLues(''), minutesLues('0'), minutesLues('241'), minutesLues('5,5'), minutesLues('dix')]).toEqual([null, null, null, null, null])
  })

  it('counts the changes against the saved sheet, a lateness by its minutes', () => {
    const avant = lignesDe(sheet({ eleves: [ligneAppel(1, 'Bernard', 'Léa', 'retard', 10), ligneAppel(2, 'Dupont', 'Marie')] }))
    expect(modifications(avant, avant)).toBe(0)
    expect(modifications([marquer(avant[0], 'retard', '15'), avant[1]], avant)).toBe(1)
    expect(modifications([avant[0], basculer(avant[1])], avant)).toBe(1)
  })

  it('sends the lesson and the pupils who are not present, minutes for a lateness only', () => {
    const [a, b, c, d] = lignesDe(sheet())
    expect(corpsAppel(sheet(), [basculer(a), b, marquer(c, 'retard', '10'), marquer(d, 'exclu')])).toEqual({
      debut: '2026-11-28T08:00:00.000Z',
      fin: '2026-11-28T08:55:00.000Z',
      eleves: [
        { eleveId: 'e1', etat: 'absent' },
        { eleveId: 'e3', etat: 'retard', minutesRetard: 10 },
        { eleveId: 'e4', etat: 'exclu' },
      ],
    })
    expect(corpsAppel(sheet(), lignesDe(sheet())).eleves).toEqual([])
  })

  it('finds a lateness without valid minutes before sending', () => {
    const [a, b] = lignesDe(sheet())
    expect(lignesInvalides([marquer(a, 'retard', ''), marquer(b, 'retard', '10')]).map((l) => l.eleveId)).toEqual(['e1'])
  })

  it("puts the server's line errors back on the pupils sent, the rest for the whole roll call", () => {
    const envoye = { debut: 'x', fin: 'y', eleves: [{ eleveId: 'e2', etat: 'absent' }, { eleveId: 'e4', etat: 'retard', minutesRetard: 500 }] }
    const refus = {
      champs: {
        'eleves[1].minutesRetard': 'Indiquez le retard en minutes, de 1 à 240.',
        'eleves[0].eleveId': 'Cet élève ne fait pas partie de la classe ou du groupe de ce cours.',
        debut: "L'appel d'un cours se fait quand il commence, pas à l'avance.",
      },
      message: 'Vérifiez les champs signalés.',
    }
    expect(erreursParEleve(refus, envoye)).toEqual({
      parEleve: {
        e4: 'Indiquez le retard en minutes, de 1 à 240.',
        e2: 'Cet élève ne fait pas partie de la classe ou du groupe de ce cours.',
      },
      autres: ["L'appel d'un cours se fait quand il commence, pas à l'avance."],
    })
  })

  it('starts a lesson off the timetable now, rounded down to 5 minutes, for 55 minutes', () => {
    expect(coursHorsEmploiDuTemps(Date.parse('2026-11-28T09:07:42Z'))).toEqual({ debut: '2026-11-28T09:05:00.000Z', fin: '2026-11-28T10:00:00.000Z' })
  })

  it('opens a roll call 15 minutes before its lesson', () => {
    const maintenant = Date.parse('2026-11-28T09:00:00Z')
    expect(appelOuvert('2026-11-28T09:15:00Z', maintenant)).toBe(true)
    expect(appelOuvert('2026-11-28T09:16:00Z', maintenant)).toBe(false)
    expect(cheminFeuille('s1', '2026-11-28T09:15:00Z', '2026-11-28T10:10:00Z')).toBe('/appel/s1?debut=2026-11-28T09%3A15%3A00Z&fin=2026-11-28T10%3A10%3A00Z')
  })
})

describe('changementCours', () => {
  it('says what became of a lesson, and nothing for one as timetabled', () => {
    expect(changementCours({ statut: 'normal' })).toBeNull()
    expect(changementCours({})).toBeNull()
    expect(changementCours({ statut: 'annule', motif: 'Sortie' })).toBe("Cours annulé (Sortie) : pas d'appel.")
    expect(changementCours({ statut: 'deplace', debutPrevu: '2026-11-28T07:00:00Z' })).toBe('Cours déplacé, prévu à 08:00.')
    expect(changementCours({ statut: 'remplace', remplacant: true })).toBe("Vous remplacez l'enseignant de ce cours.")
    expect(changementCours({ statut: 'ajoute' })).toBe('Cours ajouté.')
  })
})
