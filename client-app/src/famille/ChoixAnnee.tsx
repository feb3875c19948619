import type { ChangeEvent } from 'react'
import type { AnneeEleveVue } from '../api/ent-client'

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
