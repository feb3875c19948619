import { describe, expect, it } from 'vitest'
import { instantParis, responsableLibelle } from './bureau'

describe('the desk’s helpers', () => {
  it('writes a Paris wall time with Paris’s offset, winter and summer, across the changes of time', () => {
    expect(instantParis('2026-11-30', '08:00')).toBe('2026-11-30T08:00:00+01:00')
    expect(instantParis('2026-06-15', '17:30')).toBe('2026-06-15T17:30:00+02:00')
    expect(instantParis('2026-03-29', '08:00')).toBe('2026-03-29T08:00:00+02:00')
    expect(instantParis('2026-10-25', '08:00')).toBe('2026-10-25T08:00:00+01:00')
    expect(Date.parse(instantParis('2026-11-30', '08:00'))).toBe(Date.parse('2026-11-30T07:00:00Z'))
  })

  it('names a guardian with their link in French', () => {
    expect(responsableLibelle({ nom: 'Dupont', prenom: 'Claire', lien: 'mere' })).toBe('Claire Dupont (mère)')
    expect(responsableLibelle({ nom: 'Dupont', prenom: 'Marc', lien: 'pere' })).toBe('Marc Dupont (père)')
  })
})
