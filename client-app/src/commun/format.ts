import { i18next, localeCourante } from '../i18n/i18n'

/**
 * Grades, dates and times as the reader reads them, in the language they chose (issue 19): « 14,5/20 » and « 1er sept. »
 * in French, « 14.5/20 » and « 1 Sept » in English, Arabic month names with Western digits (as in the Maghreb). The
 * formatters are built once per language.
 */
const formats = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()
function format<T extends Intl.NumberFormat | Intl.DateTimeFormat>(nom: string, creer: (locale: string) => T): T {
  const locale = localeCourante()
  const cle = `${locale} ${nom}`
  let f = formats.get(cle) as T | undefined
  if (!f) formats.set(cle, (f = creer(locale)))
  return f
}
const date = (nom: string, options: Intl.DateTimeFormatOptions) => format(nom, (l) => new Intl.DateTimeFormat(l, options))

/** 14.5 → « 14,5 »; 12.456 → « 12,46 »; 8 → « 8 ». */
export const nombre = (valeur: number) => format('nombre', (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 })).format(valeur)

/** A mark or an average on its scale: « 14,5/20 ». */
export const surBareme = (valeur: number, bareme = 20) => `${nombre(valeur)}/${nombre(bareme)}`

const MARQUEURS = new Set(['absent', 'dispense', 'non_note', 'non_rendu'])

/** A marker in place of a mark, as a word; an unknown code is shown as it is rather than hidden. */
export const libelleMarqueur = (marqueur: string) => (MARQUEURS.has(marqueur) ? i18next.t(`commun:format.${marqueur}`) : marqueur)

/** What a result says: the mark on its scale, or the marker word, or a dash when neither came. */
export function resultat({ valeur, marqueur, bareme }: { valeur?: number | null; marqueur?: string | null; bareme: number }): string {
  if (valeur != null) return surBareme(valeur, bareme)
  if (marqueur) return libelleMarqueur(marqueur)
  return '—'
}

/** « soit 12,5/20 » for a mark on another scale than 20, null when it says nothing more. */
export function ramenerSurVingt({ valeur, bareme }: { valeur?: number | null; bareme: number }): string | null {
  if (valeur == null || bareme === 20 || bareme <= 0) return null
  return i18next.t('commun:format.soit', { note: surBareme(Math.round((valeur * 2000) / bareme) / 100) })
}

/** The tags of a result that does not weigh like an ordinary one. */
export function etiquettes({ mode, compteDansMoyenne }: { mode: string; compteDansMoyenne: boolean }): string[] {
  const liste: string[] = []
  if (mode === 'bonus') liste.push(i18next.t('commun:format.bonus'))
  if (mode === 'facultative') liste.push(i18next.t('commun:format.facultative'))
  if (!compteDansMoyenne) liste.push(i18next.t('commun:format.neComptePas'))
  return liste
}

/** « coef. 2 », or null for the usual 1. */
export const coefficient = (valeur: number) => (valeur === 1 ? null : i18next.t('commun:format.coef', { valeur: nombre(valeur) }))

// Dates of the school year are days (2026-11-13), not instants: read and shown in UTC so no time zone moves them.
const formatCourt = () => date('court', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const formatLong = () => date('long', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const instant = () => date('instant', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })

/** French writes the first of the month « 1er », which Intl does not. */
const jourFr = (format: Intl.DateTimeFormat, jour: string) =>
  format
    .formatToParts(new Date(`${jour.slice(0, 10)}T00:00:00Z`))
    .map((p) => (p.type === 'day' && p.value === '1' && format.resolvedOptions().locale.startsWith('fr') ? '1er' : p.value))
    .join('')

/** 2026-11-13 → « 13 nov. »; 2026-09-01 → « 1er sept. ». */
export const dateCourte = (jour: string) => jourFr(formatCourt(), jour)
const formatCourtAnnee = () => date('courtAnnee', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** 2026-11-13 → « 13 nov. 2026 ». */
export const dateCourteAnnee = (jour: string) => jourFr(formatCourtAnnee(), jour)
/** 2026-11-13 → « 13 novembre 2026 ». */
export const dateLongue = (jour: string) => jourFr(formatLong(), jour)
/** An instant (UTC) at Paris time: « 28 nov., 14:21 ». */
export const horodatage = (le: string) => instant().format(new Date(le))

/** Today at Paris, as the API writes days (2026-11-28). */
export const aujourdhui = (maintenant = new Date()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(maintenant)

/** A file name without spaces or accents: « Bulletin 1er trimestre — Léa » → « bulletin-1er-trimestre-lea ». */
export const nomDeFichier = (texte: string) =>
  texte
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')

/** « 1 absence », « 3 absences »: French puts 0 and 1 in the singular. */
export const pluriel = (n: number, un: string, plusieurs: string) => `${n} ${n > 1 ? plusieurs : un}`

// Lessons and absences are instants; the school reads them at Paris time, whatever the device's zone.
const PARIS = 'Europe/Paris'
const formatHeure = () => date('heure', { hour: '2-digit', minute: '2-digit', timeZone: PARIS })
const formatJourSemaine = () => date('jourSemaine', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const formatJourSemaineCourt = () => date('jourSemaineCourt', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })

/** 2026-11-28T08:05:00Z → « 09:05 ». */
export const heure = (instant: string) => formatHeure().format(new Date(instant))

/** « 08:00–08:55 ». */
export const horaire = (debut: string, fin: string) => `${heure(debut)}–${heure(fin)}`

/** A school day (YYYY-MM-DD): « samedi 28 novembre 2026 ». */
export const jourLong = (jour: string) => jourFr(formatJourSemaine(), jour)
/** « sam. 28 nov. ». */
export const jourCourt = (jour: string) => jourFr(formatJourSemaineCourt(), jour)
/** The school day of an instant, at Paris. */
export const jourDe = (instant: string) => aujourdhui(new Date(instant))

/** An estimated time (homework, the cahier de textes): « 20 min », « 1 h », « 1 h 15 ». */
export function duree(minutes: number): string {
  if (minutes < 60) return `${minutes} min`
  const heures = Math.floor(minutes / 60)
  const reste = minutes % 60
  return reste === 0 ? `${heures} h` : `${heures} h ${String(reste).padStart(2, '0')}`
}
