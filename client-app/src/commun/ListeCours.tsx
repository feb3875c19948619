import type { ReactNode } from 'react'
import type { VueCours } from '../api/ent-client'
import { estEnCours, libelleChangement } from './emploiDuTemps'
import { horaire } from './format'
import './emploiDuTemps.css'

interface Props {
  cours: readonly VueCours[]
  maintenant: Date
  /** Show the class or group (teachers', staff's views). */
  classe?: boolean
  /** Show the teacher (families', staff's views). */
  enseignant?: boolean
  /** Something more per lesson: a roll call's state, a checkbox. */
  avant?: (cours: VueCours) => ReactNode
  apres?: (cours: VueCours) => ReactNode
  /** Said when the day has no lesson. */
  vide?: string
}

/**
 * A day's lessons: time, subject, room, teacher; the lesson under way marked (aria-current="time" and « En cours »);
 * a cancelled lesson struck through and said in words (« Annulé — Professeur absent »), a moved or replaced one said too.
 */
export function ListeCours({ cours, maintenant, classe, enseignant, avant, apres, vide = 'Pas de cours ce jour-là.' }: Props) {
  if (cours.length === 0) return <p className="aide">{vide}</p>
  return (
    <ol className="liste-cours">
      {cours.map((c) => {
        const enCours = estEnCours(c, maintenant)
        const changement = libelleChangement(c)
        const annule = c.statut === 'annule'
        const contenu = (
          <>
            <time dateTime={c.debut}>{horaire(c.debut, c.fin)}</time> <strong>{c.matiere}</strong>
            {classe && <> · {c.classe}</>}
            {c.salle && <> · salle {c.salle}</>}
            {enseignant && <> · {c.enseignant}</>}
          </>
        )
        return (
          <li
            key={`${c.serviceId} ${c.debut}`}
            className={`cours cours-${c.statut}${enCours ? ' cours-en-cours' : ''}`}
            aria-current={enCours ? 'time' : undefined}
          >
            {avant?.(c)}
            <div>
              <p>{annule ? <s>{contenu}</s> : contenu}</p>
              {enCours && <p className="etiquette-en-cours">En cours</p>}
              {changement && <p className="changement">{changement}</p>}
            </div>
            {apres?.(c)}
          </li>
        )
      })}
    </ol>
  )
}
