/** The offline banner: « Hors connexion — notes du 2 déc. à 8 h 14 ». */
export const HORS_CONNEXION = 'Hors connexion'
/** What the page shows, when the page has no name (the home). */
export const DONNEES = 'données'
export const MISE_A_JOUR_PRETE = "Une nouvelle version d'Ent est prête : elle s'appliquera à votre prochain changement de page."

const PARIS = 'Europe/Paris'
const jourMois = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: PARIS })
const heureMinute = new Intl.DateTimeFormat('fr-FR', { hour: 'numeric', minute: '2-digit', hourCycle: 'h23', timeZone: PARIS })

/** An instant at Paris, as French writes it: « 2 déc. à 8 h 14 », « 1er sept. à 17 h 05 ». */
export function dateEtHeure(le: number): string {
  const date = new Date(le)
  const jour = jourMois
    .formatToParts(date)
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('')
  const parties = heureMinute.formatToParts(date)
  const heure = Number(parties.find((p) => p.type === 'hour')?.value)
  const minute = parties.find((p) => p.type === 'minute')?.value ?? '00'
  return `${jour} à ${heure} h ${minute}`
}

/** The banner's sentence: what the page shows (its title, lowercase) and the date of the oldest of it. */
export const phraseHorsLigne = (titrePage: string | undefined, le: number) =>
  `${HORS_CONNEXION} — ${titrePage ? titrePage.toLocaleLowerCase('fr-FR') : DONNEES} du ${dateEtHeure(le)}`
