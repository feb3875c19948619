import { describe, expect, it } from 'vitest'
import { aConfirmer, cheminAnnonce, confirmations, extrait, nonLues, uaiPublication } from './annonce'

describe('announcements', () => {
  it('lets teachers and the desk publish, not families nor the nurse', () => {
    const profil = (profil: string, fonction: string | null = null) => ({ uai: '0750000A', etablissement: 'Lycée', profil, fonction })
    expect(uaiPublication({ profils: [profil('enseignant')] })).toBe('0750000A')
    expect(uaiPublication({ profils: [profil('personnel', 'cpe')] })).toBe('0750000A')
    expect(uaiPublication({ profils: [profil('personnel', 'direction')] })).toBe('0750000A')
    expect(uaiPublication({ profils: [profil('personnel', 'infirmier')] })).toBeNull()
    expect(uaiPublication({ profils: [profil('responsable'), profil('eleve')] })).toBeNull()
    expect(uaiPublication(null)).toBeNull()
  })

  it('counts what stands out', () => {
    const liste = [
      { lue: false, aConfirmer: true },
      { lue: true, aConfirmer: false },
      { lue: false, aConfirmer: false },
    ]
    expect(nonLues(liste)).toBe(2)
    expect(aConfirmer(liste)).toBe(1)
  })

  it('cuts a preview on a word', () => {
    expect(extrait('Court.')).toBe('Court.')
    expect(extrait('Un  texte\nsur deux lignes assez long pour être coupé', 20)).toBe('Un texte sur deux…')
  })

  it('says the confirmations in French', () => {
    expect(confirmations(0, 28)).toBe('0 famille sur 28 a confirmé')
    expect(confirmations(1, 28)).toBe('1 famille sur 28 a confirmé')
    expect(confirmations(3, 28)).toBe('3 familles sur 28 ont confirmé')
  })

  it('links to one announcement', () => {
    expect(cheminAnnonce('a b')).toBe('/annonces?annonce=a%20b')
  })
})
