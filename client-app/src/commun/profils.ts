import type { Moi, ProfilEtablissement } from '../api/ent-client'

const PROFILS: Record<string, string> = {
  eleve: 'Élève',
  responsable: 'Responsable',
  enseignant: 'Enseignant',
  personnel: 'Personnel',
}

const FONCTIONS: Record<string, string> = {
  cpe: 'CPE',
  direction: 'Direction',
  infirmier: 'Infirmier·ère',
  documentaliste: 'Documentaliste',
  secretariat: 'Secrétariat',
  administrateur_local: "Administration de l'ENT",
}

/** A profile in French, as the school says it: staff by their function (CPE, Direction…), others by their profile. */
export function libelleProfil({ profil, fonction }: Pick<ProfilEtablissement, 'profil' | 'fonction'>): string {
  if (fonction) return FONCTIONS[fonction] ?? PROFILS[profil] ?? fonction
  return PROFILS[profil] ?? profil
}

const AUTRES_QUALITES: Record<string, string> = {
  administrateur_region: 'Administration régionale',
  application: 'Application',
  autre: 'Autre',
}

/** The capacity in which someone reached a pupil's data (access log): a profile or a staff function, in French. */
export function libelleQualite(qualite: string): string {
  return PROFILS[qualite] ?? FONCTIONS[qualite] ?? AUTRES_QUALITES[qualite] ?? qualite
}

const DOMAINES: Record<string, string> = {
  travail_scolaire: 'Travail scolaire',
  vie_scolaire: 'Vie scolaire',
  sante: 'Santé',
  messages: 'Messages',
  identite: 'Identité',
}

/** A domain of a pupil's data, in French. */
export function libelleDomaine(domaine: string): string {
  return DOMAINES[domaine] ?? domaine
}

/** A TOTP secret (base32) in groups of four, easier to copy by hand. */
export const grouperParQuatre = (secret: string) => secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? ''

/** The teacher's pages appear (navigation entry included) for a person with a teacher profile somewhere. */
export const estEnseignant = (moi: Pick<Moi, 'profils'> | null | undefined) => !!moi?.profils.some((p) => p.profil === 'enseignant')

/** The nurse's home page appears for a person with the infirmier function somewhere. */
export const estInfirmier = (moi: Pick<Moi, 'profils'> | null | undefined) => !!moi?.profils.some((p) => p.profil === 'personnel' && p.fonction === 'infirmier')
