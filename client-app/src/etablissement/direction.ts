import { useSearchParams } from 'react-router'
import type { Moi, ProfilEtablissement } from '../api/ent-client'
import { etablissementsAdministres } from '../commun/direction'

/**
 * The établissement a direction page is about: the one named in the address (?uai=) when the person runs it, else
 * the first they run; undefined for someone who runs none. `choisir` keeps the choice in the address.
 */
export function useEtablissementAdministre(moi: Moi): {
  etablissement: ProfilEtablissement | undefined
  etablissements: ProfilEtablissement[]
  choisir: (uai: string) => void
} {
  const [params, setParams] = useSearchParams()
  const etablissements = etablissementsAdministres(moi)
  const demande = params.get('uai')
  const etablissement = etablissements.find((e) => e.uai === demande) ?? etablissements[0]
  const choisir = (uai: string) => setParams(new URLSearchParams({ uai }))
  return { etablissement, etablissements, choisir }
}

/** The address's parameters with one changed (or removed when null), the établissement kept when it was named. */
export function avecParametre(params: URLSearchParams, cle: string, valeur: string | null): string {
  const suivants = new URLSearchParams(params)
  if (valeur === null) suivants.delete(cle)
  else suivants.set(cle, valeur)
  const texte = suivants.toString()
  return texte ? `?${texte}` : ''
}
