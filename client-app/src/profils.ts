import type { ProfilEtablissement } from './api/ent-client'

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
