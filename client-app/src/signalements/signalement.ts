import type { Moi } from '../api/ent-client'

export const CHEMIN_SIGNALEMENTS = '/signalements'
export const CHEMIN_RECUS = '/signalements/recus'
export const CHEMIN_FORMULAIRES = '/signalements/formulaires'
export const cheminSignalement = (id: string) => `/signalements/${encodeURIComponent(id)}`
export const cheminDeposer = (formulaireId: string) => `/signalements/nouveau/${encodeURIComponent(formulaireId)}`

/** The functions a form may be sent to, in French (the server's list: never a teacher). */
export const FONCTIONS_DESTINATAIRES: Record<string, string> = {
  direction: 'Direction',
  cpe: 'CPE',
  secretariat: 'Secrétariat',
  infirmier: 'Infirmerie',
  documentaliste: 'Documentaliste',
  administrateur_local: "Administrateur de l'ENT",
}

export const TYPES_CHAMP: Record<string, string> = { texte: 'Texte', choix: 'Choix', date: 'Date', fichier: 'Fichier' }

const FONCTIONS_CONCEPTION = ['cpe', 'direction', 'administrateur_local']

/** The établissement (UAI) where the person receives reports: any function of personnel there (not a teacher). */
export function uaiReception(moi: Pick<Moi, 'profils'> | null | undefined): string | null {
  return (moi?.profils ?? []).find((p) => p.profil === 'personnel' && !!p.fonction && p.fonction in FONCTIONS_DESTINATAIRES)?.uai ?? null
}

/** The établissement (UAI) whose forms the person builds: its head, CPE and local administrators. */
export function uaiConception(moi: Pick<Moi, 'profils'> | null | undefined): string | null {
  return (moi?.profils ?? []).find((p) => p.profil === 'personnel' && FONCTIONS_CONCEPTION.includes(p.fonction ?? ''))?.uai ?? null
}

/** Pupils and families file reports (a pupil about themselves, a guardian about a child). */
export const deposeDesSignalements = (moi: Pick<Moi, 'profils'> | null | undefined) =>
  !!moi?.profils.some((p) => p.profil === 'eleve' || p.profil === 'responsable')

/** The fields of a report as the form's inputs keep them: a value per field key, files apart. */
export type Saisies = Record<string, string>
