import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import type { ReponseSignalement, SignalementDetail } from '../api/ent-client'
import { enregistrerFichier } from '../commun/appels'
import { Attente } from '../commun/Attente'
import { messageErreur } from '../commun/erreurs'
import { horodatage, jourLong } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_RECUS, CHEMIN_SIGNALEMENTS } from './signalement'
import './signalements.css'

const ACTIONS: Record<string, string> = { en_cours: 'Prendre en charge', clos: 'Clore le signalement' }
const ANNONCES: Record<string, string> = {
  en_cours: 'Le signalement est pris en charge.',
  clos: 'Le signalement est clos.',
}

/**
 * /signalements/:id: one report as its submitter and its receivers read it — the answers, the files, the exchange (oldest
 * first) and its state. A receiver takes it in hand, answers (the report becomes « Répondu ») or closes it; the submitter
 * answers back. What happened is announced in a status region, and the focus goes there.
 */
export function PageSignalement() {
  const { id = '' } = useParams()
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.obtenirSignalement(id, signal), [client, id])
  const [etat, recharger] = useDonnees(charger)
  const depose = (useLocation().state as { depose?: boolean } | null)?.depose === true
  const [annonce, setAnnonce] = useState<string | null>(depose ? 'Votre signalement est envoyé. Vous serez prévenu de la réponse.' : null)
  const statut = useRef<HTMLParagraphElement>(null)

  // After an action (or arriving from the form), the announcement takes the focus: the reader hears what happened.
  useEffect(() => {
    if (annonce) statut.current?.focus()
  }, [annonce])

  return (
    <>
      <p className="annonce-etat" role="status" tabIndex={-1} ref={statut}>
        {annonce}
      </p>
      {etat.statut !== 'pret' ? (
        <>
          <h1>Signalement</h1>
          <Attente etat={etat} recharger={recharger} />
        </>
      ) : (
        <Detail
          s={etat.donnees}
          apres={(message) => {
            setAnnonce(message)
            recharger()
          }}
        />
      )}
    </>
  )
}

function Detail({ s, apres }: { s: SignalementDetail; apres: (message: string) => void }) {
  const client = useApi().communication
  const id = useId()
  const { envoyer, envoi, refus } = useEnvoi()
  const [texte, setTexte] = useState('')

  const changerEtat = async (etat: string) => {
    const fait = await envoyer(() => client.changerEtatSignalement(s.id, { etat }))
    if (fait) apres(ANNONCES[etat] ?? `État : ${fait.etatLibelle}.`)
  }

  const ecrire = async (e: FormEvent) => {
    e.preventDefault()
    const fait = await envoyer(() => client.repondreSignalement(s.id, { texte }))
    if (!fait) return
    setTexte('')
    apres(s.destinataire ? 'Votre réponse est envoyée.' : 'Votre message est envoyé.')
  }

  return (
    <>
      <h1>{s.titre}</h1>
      <p>
        <span className={`etiquette etat-${s.etat}`}>{s.etatLibelle}</span>
        {s.confidentiel && <span className="etiquette confidentiel">Confidentiel</span>}
      </p>
      <p className="aide">
        Concerne {s.eleve} · déposé par {s.deposePar} le <time dateTime={s.deposeLe}>{horodatage(s.deposeLe)}</time> · {s.etablissement}
      </p>
      {s.confidentiel && s.destinataire && <p className="aide">Chaque lecture de ce signalement est inscrite au journal des accès.</p>}
      <section aria-labelledby={`${id}-reponses`}>
        <h2 id={`${id}-reponses`}>Le signalement</h2>
        <dl className="reponses-signalement">
          {s.reponses.map((r) => (
            <div key={r.champ}>
              <dt>{r.libelle}</dt>
              <dd>
                <Valeur signalementId={s.id} reponse={r} />
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby={`${id}-echanges`}>
        <h2 id={`${id}-echanges`}>Échanges</h2>
        <ol className="echanges-signalement">
          {s.messages.map((m) => (
            <li key={m.id} className={m.duDeposant ? 'du-deposant' : 'de-l-etablissement'}>
              <p className="aide">
                {m.auteur} · <time dateTime={m.envoyeLe}>{horodatage(m.envoyeLe)}</time>
              </p>
              {m.etat && !m.texte && <p>{m.etat === 'recu' ? 'Signalement déposé.' : `État : ${libelleEtat(m.etat)}.`}</p>}
              {m.texte && <p className="texte">{m.texte}</p>}
            </li>
          ))}
        </ol>
      </section>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      {s.etatsPossibles.length > 0 && (
        <div className="actions-signalement">
          {s.etatsPossibles.map((e) => (
            <button key={e} type="button" className={e === 'clos' ? 'secondaire' : undefined} disabled={envoi} onClick={() => void changerEtat(e)}>
              {ACTIONS[e] ?? e}
            </button>
          ))}
        </div>
      )}
      {s.peutEcrire ? (
        <form onSubmit={(e) => void ecrire(e)} noValidate>
          <div className="champ">
            <label htmlFor={`${id}-texte`}>{s.destinataire ? `Répondre à ${s.deposePar}` : 'Écrire à l’établissement'}</label>
            <textarea
              id={`${id}-texte`}
              value={texte}
              maxLength={5000}
              aria-invalid={refus.champs.texte ? true : undefined}
              aria-describedby={refus.champs.texte ? `${id}-texte-erreur` : undefined}
              onChange={(e) => setTexte(e.target.value)}
            />
            {refus.champs.texte && (
              <p id={`${id}-texte-erreur`} className="erreur-champ">
                {refus.champs.texte}
              </p>
            )}
          </div>
          <button type="submit" disabled={envoi}>
            {envoi ? 'Envoi…' : 'Envoyer'}
          </button>
        </form>
      ) : (
        <p>Ce signalement est clos.</p>
      )}
      <p>
        <Link to={s.destinataire ? CHEMIN_RECUS : CHEMIN_SIGNALEMENTS}>{s.destinataire ? 'Retour aux signalements reçus' : 'Retour à mes signalements'}</Link>
      </p>
    </>
  )
}

const libelleEtat = (etat: string) => ({ recu: 'Reçu', en_cours: 'En cours', repondu: 'Répondu', clos: 'Clos' })[etat] ?? etat

/** An answer as words: a date in full, a file as a download button, nothing as « Non renseigné ». */
function Valeur({ signalementId, reponse: r }: { signalementId: string; reponse: ReponseSignalement }) {
  const client = useApi().communication
  const [erreur, setErreur] = useState<string | null>(null)
  if (!r.valeur) return <span className="aide">Non renseigné</span>
  if (r.type === 'date') return <time dateTime={r.valeur}>{jourLong(r.valeur)}</time>
  if (r.type !== 'fichier') return <span className="texte">{r.valeur}</span>
  const telecharger = async () => {
    setErreur(null)
    try {
      const reponse = await client.telechargerPieceJointeSignalement(signalementId, r.valeur!)
      enregistrerFichier(reponse.data, r.fichier ?? 'fichier')
    } catch (e) {
      setErreur(messageErreur(e))
    }
  }
  return (
    <>
      <button type="button" className="lien-bouton" onClick={() => void telecharger()}>
        Télécharger {r.fichier ?? 'le fichier'}
      </button>
      {erreur && <span role="alert"> {erreur}</span>}
    </>
  )
}
