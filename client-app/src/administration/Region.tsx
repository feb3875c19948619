import { useCallback } from 'react'
import { Link } from 'react-router'
import { Attente } from '../commun/Attente'
import { horodatage, nombre } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { libelleEtatImport, pourcentage } from './commun'
import { ImportsRegion } from './Imports'
import './administration.css'

/**
 * /region: the region's administrators follow every établissement — its last import and how far its accounts got
 * (counts by state, activation rate). Figures only: no person is named here.
 */
export function Region() {
  const moi = useMoi()
  return (
    <>
      <h1>Établissements de la région</h1>
      {moi.administrateurRegion ? (
        <>
          <Liste />
          <ImportsRegion />
        </>
      ) : (
        <>
          <p>Cette page est réservée aux administrateurs de la région.</p>
          <p>
            <Link to="/">Retour à l'accueil</Link>
          </p>
        </>
      )}
    </>
  )
}

function Liste() {
  const client = useApi().identite
  const charger = useCallback((signal: AbortSignal) => client.listerEtablissementsRegion(signal), [client])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  if (etat.donnees.length === 0) return <p>Aucun établissement.</p>
  return (
    <div className="defilement-administration">
      <table>
        <caption>Dernier import et activation des comptes, par établissement</caption>
        <thead>
          <tr>
            <th scope="col">Établissement</th>
            <th scope="col">Dernier import</th>
            <th scope="col">Comptes activés</th>
            <th scope="col">À activer</th>
            <th scope="col">Désactivés</th>
          </tr>
        </thead>
        <tbody>
          {etat.donnees.map((e) => (
            <tr key={e.uai}>
              <th scope="row">
                {e.nom}
                <span className="aide">
                  {' '}
                  {e.uai}
                  {e.commune && ` · ${e.commune}`}
                </span>
              </th>
              <td>
                {libelleEtatImport(e.dernierImport)}
                {e.dernierImportLe && <span className="aide"> le {horodatage(e.dernierImportLe)}</span>}
              </td>
              <td>
                {e.tauxActivation === null || e.tauxActivation === undefined ? '—' : pourcentage(e.tauxActivation)}
                <span className="aide"> ({nombre(e.comptes.actifs + e.comptes.bloques)})</span>
              </td>
              <td>{nombre(e.comptes.aActiver)}</td>
              <td>{nombre(e.comptes.desactives)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
