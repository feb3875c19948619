import { describe, expect, it } from 'vitest'
import { etablissementsAdministres } from '../commun/direction'
import { enseigneA, lireCoefficient, nomPeriode, nomPersonne } from './structure'

describe('the structure helpers', () => {
  it('names periods as the server does', () => {
    expect(['trimestre', 'trimestre', 'trimestre'].map((d, i) => nomPeriode(d, i + 1))).toEqual(['1er trimestre', '2e trimestre', '3e trimestre'])
    expect([1, 2].map((n) => nomPeriode('semestre', n))).toEqual(['1er semestre', '2nd semestre'])
  })

  it('reads a coefficient typed with a comma or a point, and nothing else', () => {
    expect(lireCoefficient(' 1,5 ')).toBe(1.5)
    expect(lireCoefficient('2.25')).toBe(2.25)
    expect(lireCoefficient('deux')).toBeNaN()
  })

  it('names a service’s class or group and a person, keeping unknown ids visible', () => {
    const classes = [{ id: 'c', code: '2NDE1', libelle: 'Seconde 1', niveau: 'seconde', eleveIds: [], professeurPrincipalIds: [] }]
    const groupes = [{ id: 'g', code: 'ESP2', libelle: 'Espagnol LV2', eleveIds: [] }]
    expect(enseigneA({ classeId: 'c' }, classes, groupes)).toBe('2NDE1')
    expect(enseigneA({ groupeId: 'g' }, classes, groupes)).toBe('ESP2')
    expect(enseigneA({ groupeId: 'x' }, classes, groupes)).toBe('Groupe inconnu')
    expect(nomPersonne([{ id: 'p', nom: 'Roux', prenom: 'Anne' }], 'p')).toBe('Roux Anne')
    expect(nomPersonne([], 'p')).toBe('Personne inconnue')
  })

  it('finds the établissements a person runs: head or local administrator, once each', () => {
    const profil = (uai: string, profil: string, fonction: string | null) => ({ uai, etablissement: uai, profil, fonction })
    const profils = [
      profil('A', 'personnel', 'direction'),
      profil('A', 'personnel', 'administrateur_local'),
      profil('B', 'personnel', 'cpe'),
      profil('C', 'enseignant', null),
      profil('D', 'personnel', 'administrateur_local'),
    ]
    expect(etablissementsAdministres({ profils }).map((p) => p.uai)).toEqual(['A', 'D'])
    expect(etablissementsAdministres(null)).toEqual([])
  })
})
