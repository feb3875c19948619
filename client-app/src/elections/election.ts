import type { CandidatElection } from '../api/ent-client'

export const CHEMIN_ELECTIONS = '/elections'
export const CHEMIN_GESTION_ELECTIONS = '/elections/gestion'

const ETATS: Record<string, string> = {
  a_venir: 'À venir',
  ouverte: 'Vote ouvert',
  close: 'Vote clos',
  publiee: 'Résultats publiés',
}

/** An election's state in words. */
export const libelleEtat = (etat: string) => ETATS[etat] ?? etat

const PARIS = 'Europe/Paris'

/** The UTC offset of Paris at an instant, in minutes (60 in winter, 120 in summer). */
function decalageParis(instant: Date): number {
  const parties = new Intl.DateTimeFormat('en-US', { timeZone: PARIS, timeZoneName: 'longOffset' }).formatToParts(instant)
  const nom = parties.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(nom)
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
}

/**
 * A date and time typed as Paris time (a `datetime-local` field: « 2026-10-05T08:00 »), as an instant (ISO, UTC), whatever
 * the browser's own zone; null when incomplete.
 */
export function instantParis(local: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m) return null
  const commeUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))
  // The offset at the instant itself: taken once from the naive guess, then corrected (the changes of time).
  let instant = commeUtc - decalageParis(new Date(commeUtc)) * 60000
  instant = commeUtc - decalageParis(new Date(instant)) * 60000
  return new Date(instant).toISOString()
}

/**
 * The candidates typed one per line, « Nom Prénom JJ/MM/AAAA » (the last word the date of birth, the first the name);
 * lines left blank are skipped. A line that does not read is kept as typed, for the server's refusal to name it.
 */
export function lireCandidats(texte: string): CandidatElection[] {
  return texte
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((ligne) => {
      const mots = ligne.split(/\s+/)
      const date = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(mots.at(-1) ?? '')
      const dateNaissance = date ? `${date[3]}-${date[2].padStart(2, '0')}-${date[1].padStart(2, '0')}` : null
      const noms = date ? mots.slice(0, -1) : mots
      return { nom: noms[0] ?? '', prenom: noms.slice(1).join(' '), dateNaissance }
    })
}

/** A turnout in French: « 41,7 % ». */
export const pourcentage = (valeur: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(valeur)} %`
