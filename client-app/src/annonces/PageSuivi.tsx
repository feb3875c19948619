import { useCallback, useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import type { SuiviLectureAnnonce } from '../api/ent-client'
import { ouIntrouvable } from '../commun/appels'
import { Attente } from '../commun/Attente'
import { horodatage, pluriel } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_ANNONCES_ENVOYEES, confirmations } from './annonce'
import { GestionAnnonce } from './GestionAnnonce'
import './annonces.css'

/**
 * /annonces/:id/suivi: how many read the announcement and, when families are asked to confirm, class by class which
 * have and have not, with « Relancer » to remind only those who have not (in the application, and by e-mail for those
 * who chose it). Its author and the direction also correct and withdraw it here (GestionAnnonce).
 */
export function PageSuivi() {
  const { id = '' } = useParams()
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => ouIntrouvable(client.suivreAnnonce(id, signal)), [client, id])
  const [etat, recharger] = useDonnees(charger)
  const etatNavigation = useLocation().state as { publiee?: number; refuses?: string[] } | null
  const publiee = etatNavigation?.publiee
  const refuses = etatNavigation?.refuses ?? []
  // Kept here, not in the follow-up: the follow-up is read again after a reminder (and shows « Chargement… » meanwhile).
  const [relance, setRelance] = useState<string | null>(null)
  return (
    <>
      <h1>Suivi de l'annonce</h1>
      {publiee !== undefined && (
        <p role="status" className="succes">
          Annonce publiée pour {pluriel(publiee, 'destinataire', 'destinataires')}.
        </p>
      )}
      {refuses.length > 0 && (
        <div role="alert" className="erreur">
          <p>Ces fichiers n'ont pas pu être joints :</p>
          <ul>
            {refuses.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <p role="status" className={relance ? 'succes' : undefined}>
        {relance}
      </p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees === null ? (
        <p>Cette annonce n'existe pas ou vous n'en suivez pas les lectures.</p>
      ) : (
        <>
          <Suivi
            suivi={etat.donnees}
            relancee={(message) => {
              setRelance(message)
              recharger()
            }}
          />
          <GestionAnnonce
            suivi={etat.donnees}
            change={(message) => {
              setRelance(message)
              recharger()
            }}
          />
        </>
      )}
      <p>
        <Link to={CHEMIN_ANNONCES_ENVOYEES}>Retour aux annonces envoyées</Link>
      </p>
    </>
  )
}

function Suivi({ suivi, relancee }: { suivi: SuiviLectureAnnonce; relancee: (message: string) => void }) {
  const client = useApi().communication
  const { envoyer, envoi, refus } = useEnvoi()
  const restantes = suivi.familles - suivi.famillesConfirmees

  const relancer = async () => {
    const fait = await envoyer(() => client.relancerAnnonce(suivi.id))
    if (fait) relancee(`Relance envoyée à ${pluriel(fait.familles, 'famille', 'familles')} (${pluriel(fait.responsables, 'responsable', 'responsables')}).`)
  }

  return (
    <>
      <h2>{suivi.titre}</h2>
      <p>
        {pluriel(suivi.lues, 'lecture', 'lectures')} sur {pluriel(suivi.destinataires, 'destinataire', 'destinataires')}.
        {suivi.accuseLecture && <> {confirmations(suivi.famillesConfirmees, suivi.familles)}.</>}
      </p>
      {suivi.accuseLecture && (
        <>
          {refus.message && (
            <p role="alert" className="erreur">
              {refus.message}
            </p>
          )}
          {suivi.relanceeLe && (
            <p className="aide">
              Dernière relance : <time dateTime={suivi.relanceeLe}>{horodatage(suivi.relanceeLe)}</time>
            </p>
          )}
          {suivi.retireeLe ? null : restantes > 0 ? (
            <button type="button" disabled={envoi} onClick={() => void relancer()}>
              {envoi ? 'Envoi…' : `Relancer les ${pluriel(restantes, 'famille', 'familles')} qui n'ont pas confirmé`}
            </button>
          ) : (
            <p>Toutes les familles ont confirmé leur lecture.</p>
          )}
          {suivi.classes.map((c) => (
            <details key={c.classe ?? ''} className="carte suivi-classe" open={suivi.classes.length === 1}>
              <summary>
                {c.classe ?? 'Sans classe'} — {confirmations(c.confirmees, c.familles)}
              </summary>
              <ul className="suivi-familles">
                {c.eleves.map((f) => (
                  <li key={f.eleveId}>
                    <strong>{f.eleve}</strong> : {f.confirmee ? '✓ confirmé' : '✗ pas encore confirmé'}
                    <span className="aide">
                      {' '}
                      ({f.responsables.map((r) => `${r.nom}${r.confirmeeLe ? ' ✓' : r.lueLe ? ' (lu)' : ''}`).join(', ')})
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </>
      )}
    </>
  )
}
