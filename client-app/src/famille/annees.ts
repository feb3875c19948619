import { useCallback } from 'react'
import type { AnneeEleveVue } from '../api/ent-client'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { avecEleve, eleveDemande, remplacerAdresse } from '../commun/suivi'
import { parametre } from './cible'

/** The query parameter naming the school year a page shows (`?annee=2025-2026`); absent: the current year. */
export const PARAM_ANNEE = 'annee'

/** The year of the address, or undefined for the current one (what the API answers without `annee`). */
export const anneeDemandee = () => parametre(PARAM_ANNEE) ?? undefined

/**
 * The school years the pupil had a class in, newest first (GET …/annees). Nothing on failure: the selector is a way to
 * last year, never a reason for the page not to show this year.
 */
export function useAnnees(eleveId: string): AnneeEleveVue[] {
  const { scolarite } = useApi()
  const charger = useCallback(
    (signal: AbortSignal) => scolarite.listerAnneesEleve(eleveId, signal).catch(() => [] as AnneeEleveVue[]),
    [scolarite, eleveId],
  )
  const [etat] = useDonnees(charger)
  return etat.statut === 'pret' ? etat.donnees : []
}

/**
 * Writes the chosen year into the address (`?annee=`, left out for the current year), with the other parameters a page
 * keeps; links and a reload then open the same year.
 */
export function adresseAnnee(chemin: string, annee: string | undefined, autres: Record<string, string> = {}) {
  return avecEleve(chemin, eleveDemande(), { ...(annee ? { [PARAM_ANNEE]: annee } : {}), ...autres })
}

/** Replaces the address with the page's for the chosen year (no history entry: the address is the state). */
export const remplacerAnnee = (chemin: string, annee: string | undefined) => remplacerAdresse(adresseAnnee(chemin, annee))
