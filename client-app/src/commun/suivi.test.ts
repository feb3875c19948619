import { describe, expect, it } from 'vitest'
import type { Moi } from '../api/ent-client'
import { eleveSeul, parentDeDeux } from './testing/fauxServeur'
import { avecEleve, eleveDemande, eleveDesNotes } from './suivi'

const parent = parentDeDeux as Moi
const eleve = eleveSeul as Moi

describe('whose grades a page shows', () => {
  it("is the chosen child, else a guardian's first child", () => {
    expect(eleveDesNotes(parent, 'e2')).toEqual({ id: 'e2', nom: 'Gabriel Michel', acces: true })
    expect(eleveDesNotes(parent, null)).toEqual({ id: 'e1', nom: 'Camille Michel', acces: true })
  })

  it('is a pupil not among the children when the address names one: the server decides', () => {
    expect(eleveDesNotes(parent, 'inconnu')).toEqual({ id: 'inconnu', nom: null, acces: true })
  })

  it('is the pupil themself, named by nobody', () => {
    expect(eleveDesNotes(eleve, null)).toEqual({ id: 'moi-eleve', nom: null, acces: true })
    expect(eleveDesNotes(eleve, 'moi-eleve')).toEqual({ id: 'moi-eleve', nom: null, acces: true })
  })

  it('is nobody for staff who named nobody', () => {
    expect(eleveDesNotes({ ...eleve, profils: [{ ...eleve.profils[0], profil: 'enseignant' }] }, null)).toBeNull()
  })

  it("has no access to a child whose school work the guardian may not see", () => {
    const restreint = { ...parent, enfants: [{ ...parent.enfants[0], domaines: ['identite'] }] }
    expect(eleveDesNotes(restreint, null)?.acces).toBe(false)
  })
})

describe('addresses', () => {
  it('carry the child and the other parameters, or nothing', () => {
    expect(avecEleve('/notes', 'e2')).toBe('/notes?eleve=e2')
    expect(avecEleve('/bulletins', 'e2', { periode: 't1' })).toBe('/bulletins?eleve=e2&periode=t1')
    expect(avecEleve('/notes', null, { periode: 't1' })).toBe('/notes?periode=t1')
    expect(avecEleve('/', null)).toBe('/')
    expect(eleveDemande('?periode=t1&eleve=e2')).toBe('e2')
    expect(eleveDemande('')).toBeNull()
  })
})
