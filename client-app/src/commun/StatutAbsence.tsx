import { STATUTS_ABSENCE } from './vieScolaire'

/** An absence's status as a tag: a sign and a word, so that colour is never the only clue. */
export function StatutAbsence({ statut }: { statut: string }) {
  const s = STATUTS_ABSENCE[statut]
  return (
    <span className={`statut statut-${statut}`}>
      <span aria-hidden="true">{s?.signe ?? ''} </span>
      {s?.libelle ?? statut}
    </span>
  )
}
