import { useCallback } from 'react'
import { Link } from 'react-router'
import { Attente } from '../commun/Attente'
import { horodatage, pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { CHEMIN_ANNONCES, CHEMIN_PUBLIER, cheminSuivi, confirmations, uaiPublication } from './annonce'
import './annonces.css'

/**
 * /annonces/envoyees: the announcements published in the établissement (a teacher's own), newest first, with how many
 * read them and, when asked, how many families confirmed; each opens its follow-up.
 */
export function PageAnnoncesEnvoyees() {
  const uai = uaiPublication(useMoi())
  return (
    <>
      <h1>Annonces envoyées</h1>
      {uai ? <Liste uai={uai} /> : <p>Cette page est réservée aux personnels qui publient des annonces.</p>}
      <p>
        <Link to={CHEMIN_ANNONCES}>Retour aux annonces reçues</Link>
      </p>
    </>
  )
}

function Liste({ uai }: { uai: string }) {
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.listerAnnoncesEtablissement(uai, signal), [client, uai])
  const [etat, recharger] = useDonnees(charger)
  return (
    <>
      <p>
        <Link className="bouton-lien" to={CHEMIN_PUBLIER}>
          Publier une annonce
        </Link>
      </p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.length === 0 ? (
        <p>Aucune annonce n'a encore été publiée.</p>
      ) : (
        <ul className="annonces">
          {etat.donnees.map((a) => (
            <li key={a.id} className="carte annonce">
              <h2>
                {a.retireeLe && <span className="etiquette">Retirée</span>}
                <Link to={cheminSuivi(a.id)}>{a.titre}</Link>
              </h2>
              <p className="aide">
                {a.auteur} · <time dateTime={a.visibleDu}>{horodatage(a.visibleDu)}</time> · {a.audience}
              </p>
              <p>
                {pluriel(a.lues, 'lecture', 'lectures')} sur {pluriel(a.destinataires, 'destinataire', 'destinataires')}
                {a.accuseLecture && <> · {confirmations(a.famillesConfirmees, a.familles)}</>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
