import { useCallback } from 'react'
import { Link } from 'react-router'
import type { MonElection } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { administre } from '../commun/direction'
import { horodatage } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { CHEMIN_ELECTIONS, CHEMIN_GESTION_ELECTIONS, libelleEtat } from './election'
import './elections.css'

/**
 * /elections: the parents' elections that concern me (issue 17), latest first, each with where I stand: « Voter » while
 * it is open and I have not voted (the first of the three taps), « A voté » once done. The head finds the set-up here.
 */
export function PageElections() {
  const moi = useMoi()
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.listerMesElections(signal), [client])
  const [etat, recharger] = useDonnees(charger)

  return (
    <>
      <h1>Élections</h1>
      {administre(moi) && (
        <p>
          <Link to={CHEMIN_GESTION_ELECTIONS}>Organiser les élections des parents</Link>
        </p>
      )}
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.length === 0 ? (
        <p>Aucune élection ne vous concerne en ce moment.</p>
      ) : (
        <ul className="elections">
          {etat.donnees.map((e) => (
            <CarteElection key={e.id} election={e} />
          ))}
        </ul>
      )}
    </>
  )
}

function CarteElection({ election: e }: { election: MonElection }) {
  const titreId = `election-${e.id}`
  const voir = e.etat === 'publiee' ? 'Voir les résultats' : "Voir l'élection"
  return (
    <li className="carte election" aria-labelledby={titreId}>
      <h2 id={titreId}>{e.titre}</h2>
      <p className="aide">
        {e.etablissement} · {libelleEtat(e.etat)} · du <time dateTime={e.ouverture}>{horodatage(e.ouverture)}</time> au{' '}
        <time dateTime={e.cloture}>{horodatage(e.cloture)}</time>
      </p>
      {e.aVoteLe ? (
        <p className="succes a-vote">
          A voté, le <time dateTime={e.aVoteLe}>{horodatage(e.aVoteLe)}</time>.
        </p>
      ) : e.etat === 'ouverte' && !e.electeur ? (
        <p>Vous ne figurez pas sur la liste électorale, arrêtée à l'ouverture du scrutin.</p>
      ) : null}
      <p>
        {e.peutVoter ? (
          <Link className="bouton-lien" to={`${CHEMIN_ELECTIONS}/${e.id}`} aria-label={`Voter : ${e.titre}`}>
            Voter
          </Link>
        ) : (
          // The accessible name starts with the visible text (WCAG 2.5.3), then says which election.
          <Link to={`${CHEMIN_ELECTIONS}/${e.id}`} aria-label={`${voir} : ${e.titre}`}>
            {voir}
          </Link>
        )}
      </p>
    </li>
  )
}
