import type { Moi } from '../api/ent-client'

const FONCTIONS_ADMINISTRATION = ['direction', 'administrateur_local']

/**
 * The établissements the person runs (head, local administrator), one per UAI: their report cards and their structure
 * are theirs to manage (the server's rule: anyone else gets 404).
 */
export const etablissementsAdministres = (moi: Pick<Moi, 'profils'> | null | undefined) => [
  ...new Map(
    (moi?.profils ?? [])
      .filter((p) => p.profil === 'personnel' && FONCTIONS_ADMINISTRATION.includes(p.fonction ?? ''))
      .map((p) => [p.uai, p]),
  ).values(),
]

export const administre = (moi: Pick<Moi, 'profils'> | null | undefined) => etablissementsAdministres(moi).length > 0

export const CHEMIN_BULLETINS = '/direction/bulletins'
export const CHEMIN_STRUCTURE = '/direction/structure'
