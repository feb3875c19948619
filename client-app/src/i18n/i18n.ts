import i18next, { type BackendModule, type ResourceKey } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { formatIcu } from './icu'
import { appliquerLangue, langue, langueMemorisee, LANGUE_SOURCE, LANGUES, memoriserLangue } from './langues'
// The shell's French texts come with the app (no round trip before the first paint for most readers); the rest on demand.
import communFr from './locales/fr/commun.json'

/**
 * Translations through i18next with ICU messages (plurals and selects in the message: « {n, plural, one {# absence}
 * other {# absences}} », formatted by ./icu.ts), react-i18next for the components. Catalogues are JSON files per language and namespace
 * (locales/<langue>/<espace>.json), each loaded on demand: a French reader downloads no English, and a screen's texts
 * come with its lazy module. The keys are the same in every language (a test compares them).
 */
const catalogues = import.meta.glob<{ default: ResourceKey }>('./locales/*/*.json')

const chargeur: BackendModule = {
  type: 'backend',
  init() {},
  read(code, espace, rappel) {
    const charger = catalogues[`./locales/${code}/${espace}.json`]
    if (!charger) {
      rappel(null, {})
      return
    }
    charger().then(
      (module) => rappel(null, module.default),
      (erreur: unknown) => rappel(erreur as Error, false),
    )
  },
}

/**
 * The namespaces every page needs, before the first paint. « pages » (the route table's titles, whose French text is
 * the key) is not loaded for French: the key is the text.
 */
const espacesDe = (code: string) => (code === LANGUE_SOURCE ? ['commun'] : ['commun', 'pages'])

/** Starts i18next in the remembered language; resolves when the shell's texts are there (before the first render). */
export function demarrerI18n(code = langueMemorisee()) {
  appliquerLangue(code)
  i18next.on('languageChanged', appliquerLangue)
  return i18next
    .use(formatIcu((code) => langue(code).locale))
    .use(chargeur)
    .use(initReactI18next)
    .init({
      lng: code,
      fallbackLng: LANGUE_SOURCE,
      supportedLngs: LANGUES.map((l) => l.code),
      ns: espacesDe(code),
      defaultNS: 'commun',
      resources: { fr: { commun: communFr } },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false }, // React escapes
      react: { useSuspense: true },
      returnNull: false,
    })
}

/** Changes the language now and remembers it. */
export async function changerLangue(code: string) {
  memoriserLangue(code)
  // Its texts first (a chunk each, cached by the browser), then the switch: the page never shows keys.
  await i18next.reloadResources([code], espacesDe(code))
  await i18next.changeLanguage(code)
}

/** The locale of dates and numbers in the current language (fr-FR by default). */
export const localeCourante = () => langue(i18next.resolvedLanguage ?? i18next.language).locale

export { i18next }
