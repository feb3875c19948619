import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'
import { LANGUE_SOURCE, LANGUES } from './langues'

// Every catalogue, read as the app reads it (eagerly here).
const fichiers = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true })

const catalogues = new Map<string, Map<string, Record<string, unknown>>>()
for (const [chemin, module] of Object.entries(fichiers)) {
  const [, langue, espace] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(chemin)!
  if (!catalogues.has(langue)) catalogues.set(langue, new Map())
  catalogues.get(langue)!.set(espace, module.default)
}

/** « a.b.c » → text, for every leaf. */
function aplatir(objet: Record<string, unknown>, prefixe = ''): Map<string, string> {
  const feuilles = new Map<string, string>()
  for (const [cle, valeur] of Object.entries(objet)) {
    const chemin = prefixe ? `${prefixe}.${cle}` : cle
    if (typeof valeur === 'string') feuilles.set(chemin, valeur)
    else if (valeur && typeof valeur === 'object') for (const [c, v] of aplatir(valeur as Record<string, unknown>, chemin)) feuilles.set(c, v)
    else throw new Error(`${chemin} : ni texte ni objet`)
  }
  return feuilles
}

/** The ICU arguments a message uses ({n}, {n, plural, …}, and those inside the plural's branches). */
function argumentsDe(elements: MessageFormatElement[], noms = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) noms.add(e.value)
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      noms.add(e.value)
      for (const option of Object.values(e.options)) argumentsDe(option.value, noms)
    }
    if (e.type === TYPE.tag) argumentsDe(e.children, noms)
  }
  return noms
}

const source = catalogues.get(LANGUE_SOURCE)!
const traductions = LANGUES.filter((l) => l.code !== LANGUE_SOURCE)

describe('the catalogues', () => {
  it('exist for every language of the picker, with the same namespaces as French', () => {
    for (const l of LANGUES) {
      expect(catalogues.has(l.code), l.code).toBe(true)
      expect([...catalogues.get(l.code)!.keys()].sort(), l.code).toEqual([...source.keys()].sort())
    }
  })

  for (const l of traductions) {
    it(`${l.code}: has every key of the French catalogue and no other`, () => {
      for (const [espace, francais] of source) {
        const attendues = [...aplatir(francais).keys()].sort()
        expect([...aplatir(catalogues.get(l.code)!.get(espace)!).keys()].sort(), `${l.code}/${espace}`).toEqual(attendues)
      }
    })

    it(`${l.code}: every message is valid ICU and uses the same arguments as the French one`, () => {
      for (const [espace, francais] of source) {
        const traduit = aplatir(catalogues.get(l.code)!.get(espace)!)
        for (const [cle, texte] of aplatir(francais)) {
          const attendus = [...argumentsDe(parse(texte))].sort()
          expect([...argumentsDe(parse(traduit.get(cle)!))].sort(), `${l.code}/${espace}:${cle}`).toEqual(attendus)
        }
      }
    })
  }

  it('fr: every message is valid ICU (an apostrophe before a brace would swallow the argument: write ’)', () => {
    for (const [espace, francais] of source) {
      for (const [cle, texte] of aplatir(francais)) {
        expect(() => parse(texte), `${espace}:${cle}`).not.toThrow()
        expect(texte, `${espace}:${cle}`).not.toMatch(/'[{}#]/)
      }
    }
  })

  // Names stay as they are in every language (the national services, the ombudsman's address).
  const NOMS = /ÉduConnect|Défenseur des droits|Libre réponse|Éducation nationale/g

  it('en: no French text left (no French letter or guillemet outside names)', () => {
    for (const [espace, catalogue] of catalogues.get('en')!) {
      for (const [cle, texte] of aplatir(catalogue)) expect(texte.replace(NOMS, ''), `en/${espace}:${cle}`).not.toMatch(/[éèêëàâçùûôîïœ«»]/i)
    }
  })

  it('ar: every message is written in Arabic', () => {
    for (const [espace, catalogue] of catalogues.get('ar')!) {
      for (const [cle, texte] of aplatir(catalogue)) {
        // A message of arguments and punctuation only (« {texte} ({nom}) ») has nothing to translate.
        if (/\p{L}/u.test(texte.replace(/\{[^{}]*\}/g, ''))) expect(texte, `ar/${espace}:${cle}`).toMatch(/[\u0600-\u06FF]/)
      }
    }
  })
})
