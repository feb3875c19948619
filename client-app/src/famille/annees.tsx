import { useCallback, type ChangeEvent } from 'react'
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

interface PropsChoixAnnee {
  annees: AnneeEleveVue[]
  /** The year shown (from the address, else the answer's, else the current one). */
  annee: string | undefined
  /** The new year, undefined for the current one. */
  choisir: (annee: string | undefined) => void
}

/**
 * « Année scolaire »: a labelled select of the pupil's years, shown only when there is more than one (a pupil in their
 * first year has nothing to choose). Each year says its class, the current one says so.
 */
export function ChoixAnnee({ annees, annee, choisir }: PropsChoixAnnee) {
  if (annees.length < 2) return null
  const courante = annees.find((a) => a.courante)?.annee
  const valeur = annee ?? courante ?? annees[0].annee
  const changer = (e: ChangeEvent<HTMLSelectElement>) => choisir(e.target.value === courante ? undefined : e.target.value)
  return (
    <div className="champ">
      <label htmlFor="annee-scolaire">Année scolaire</label>
      <select id="annee-scolaire" value={valeur} onChange={changer}>
        {annees.map((a) => (
          <option key={a.annee} value={a.annee}>
            {a.annee} · {a.classe}
            {a.courante ? ' (en cours)' : ''}
          </option>
        ))}
      </select>
    </div>
  )
}

/** Replaces the address with the page's for the chosen year (no history entry: the address is the state). */
export const remplacerAnnee = (chemin: string, annee: string | undefined) => remplacerAdresse(adresseAnnee(chemin, annee))
