import { useCallback, useId, useState } from 'react'
import { Link } from 'react-router'
import { Attente } from '../commun/Attente'
import { pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { LigneSignalement } from './PageSignalements'
import { CHEMIN_FORMULAIRES, uaiConception, uaiReception } from './signalement'
import './signalements.css'

const FILTRES: Record<string, string> = { '': 'Tous', recu: 'Reçus', en_cours: 'En cours', repondu: 'Répondus', clos: 'Clos' }

/**
 * /signalements/recus: the receivers' queue — the reports whose receivers include one of the person's functions (a
 * harassment report: the direction and the CPE only), those still open first, filtered by state.
 */
export function PageRecus() {
  const moi = useMoi()
  const uai = uaiReception(moi)
  const conception = uaiConception(moi)
  return (
    <>
      <h1>Signalements reçus</h1>
      {conception && (
        <p>
          <Link to={CHEMIN_FORMULAIRES}>Formulaires de signalement</Link>
        </p>
      )}
      {uai ? <File uai={uai} /> : <p>Cette page est réservée aux personnels qui reçoivent des signalements.</p>}
    </>
  )
}

function File({ uai }: { uai: string }) {
  const client = useApi().communication
  const id = useId()
  const [filtre, setFiltre] = useState('')
  const charger = useCallback((signal: AbortSignal) => client.listerSignalementsEtablissement(uai, filtre || undefined, signal), [client, uai, filtre])
  const [etat, recharger] = useDonnees(charger)
  return (
    <>
      <div className="champ">
        <label htmlFor={`${id}-filtre`}>Afficher</label>
        <select id={`${id}-filtre`} value={filtre} onChange={(e) => setFiltre(e.target.value)}>
          {Object.entries(FILTRES).map(([valeur, libelle]) => (
            <option key={valeur} value={valeur}>
              {libelle}
            </option>
          ))}
        </select>
      </div>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <>
          <p role="status">
            {etat.donnees.length === 0
              ? 'Aucun signalement.'
              : `${pluriel(etat.donnees.length, 'signalement', 'signalements')}, dont ${pluriel(etat.donnees.filter((s) => s.etat === 'recu').length, 'à prendre en charge', 'à prendre en charge')}.`}
          </p>
          <ul className="signalements">
            {etat.donnees.map((s) => (
              <LigneSignalement key={s.id} signalement={s} avecDeposant />
            ))}
          </ul>
        </>
      )}
    </>
  )
}
