import { useSearchParams } from 'react-router'
import type { Moi, ProfilEtablissement } from '../api/ent-client'
import { etablissementsAdministres } from '../commun/direction'

export const CHEMIN_ADMINISTRATION = '/administration'
export const CHEMIN_IMPORTS = '/administration/imports'
export const CHEMIN_REGLAGES = '/administration/reglages'
export const CHEMIN_REGION = '/region'
export const cheminPersonne = (personneId: string, uai: string) => `/administration/personnes/${personneId}?uai=${uai}`

/**
 * The établissement an administration page is about: the one named in the address (?uai=) when the person runs it,
 * else the first they run; undefined for someone who runs none.
 */
export function useEtablissement(moi: Moi): { etablissement: ProfilEtablissement | undefined; etablissements: ProfilEtablissement[] } {
  const [params] = useSearchParams()
  const etablissements = etablissementsAdministres(moi)
  const demande = params.get('uai')
  return { etablissement: etablissements.find((e) => e.uai === demande) ?? etablissements[0], etablissements }
}

const ETATS: Record<string, string> = {
  a_activer: 'À activer',
  actif: 'Actif',
  bloque: 'Bloqué',
  desactive: 'Désactivé',
}

/** An account's state in French. */
export const libelleEtat = (etat: string | null | undefined) => (etat ? (ETATS[etat] ?? etat) : 'Sans compte')

const LIENS: Record<string, string> = { mere: 'Mère', pere: 'Père', tuteur: 'Tuteur ou tutrice', autre: 'Autre' }

/** A guardian's link to a pupil in French. */
export const libelleLien = (lien: string) => LIENS[lien] ?? lien
export const LIENS_POSSIBLES = Object.entries(LIENS)

const ETATS_IMPORT: Record<string, string> = {
  en_attente: 'En attente',
  en_cours: 'En cours',
  termine: 'Terminé',
  refuse: 'Refusé',
  echoue: 'Échoué',
}

/** An import's state in French. */
export const libelleEtatImport = (etat: string | null | undefined) => (etat ? (ETATS_IMPORT[etat] ?? etat) : 'Jamais importé')

/** A rate from 0 to 1 as a French percentage (« 42 % »). */
export const pourcentage = (taux: number) => new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(taux)
