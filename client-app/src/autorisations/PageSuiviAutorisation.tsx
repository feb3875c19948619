import { useCallback, useRef, useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import type { SuiviConsentementVue } from '../api/ent-client'
import { enregistrerFichier, ouIntrouvable } from '../commun/appels'
import { Attente } from '../commun/Attente'
import { messageErreur } from '../commun/erreurs'
import { horodatage } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_AUTORISATIONS_ORGANISEES, cout, limite, quand, STATUTS } from './autorisation'
import './autorisations.css'

/**
 * /autorisations/:id/suivi: a consent form pupil by pupil, class by class — authorised, not authorised, no answer —
 * with each guardian's signed answer; « Relancer » reminds only the families without any answer; the list for the day of
 * the outing downloads as PDF or CSV.
 */
export function PageSuiviAutorisation() {
  const { id = '' } = useParams()
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => ouIntrouvable(client.suivreConsentement(id, signal)), [client, id])
  const [etat, recharger] = useDonnees(charger)
  const navigation = useLocation().state as { creee?: number; refuses?: string[] } | null
  const [message, setMessage] = useState<string | null>(null)
  // Kept on the page, not in the follow-up: the follow-up is read again after a reminder (and is replaced meanwhile).
  const statut = useRef<HTMLParagraphElement>(null)
  return (
    <>
      <h1>Suivi de l'autorisation</h1>
      <p ref={statut} tabIndex={-1} role="status" className={message ? 'succes' : undefined}>
        {message}
      </p>
      {navigation?.creee !== undefined && (
        <p role="status" className="succes">
          Demande envoyée aux familles de {navigation.creee} élève{navigation.creee > 1 ? 's' : ''}.
        </p>
      )}
      {(navigation?.refuses ?? []).length > 0 && (
        <p role="alert" className="erreur">
          Ces documents n'ont pas pu être joints : {navigation!.refuses!.join(' ; ')}
        </p>
      )}
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees === null ? (
        <p>Cette demande d'autorisation n'existe pas ou vous n'en suivez pas les réponses.</p>
      ) : (
        <Suivi
          suivi={etat.donnees}
          relancee={(m) => {
            setMessage(m)
            recharger()
            // The reminder's button goes away with the answer: the focus goes to what the reminder did.
            requestAnimationFrame(() => statut.current?.focus())
          }}
        />
      )}
      <p>
        <Link to={CHEMIN_AUTORISATIONS_ORGANISEES}>Retour aux autorisations</Link>
      </p>
    </>
  )
}

function Suivi({ suivi, relancee }: { suivi: SuiviConsentementVue; relancee: (m: string) => void }) {
  const client = useApi().communication
  const { envoyer, envoi, refus } = useEnvoi()
  const [erreurExport, setErreurExport] = useState<string | null>(null)
  // The moment the follow-up was opened: the reminder's button is offered until the deadline (the server decides again).
  const [ouvertLe] = useState(() => Date.now())
  const ouverte = new Date(suivi.dateLimite).getTime() > ouvertLe

  const relancer = async () => {
    const fait = await envoyer(() => client.relancerConsentement(suivi.id))
    if (!fait) return
    relancee(`Relance envoyée aux familles de ${fait.eleves} élève${fait.eleves > 1 ? 's' : ''} (${fait.responsables} responsable${fait.responsables > 1 ? 's' : ''}).`)
  }

  const exporter = (format: 'pdf' | 'csv') => {
    setErreurExport(null)
    const appel = format === 'pdf' ? client.exporterConsentementPdf(suivi.id) : client.exporterConsentementCsv(suivi.id)
    void appel
      .then((f) => enregistrerFichier(f.data, `autorisations-${suivi.titre}.${format}`))
      .catch((e: unknown) => setErreurExport(messageErreur(e)))
  }

  return (
    <>
      <h2>{suivi.titre}</h2>
      <p>
        {suivi.lieu}, {quand(suivi.debut, suivi.fin)} — {cout(suivi.coutCentimes)}. {suivi.divisions} ; organisé par {suivi.organisateur}.
      </p>
      <p>Réponses jusqu'au {limite(suivi.dateLimite)}.</p>
      <p aria-live="polite">
        <strong>{suivi.accordes}</strong> autorisé{suivi.accordes > 1 ? 's' : ''}, <strong>{suivi.refuses}</strong> non autorisé
        {suivi.refuses > 1 ? 's' : ''}, <strong>{suivi.enAttente}</strong> sans réponse, sur {suivi.eleves} élève{suivi.eleves > 1 ? 's' : ''}.
      </p>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      {erreurExport && (
        <p role="alert" className="erreur">
          {erreurExport}
        </p>
      )}
      <div className="actions">
        {ouverte && suivi.enAttente > 0 && (
          <button type="button" disabled={envoi} onClick={() => void relancer()}>
            {envoi ? 'Envoi…' : `Relancer les ${suivi.enAttente} famille${suivi.enAttente > 1 ? 's' : ''} sans réponse`}
          </button>
        )}
        <button type="button" className="secondaire" onClick={() => exporter('pdf')}>
          Liste PDF
        </button>
        <button type="button" className="secondaire" onClick={() => exporter('csv')}>
          Liste CSV
        </button>
      </div>
      {suivi.relanceLe && (
        <p className="aide">
          Dernière relance : <time dateTime={suivi.relanceLe}>{horodatage(suivi.relanceLe)}</time>
        </p>
      )}
      <table className="suivi-autorisation">
        <caption>Réponses élève par élève</caption>
        <thead>
          <tr>
            <th scope="col">Élève</th>
            <th scope="col">Classe</th>
            <th scope="col">Autorisation</th>
            <th scope="col">Responsables</th>
          </tr>
        </thead>
        <tbody>
          {suivi.lignes.map((l) => (
            <tr key={l.eleveId}>
              <th scope="row">{l.eleve}</th>
              <td>{l.classe ?? '—'}</td>
              <td className={`statut-${l.statut}`}>{STATUTS[l.statut] ?? l.statut}</td>
              <td>
                {l.responsables
                  .map((r) => `${r.nom} : ${r.accord === true ? 'oui' : r.accord === false ? 'non' : 'pas de réponse'}${r.signeeLe ? ` (${horodatage(r.signeeLe)})` : ''}`)
                  .join(' ; ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
