import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { IntlMessageFormat } from 'intl-messageformat'
import { describe, expect, it } from 'vitest'
import { formater } from './icu'
import { LANGUES } from './langues'

const fichiers = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true })

function* messages(objet: Record<string, unknown>, prefixe = ''): Generator<[string, string]> {
  for (const [cle, valeur] of Object.entries(objet)) {
    if (typeof valeur === 'string') yield [`${prefixe}${cle}`, valeur]
    else yield* messages(valeur as Record<string, unknown>, `${prefixe}${cle}.`)
  }
}

/** The arguments of a message and whether each is counted (plural) or said (anything else). */
function argumentsDe(elements: MessageFormatElement[], noms = new Map<string, 'nombre' | 'texte'>()) {
  for (const e of elements) {
    if (e.type === TYPE.plural || e.type === TYPE.number) noms.set(e.value, 'nombre')
    else if (e.type === TYPE.argument || e.type === TYPE.select) noms.set(e.value, noms.get(e.value) ?? 'texte')
    if (e.type === TYPE.plural || e.type === TYPE.select) for (const o of Object.values(e.options)) argumentsDe(o.value, noms)
  }
  return noms
}

const reference = (message: string, valeurs: Record<string, unknown>, locale: string) =>
  String(new IntlMessageFormat(message, locale).format(valeurs as Record<string, string | number>))

describe('the ICU formatter', () => {
  it('formats plurals with exact cases, the language’s categories and #', () => {
    const m = '{n, plural, =0 {aucune absence} one {# absence} other {# absences}}'
    expect(formater(m, { n: 0 }, 'fr-FR')).toBe('aucune absence')
    expect(formater(m, { n: 1 }, 'fr-FR')).toBe('1 absence')
    expect(formater(m, { n: 1.5 }, 'fr-FR')).toBe('1,5 absence')
    expect(formater(m, { n: 2000 }, 'fr-FR')).toBe(reference(m, { n: 2000 }, 'fr-FR'))
    const ar = '{n, plural, zero {لا غياب} one {غياب واحد} two {غيابان} few {# غيابات} many {# غيابًا} other {# غياب}}'
    for (const n of [0, 1, 2, 3, 11, 100]) expect(formater(ar, { n }, 'ar')).toBe(reference(ar, { n }, 'ar'))
  })

  it('formats selects, nested arguments and ICU’s apostrophes like intl-messageformat', () => {
    for (const [m, v] of [
      ['{genre, select, f {Elle a {n, plural, one {# note} other {# notes}}} other {Il a {n, number} notes}}', { genre: 'f', n: 3 }],
      ['{genre, select, f {Elle} other {Il}} vient', { genre: 'x' }],
      ["L'élève d’{classe} : '{'littéral'}' et ''guillemets''", { classe: '2nde 1' }],
      ['{n, plural, one {# élève} other {# élèves}} sur {total}', { n: 1, total: 30 }],
    ] as const) {
      expect(formater(m, v, 'fr-FR')).toBe(reference(m, v, 'fr-FR'))
    }
  })

  it('refuses what it cannot read rather than show half a sentence', () => {
    expect(() => formater('{n, plural, one {# note}}', { n: 1 }, 'fr-FR')).toThrow(/other/)
    expect(() => formater('{n, date}', { n: 1 }, 'fr-FR')).toThrow(/date/)
    expect(() => formater('texte }', {}, 'fr-FR')).toThrow(/accolade/)
  })

  it('gives the same text as intl-messageformat for every message of every catalogue', () => {
    let compares = 0
    for (const [chemin, module] of Object.entries(fichiers)) {
      const code = /\.\/locales\/([^/]+)\//.exec(chemin)![1]
      const locale = LANGUES.find((l) => l.code === code)!.locale
      for (const [cle, message] of messages(module.default)) {
        const noms = argumentsDe(parse(message))
        for (const n of noms.size ? [0, 1, 2, 3, 11, 100, 1.5] : [0]) {
          const valeurs = Object.fromEntries([...noms].map(([nom, sorte]) => [nom, sorte === 'nombre' ? n : `«${nom}»`]))
          expect(formater(message, valeurs, locale), `${chemin} ${cle}`).toBe(reference(message, valeurs, locale))
          compares++
        }
      }
    }
    expect(compares).toBeGreaterThan(300)
  })
})
