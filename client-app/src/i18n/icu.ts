import type { I18nFormatModule } from 'i18next'

/**
 * ICU messages (« {n, plural, =0 {aucune absence} one {# absence} other {# absences}} ») formatted at run time by a
 * small formatter: arguments, `number`, `plural` (exact `=n` cases, the language's CLDR categories through
 * Intl.PluralRules, `#`), `select`, and ICU's apostrophe quoting. The complete ICU runtime (i18next-icu with
 * intl-messageformat) weighs 11 KB compressed, more than half of what the public home had left under its budget; a
 * test formats every message of every catalogue with both and requires the same text.
 */
type Partie =
  | string
  | { nom: string; type: 'argument' }
  | { nom: string; type: 'number' }
  | { nom: string; type: 'plural'; cas: Map<string, Partie[]> }
  | { nom: string; type: 'select'; cas: Map<string, Partie[]> }
  | { type: 'diese' }

const analyses = new Map<string, Partie[]>()

class Lecteur {
  i = 0
  readonly texte: string

  constructor(texte: string) {
    this.texte = texte
  }

  /** Parts up to the closing brace of the enclosing case (or the end); `diese` inside a plural's case. */
  parties(diese: boolean): Partie[] {
    const parties: Partie[] = []
    let texte = ''
    const t = this.texte
    while (this.i < t.length) {
      const c = t[this.i]
      if (c === '}') break
      if (c === "'") {
        // '' is an apostrophe; a quote before a special character opens a literal up to the next lone quote.
        if (t[this.i + 1] === "'") {
          texte += "'"
          this.i += 2
          continue
        }
        if (t[this.i + 1] === '{' || t[this.i + 1] === '}' || (diese && t[this.i + 1] === '#')) {
          const fin = t.indexOf("'", this.i + 1)
          texte += t.slice(this.i + 1, fin < 0 ? t.length : fin)
          this.i = fin < 0 ? t.length : fin + 1
          continue
        }
        texte += c
        this.i++
        continue
      }
      if (c === '#' && diese) {
        if (texte) parties.push(texte)
        texte = ''
        parties.push({ type: 'diese' })
        this.i++
        continue
      }
      if (c === '{') {
        if (texte) parties.push(texte)
        texte = ''
        this.i++
        parties.push(this.argument())
        continue
      }
      texte += c
      this.i++
    }
    if (texte) parties.push(texte)
    return parties
  }

  private mot(): string {
    this.blancs()
    const debut = this.i
    while (this.i < this.texte.length && !/[\s,{}]/.test(this.texte[this.i])) this.i++
    return this.texte.slice(debut, this.i)
  }

  private blancs() {
    while (this.i < this.texte.length && /\s/.test(this.texte[this.i])) this.i++
  }

  private attendre(c: string) {
    this.blancs()
    if (this.texte[this.i] !== c) throw new SyntaxError(`ICU : « ${c} » attendu à la position ${this.i} de « ${this.texte} »`)
    this.i++
  }

  private argument(): Partie {
    const nom = this.mot()
    this.blancs()
    if (this.texte[this.i] === '}') {
      this.i++
      return { nom, type: 'argument' }
    }
    this.attendre(',')
    const type = this.mot()
    this.blancs()
    if (type === 'number') {
      this.attendre('}')
      return { nom, type: 'number' }
    }
    if (type !== 'plural' && type !== 'select') throw new SyntaxError(`ICU : type « ${type} » non pris en charge dans « ${this.texte} »`)
    this.attendre(',')
    const cas = new Map<string, Partie[]>()
    for (;;) {
      this.blancs()
      if (this.texte[this.i] === '}') {
        this.i++
        break
      }
      const selecteur = this.mot()
      this.attendre('{')
      cas.set(selecteur, this.parties(type === 'plural'))
      this.attendre('}')
    }
    if (!cas.has('other')) throw new SyntaxError(`ICU : cas « other » manquant dans « ${this.texte} »`)
    return type === 'plural' ? { nom, type, cas } : { nom, type, cas }
  }
}

export function analyser(message: string): Partie[] {
  let parties = analyses.get(message)
  if (!parties) {
    const lecteur = new Lecteur(message)
    parties = lecteur.parties(false)
    if (lecteur.i < message.length) throw new SyntaxError(`ICU : accolade fermante en trop dans « ${message} »`)
    analyses.set(message, parties)
  }
  return parties
}

const nombres = new Map<string, Intl.NumberFormat>()
const pluriels = new Map<string, Intl.PluralRules>()
const formatNombre = (locale: string) => nombres.get(locale) ?? nombres.set(locale, new Intl.NumberFormat(locale)).get(locale)!
const reglesPluriel = (locale: string) => pluriels.get(locale) ?? pluriels.set(locale, new Intl.PluralRules(locale)).get(locale)!

function rendre(parties: Partie[], valeurs: Record<string, unknown>, locale: string, nombre?: number): string {
  let texte = ''
  for (const p of parties) {
    if (typeof p === 'string') texte += p
    else if (p.type === 'diese') texte += nombre === undefined ? '#' : formatNombre(locale).format(nombre)
    else if (p.type === 'argument') texte += String(valeurs[p.nom] ?? `{${p.nom}}`)
    else if (p.type === 'number') texte += formatNombre(locale).format(Number(valeurs[p.nom]))
    else if (p.type === 'select') texte += rendre(p.cas.get(String(valeurs[p.nom])) ?? p.cas.get('other')!, valeurs, locale, nombre)
    else {
      const n = Number(valeurs[p.nom])
      const cas = p.cas.get(`=${n}`) ?? p.cas.get(reglesPluriel(locale).select(n)) ?? p.cas.get('other')!
      texte += rendre(cas, valeurs, locale, n)
    }
  }
  return texte
}

/** One message with its values, in a locale (« fr-FR »: the decimal comma; « ar »: Arabic's six plural categories). */
export const formater = (message: string, valeurs: Record<string, unknown>, locale: string) => rendre(analyser(message), valeurs, locale)

/** The formatter as i18next's message format (in place of its own {{interpolation}}). */
export function formatIcu(locale: (langue: string) => string): I18nFormatModule {
  return {
    type: 'i18nFormat',
    init() {},
    parse: (message: unknown, options: Record<string, unknown>, langue: string) =>
      typeof message === 'string' ? formater(message, options ?? {}, locale(langue)) : message,
    addLookupKeys: (cles: string[]) => cles,
  } as unknown as I18nFormatModule
}
