import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import type { DemandeSortieJour } from '../api/ent-client'
import { statutErreur } from '../commun/appels'
import { Attente } from '../commun/Attente'
import { aujourdhui, horodatage, jourLong, pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_TABLEAU, nomListe, nomUsuel } from '../commun/vieScolaire'
import '../commun/viescolaire.css'
import { cheminEleve, useUaiVieScolaire, type EleveConnu } from './bureau'

const REGIMES: Record<string, string> = { externe: 'Externe', demi_pensionnaire: 'Demi-pensionnaire', interne: 'Interne' }

/**
 * /vie-scolaire/sorties: the one-off exit requests still waiting for the desk's visa, today's and the days after, in
 * the order the pupils leave; « Accepter » at once, « Refuser » after a confirmation with a word for the family. The
 * list is read again after each visa; a status says what was done.
 */
export function SortiesEnAttente() {
  const moi = useMoi()
  const uai = useUaiVieScolaire(moi)
  return (
    <>
      <h1>Demandes de sortie</h1>
      {uai ? <File uai={uai} /> : <p>Cette page est réservée à la vie scolaire des établissements (CPE, direction).</p>}
      <p>
        <Link to={CHEMIN_TABLEAU}>Retour au tableau de la vie scolaire</Link>
      </p>
    </>
  )
}

function File({ uai }: { uai: string }) {
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => client.listerDemandesSortieJour(uai, aujourdhui(), true, signal), [client, uai])
  const [etat, recharger] = useDonnees(charger)
  const [succes, setSucces] = useState<string | null>(null)
  const titre = useRef<HTMLHeadingElement>(null)

  const traitee = (message: string) => {
    setSucces(message)
    recharger()
    // The card and its buttons are gone: the keyboard resumes at the list's heading.
    titre.current?.focus()
  }

  return (
    <section aria-labelledby="titre-sorties-attente">
      <h2 id="titre-sorties-attente" ref={titre} tabIndex={-1}>
        En attente du visa
      </h2>
      <p role="status" className={succes ? 'succes' : 'statut-vide'}>
        {succes}
      </p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.demandes.length === 0 ? (
        <p>Aucune demande de sortie n'attend le visa de la vie scolaire.</p>
      ) : (
        <>
          <p>{pluriel(etat.donnees.enAttente, 'demande attend', 'demandes attendent')} votre visa.</p>
          <ul className="cartes">
            {etat.donnees.demandes.map((d) => (
              <CarteSortie key={d.demande.id} ligne={d} traitee={traitee} />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function CarteSortie({ ligne: { eleve, classe, regime, demande: d }, traitee }: { ligne: DemandeSortieJour; traitee: (message: string) => void }) {
  const client = useApi().vieScolaire
  const { envoyer, envoi, refus, setRefus } = useEnvoi()
  const [refuser, setRefuser] = useState(false)
  const [commentaire, setCommentaire] = useState('')
  const champ = useRef<HTMLTextAreaElement>(null)
  const id = useId()
  const nom = nomListe(eleve)
  const quand = `${d.date === aujourdhui() ? "aujourd'hui" : jourLong(d.date)} à ${d.heureSortie}`
  const connu: EleveConnu = { nom: eleve.nom, prenom: eleve.prenom, classe }

  useEffect(() => {
    if (refuser) champ.current?.focus()
  }, [refuser])

  const viser = async (accepte: boolean) => {
    let deja = false
    const fait = await envoyer(async () => {
      try {
        return await client.viserDemandeSortie(d.id, { accepte, commentaire: commentaire.trim() || null })
      } catch (erreur) {
        // Another member of the desk was quicker: nothing to do but say it.
        if (statutErreur(erreur) !== 409) throw erreur
        deja = true
        return null
      }
    })
    if (deja) traitee(`La demande de sortie de ${nomUsuel(eleve)} avait déjà été traitée.`)
    else if (fait) traitee(`Sortie de ${nomUsuel(eleve)} ${accepte ? 'acceptée' : 'refusée'} (${quand}) : la famille est prévenue.`)
  }

  const confirmer = (e: FormEvent) => {
    e.preventDefault()
    void viser(false)
  }

  return (
    <li className="carte">
      <h3>
        <Link to={cheminEleve(d.eleveId)} state={connu}>
          {nom}
        </Link>
        {classe && <span className="aide"> · {classe}</span>}
      </h3>
      <dl className="details">
        <dt>Sortie</dt>
        <dd>
          {quand}
          {d.heureRetour && `, retour à ${d.heureRetour}`}
        </dd>
        <dt>Motif</dt>
        <dd>{d.motif}</dd>
        <dt>Demandée par</dt>
        <dd>
          {nomUsuel(d.signeePar)}, <time dateTime={d.signeeLe}>{horodatage(d.signeeLe)}</time>
        </dd>
        {regime && (
          <>
            <dt>Régime</dt>
            <dd>{REGIMES[regime] ?? regime}</dd>
          </>
        )}
      </dl>
      {refus.message && !refus.champs.commentaire && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      {!refuser ? (
        <div className="actions">
          <button type="button" disabled={envoi} onClick={() => void viser(true)} aria-label={`Accepter la sortie de ${nom}`}>
            {envoi ? 'Envoi…' : 'Accepter'}
          </button>
          <button type="button" className="secondaire" disabled={envoi} onClick={() => setRefuser(true)} aria-label={`Refuser la sortie de ${nom}`}>
            Refuser
          </button>
        </div>
      ) : (
        <form onSubmit={confirmer} noValidate>
          <div className="champ">
            <label htmlFor={`${id}-commentaire`}>Message à la famille (facultatif)</label>
            <p id={`${id}-aide`} className="aide">
              La famille est prévenue du refus ; dites-lui pourquoi si c'est utile. 500 caractères au plus.
            </p>
            <textarea
              id={`${id}-commentaire`}
              ref={champ}
              value={commentaire}
              maxLength={500}
              aria-invalid={refus.champs.commentaire ? true : undefined}
              aria-describedby={[`${id}-aide`, refus.champs.commentaire && `${id}-erreur`].filter(Boolean).join(' ')}
              onChange={(e) => {
                setCommentaire(e.target.value)
                setRefus({ champs: {}, message: null })
              }}
            />
            {refus.champs.commentaire && (
              <p id={`${id}-erreur`} className="erreur-champ">
                {refus.champs.commentaire}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" disabled={envoi} aria-label={`Confirmer le refus de la sortie de ${nom}`}>
              {envoi ? 'Envoi…' : 'Confirmer le refus'}
            </button>
            <button type="button" className="secondaire" disabled={envoi} onClick={() => setRefuser(false)} aria-label={`Annuler le refus de la sortie de ${nom}`}>
              Annuler
            </button>
          </div>
        </form>
      )}
    </li>
  )
}
