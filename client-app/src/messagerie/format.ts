const instant = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })

/** An instant (UTC) at Paris time: « 28 nov., 14:21 ». */
export const quand = (le: string) => instant.format(new Date(le))

const TAILLES = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })
/** A file's size: « 245 ko », « 1,2 Mo ». */
export const taille = (octets: number) => (octets < 1024 * 1024 ? `${TAILLES.format(octets / 1024)} ko` : `${TAILLES.format(octets / 1024 / 1024)} Mo`)

/** The profiles of messaging's rules, in the screens' words. */
export const PROFILS_MESSAGERIE: Record<string, string> = {
  eleve: 'Élèves',
  responsable: 'Familles',
  enseignant: 'Enseignants',
  cpe: 'CPE',
  direction: 'Direction',
  personnel: 'Autres personnels',
}

export const PORTEES: Record<string, string> = {
  aucune: 'Personne',
  liens: 'Ceux qui leur sont liés',
  etablissement: "Tout l'établissement",
}

/** « 3 non lus », « 1 non lu ». */
export const nonLus = (n: number) => `${n} non ${n > 1 ? 'lus' : 'lu'}`
