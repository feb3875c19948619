import { useCallback, useEffect } from 'react'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { dateLongue } from '../commun/format'
import { PageSeance } from '../commun/PageSeance'
import { titreDocument } from '../commun/titre'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { libelleChargeJour } from './cahierDeTextes'

/**
 * /enseignement/classes/{id}/cahier-de-textes: a class's whole cahier de textes of the last two weeks (every subject)
 * and its homework load per day, for its teachers, head teachers, the direction and the vie scolaire desk.
 */
export function CahierDeTextesClasse({ classeId }: { classeId: string }) {
  const client = useApi().scolarite
  const charger = useCallback((signal: AbortSignal) => ouIntrouvable(client.listerCahierDeTextesClasse(classeId, undefined, undefined, undefined, signal)), [client, classeId])
  const [etat, recharger] = useDonnees(charger)
  useEffect(() => {
    document.title = titreDocument('Cahier de textes de la classe')
  }, [])
  if (etat.statut !== 'pret') return <><h1>Cahier de textes de la classe</h1><Attente etat={etat} recharger={recharger} /></>
  if (!etat.donnees) return <><h1>Cahier de textes de la classe</h1><p className="information">Classe introuvable, ou vous n'y enseignez pas.</p></>
  const { classe, seances, charge } = etat.donnees
  return (
    <>
      <h1>Cahier de textes de la classe</h1>
      <p className="situation">{classe}</p>
      {charge.length > 0 && (
        <section aria-labelledby="titre-charge">
          <h2 id="titre-charge">Charge de devoirs</h2>
          <ul className="charge-jours">
            {charge.map((c) => (
              <li key={c.jour}>
                {dateLongue(c.jour)} : {libelleChargeJour(c)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {seances.length === 0 ? (
        <p>Rien d'écrit au cahier de textes ces deux dernières semaines.</p>
      ) : (
        <ul className="cartes">
          {[...seances].reverse().map((s) => (
            <li key={s.id} className="carte seance">
              <PageSeance seance={s} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
