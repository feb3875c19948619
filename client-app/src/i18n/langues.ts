/**
 * The languages of the app (issue 19): French is the source, English and Arabic are complete; a translator adds one by
 * adding its folder under locales/ and a line here — no other code. The choice is remembered on the device (localStorage)
 * and in a cookie the server reads for its own pages (login, reset, activation) and, once signed in, on the account.
 */
export interface Langue {
  code: string
  /** The language's own name, as its speakers read it (never translated: a lost reader finds their language). */
  nom: string
  dir: 'ltr' | 'rtl'
  /** The locale of dates and numbers. French keeps the decimal comma of grades. */
  locale: string
}

export const LANGUES: readonly Langue[] = [
  { code: 'fr', nom: 'Français', dir: 'ltr', locale: 'fr-FR' },
  { code: 'en', nom: 'English', dir: 'ltr', locale: 'en-GB' },
  { code: 'ar', nom: 'العربية', dir: 'rtl', locale: 'ar-u-nu-latn' },
]

export const LANGUE_SOURCE = 'fr'
const CLE = 'ent.langue'
/** Read by the host for its server-rendered pages; a year, the whole site, no script secret (it says a language). */
export const COOKIE_LANGUE = 'ent_langue'

export const langue = (code: string | null | undefined): Langue => LANGUES.find((l) => l.code === code) ?? LANGUES[0]

/** The language chosen on this device, else French (the app's default, whatever the browser says). */
export function langueMemorisee(): string {
  try {
    const choix = globalThis.localStorage?.getItem(CLE)
    if (choix && LANGUES.some((l) => l.code === choix)) return choix
  } catch {
    // Storage refused (private mode): French.
  }
  const cookie = /(?:^|;\s*)ent_langue=([a-z]{2})/.exec(globalThis.document?.cookie ?? '')?.[1]
  return cookie && LANGUES.some((l) => l.code === cookie) ? cookie : LANGUE_SOURCE
}

export function memoriserLangue(code: string) {
  try {
    globalThis.localStorage?.setItem(CLE, code)
  } catch {
    // Storage refused: the cookie still carries it.
  }
  if (globalThis.document) {
    const securise = globalThis.location?.protocol === 'https:' ? '; Secure' : ''
    document.cookie = `${COOKIE_LANGUE}=${code}; Path=/; Max-Age=31536000; SameSite=Lax${securise}`
  }
}

/** The page's language and direction: screen readers pronounce it, the layout mirrors for Arabic. */
export function appliquerLangue(code: string) {
  const l = langue(code)
  if (globalThis.document) {
    document.documentElement.lang = l.code
    document.documentElement.dir = l.dir
  }
}
