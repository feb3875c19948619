import type { Enfant, Justificatif, Moi, VieScolaireClient } from '../api/ent-client'
import { statutErreur } from '../commun/appels'
import { estEleve } from '../commun/suivi'
import { lireRefus, type Refus } from '../commun/erreurs'
import { taille } from '../commun/vieScolaire'

/** The pupil whose absences a page shows. */
export interface EleveAbsences {
  id: string
  /** « Prénom Nom » for a guardian's child; null for the pupil themself, or for a pupil who is not one of the caller's. */
  nom: string | null
  /** False when the guardian may not see this child's attendance (the access rules' vie_scolaire). */
  acces: boolean
  /** Only legal guardians send justifications (the API answers 404 to anyone else). */
  peutJustifier: boolean
}

const depuisEnfant = (e: Enfant): EleveAbsences => ({
  id: e.id,
  nom: `${e.prenom} ${e.nom}`,
  acces: e.domaines.includes('vie_scolaire'),
  peutJustifier: e.legal,
})

/** Whose absences to show: as for the grades (the chosen child, a pupil named anyway, the first child, the pupil themself). */
export function eleveDesAbsences(moi: Moi, idChoisi: string | null): EleveAbsences | null {
  const enfant = moi.enfants.find((e) => e.id === idChoisi)
  if (enfant) return depuisEnfant(enfant)
  if (idChoisi && idChoisi !== moi.id) return { id: idChoisi, nom: null, acces: true, peutJustifier: false }
  if (moi.enfants.length > 0) return depuisEnfant(moi.enfants[0])
  if (estEleve(moi)) return { id: moi.id, nom: null, acces: true, peutJustifier: false }
  return null
}

/**
 * The child to show when the address names none (the SMS links to /absences): the first one with something to
 * justify, else the first. `aJustifier` gives each child's count, null when it could not be read.
 */
export function premierAJustifier(enfants: readonly Pick<Enfant, 'id'>[], aJustifier: readonly (number | null)[]): string | null {
  if (enfants.length === 0) return null
  const i = aJustifier.findIndex((n) => (n ?? 0) > 0)
  return enfants[i >= 0 ? i : 0].id
}

/** Why each refused absence was refused: the latest refusal covering it wins (a family may send again and be refused again). */
export function raisonsRefus(justificatifs: readonly Pick<Justificatif, 'statut' | 'raisonRefus' | 'decideLe' | 'absences'>[]): Map<string, string> {
  const raisons = new Map<string, string>()
  const refuses = justificatifs.filter((j) => j.statut === 'refuse' && j.raisonRefus).sort((a, b) => (a.decideLe ?? '').localeCompare(b.decideLe ?? ''))
  for (const j of refuses) for (const a of j.absences) raisons.set(a.id, j.raisonRefus!)
  return raisons
}

/** What the API keeps: PDF, JPEG or PNG, 5 Mo at most. */
export const TAILLE_MAX = 5 * 1024 * 1024
const TYPES = ['application/pdf', 'image/jpeg', 'image/png']

/** Why a file cannot be sent, before sending it (a phone's photo is often too big); null when it may go. */
export function verifierFichier(fichier: Pick<File, 'size' | 'type'>): string | null {
  if (fichier.size === 0) return 'Ce fichier est vide : choisissez-en un autre.'
  if (fichier.size > TAILLE_MAX) {
    return `Ce fichier fait ${taille(fichier.size)} : la limite est de 5 Mo. Choisissez un fichier plus léger ou reprenez la photo en qualité moindre.`
  }
  // A type the browser does not know (empty) is left to the server, which reads the file's first bytes.
  if (fichier.type && !TYPES.includes(fichier.type)) return 'Seuls les fichiers PDF, JPEG et PNG sont acceptés.'
  return null
}

export interface Justification {
  absenceIds: string[]
  motif: string
  commentaire: string
  document: File | null
}

/** A refusal of the upload: the problem document's fields and message, or what its status says. */
export class RefusJustificatif extends Error {
  readonly refus: Refus
  constructor(refus: Refus) {
    super(refus.message ?? 'Refusé')
    this.refus = refus
  }
}

/** The refusals the upload may meet besides the form's own (the problem document's fields), in French. */
function refusDepot(erreur: unknown): Refus {
  switch (statutErreur(erreur)) {
    case 413:
      return { champs: { document: 'Ce fichier est trop lourd : 5 Mo au plus.' }, message: 'Le document est trop lourd.' }
    case 415:
      return { champs: {}, message: "Le formulaire n'a pas pu être envoyé. Rechargez la page et réessayez." }
    case 404:
      return { champs: {}, message: 'Vous ne pouvez pas justifier les absences de cet élève : seuls ses responsables légaux le peuvent.' }
    default:
      return lireRefus(erreur)
  }
}

/** Sends a justification (multipart/form-data, through the generated client). Throws a RefusJustificatif in French. */
export async function deposerJustificatif(client: VieScolaireClient, eleveId: string, j: Justification): Promise<void> {
  const commentaire = j.commentaire.trim() || null
  const document = j.document ? { data: j.document, fileName: j.document.name } : null
  try {
    await client.deposerJustificatif(eleveId, j.absenceIds, j.motif, commentaire, document)
  } catch (erreur) {
    throw new RefusJustificatif(refusDepot(erreur))
  }
}

/** Which step a field belongs to: the server's errors send the family back to the step that has them. */
export const CHAMPS_ETAPE_1 = ['absenceIds', 'motif', 'commentaire']
export const champEtape1 = (cle: string) => CHAMPS_ETAPE_1.some((c) => cle === c || cle.startsWith(`${c}[`))

/** The server's field errors folded onto the form's fields: `absenceIds[2]` is about the absences chosen. */
export function champsDuFormulaire(champs: Record<string, string>): Record<string, string> {
  const plies: Record<string, string> = {}
  for (const [cle, message] of Object.entries(champs)) {
    const champ = cle.startsWith('absenceIds') ? 'absenceIds' : cle === 'document' || cle.startsWith('document') ? 'document' : cle
    plies[champ] = plies[champ] ? `${plies[champ]} ${message}` : message
  }
  return plies
}
