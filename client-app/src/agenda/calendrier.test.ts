import { describe, expect, it } from 'vitest'
import type { EvenementAgenda } from '../api/ent-client'
import { ajouterJours, debutMois, finMois, heureFr, libelleMois, nomIcs, parMois, pourQui, quand } from './calendrier'

const evenement = (n: Partial<EvenementAgenda>): EvenementAgenda => ({
  id: 'e1',
  uai: '0750000A',
  categorie: 'autre',
  titre: 'Événement',
  description: null,
  lieu: null,
  jourDebut: '2026-12-10',
  jourFin: '2026-12-10',
  heureDebut: null,
  heureFin: null,
  audience: { divisions: [], profils: ['eleves', 'familles', 'personnels'] },
  pour: [],
  modifiable: false,
  piecesJointes: [],
  ...n,
})

describe('the calendar’s words', () => {
  it('says when in French, at Paris time as the school entered it', () => {
    expect(heureFr('17:30')).toBe('17 h 30')
    expect(heureFr('09:00')).toBe('9 h')
    expect(quand(evenement({ heureDebut: '17:30', heureFin: '19:00' }))).toBe('Jeudi 10 décembre 2026, de 17 h 30 à 19 h')
    expect(quand(evenement({ jourDebut: '2026-12-01', jourFin: '2026-12-01' }))).toBe('Mardi 1er décembre 2026 (toute la journée)')
    expect(quand(evenement({ jourDebut: '2026-12-19', jourFin: '2027-01-03' }))).toBe('Du samedi 19 décembre 2026 au dimanche 3 janvier 2027')
    expect(quand(evenement({ jourDebut: '2027-01-18', jourFin: '2027-01-20' }))).toBe('Du lundi 18 janvier au mercredi 20 janvier 2027')
    expect(quand(evenement({ jourDebut: '2027-01-18', jourFin: '2027-01-20', heureDebut: '08:00', heureFin: '12:00' }))).toBe(
      'Du lundi 18 janvier à 8 h au mercredi 20 janvier 2027 à 12 h',
    )
  })

  it('counts days and months across the year’s end', () => {
    expect(ajouterJours('2026-12-31', 1)).toBe('2027-01-01')
    expect(debutMois('2026-11-25')).toBe('2026-11-01')
    expect(debutMois('2026-11-25', 2)).toBe('2027-01-01')
    expect(debutMois('2026-01-15', -3)).toBe('2025-10-01')
    expect(finMois('2027-02-10')).toBe('2027-02-28')
    expect(libelleMois('2026-12-01')).toBe('Décembre 2026')
  })

  it('groups by month, an event begun before the period under its first month', () => {
    const noel = evenement({ id: 'noel', jourDebut: '2026-12-19', jourFin: '2027-01-03' })
    const bac = evenement({ id: 'bac', jourDebut: '2027-01-18', jourFin: '2027-01-20' })
    const conseil = evenement({ id: 'conseil', jourDebut: '2026-12-08', jourFin: '2026-12-08' })
    const lignes = (depuis: string, liste: EvenementAgenda[]) => parMois(liste, depuis).map((m) => [m.libelle, m.evenements.map((e) => e.id)])
    expect(lignes('2026-12-01', [conseil, noel, bac])).toEqual([
      ['Décembre 2026', ['conseil', 'noel']],
      ['Janvier 2027', ['bac']],
    ])
    expect(lignes('2027-01-01', [noel, bac])).toEqual([['Janvier 2027', ['noel', 'bac']]])
  })

  it('says for whom, and names the .ics file', () => {
    expect(pourQui(evenement({ audience: { divisions: [{ id: 'c', nature: 'classe', code: '2NDE1', libelle: 'Seconde 1' }], profils: ['familles'] } }))).toBe(
      'Seconde 1 — familles',
    )
    expect(pourQui(evenement({}))).toBe("Tout l'établissement — élèves, familles, personnels")
    expect(nomIcs(evenement({ titre: 'Conseil de classe — Seconde 1', jourDebut: '2026-12-08' }))).toBe('conseil-de-classe-seconde-1-2026-12-08.ics')
  })
})
