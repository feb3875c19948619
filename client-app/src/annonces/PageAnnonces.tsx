import { useCallback, useEffect, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { AnnonceRecue, PieceJointeAnnonce } from '../api/ent-client'
import { enregistrerFichier } from '../commun/appels'
import { Attente } from '../commun/Attente'
import { messageErreur } from '../commun/erreurs'
import { horodatage, pluriel } from '../commun/format'
import { taille } from '../commun/vieScolaire'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { aConfirmer, CHEMIN_ANNONCES_ENVOYEES, extrait, nonLues, uaiPublication } from './annonce'
import './annonces.css'

/**
 * /annonces (?annonce=… opens one): the announcements addressed to me, newest first. Unread ones carry « Nouveau » and
 * a thick edge; opening one (« Lire ») shows its whole text and marks it read; a family asked to confirm does it here.
 * Those who publish find the announcements they sent from here.
 */
export function PageAnnonces() {
  const moi = useMoi()
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.listerMesAnnonces(signal), [client])
  const [etat, recharger] = useDonnees(charger)
  const [params] = useSearchParams()
  const ciblee = params.get('annonce')
  const publie = uaiPublication(moi) !== null

  return (
    <>
      <h1>Annonces</h1>
      {publie && (
        <p>
          <Link to={CHEMIN_ANNONCES_ENVOYEES}>Publier une annonce et suivre les lectures</Link>
        </p>
      )}
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.length === 0 ? (
        <p>Aucune annonce ne vous est adressée en ce moment.</p>
      ) : (
        <>
          <p role="status">
            {resume(etat.donnees)}
          </p>
          <ul className="annonces">
            {etat.donnees.map((a) => (
              <CarteAnnonce key={a.id} annonce={a} ouverte={a.id === ciblee} />
            ))}
          </ul>
        </>
      )}
    </>
  )
}

function resume(annonces: AnnonceRecue[]): string {
  const n = nonLues(annonces)
  const c = aConfirmer(annonces)
  const parties = [n > 0 ? pluriel(n, 'annonce non lue', 'annonces non lues') : 'Toutes les annonces sont lues']
  if (c > 0) parties.push(`${pluriel(c, 'lecture', 'lectures')} à confirmer`)
  return `${parties.join(', ')}.`
}

function CarteAnnonce({ annonce, ouverte: ouverteAuDepart }: { annonce: AnnonceRecue; ouverte: boolean }) {
  const client = useApi().communication
  const [a, setA] = useState(annonce)
  const [ouverte, setOuverte] = useState(false)
  const { envoyer, envoi, refus } = useEnvoi()
  const carte = useRef<HTMLLIElement>(null)
  const titreId = `annonce-${a.id}`

  const ouvrir = useCallback(async () => {
    setOuverte(true)
    if (a.lue) return
    // Opening it marks it read on the server; the card follows (a failure leaves it unread, nothing else).
    const lue = await client.lireAnnonce(a.id).catch(() => null)
    if (lue) setA(lue)
  }, [a.id, a.lue, client])

  // A link to this announcement (a notification) opens it and brings it into view.
  useEffect(() => {
    if (!ouverteAuDepart) return
    void ouvrir()
    // Focusing it brings it into view too.
    carte.current?.focus()
    // Only once, on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ouverteAuDepart])

  const confirmer = async () => {
    const fait = await envoyer(() => client.confirmerLectureAnnonce(a.id).then(() => true))
    if (fait) setA({ ...a, lue: true, aConfirmer: false, confirmeeLe: new Date().toISOString() })
  }

  const classes = ['carte', 'annonce', a.lue ? null : 'non-lue', ouverteAuDepart ? 'ciblee' : null].filter(Boolean).join(' ')
  return (
    <li className={classes} ref={carte} tabIndex={-1} aria-labelledby={titreId}>
      <h2 id={titreId}>
        {!a.lue && <span className="etiquette nouveau">Nouveau</span>}
        {a.aConfirmer && <span className="etiquette a-confirmer">À confirmer</span>}
        {a.titre}
      </h2>
      <p className="aide">
        {a.auteur} · {a.etablissement} · <time dateTime={a.publieeLe}>{horodatage(a.publieeLe)}</time>
        {a.modifieeLe && (
          <>
            {' '}
            · modifiée le <time dateTime={a.modifieeLe}>{horodatage(a.modifieeLe)}</time>
          </>
        )}
      </p>
      {ouverte ? <p className="texte">{a.texte}</p> : <p>{extrait(a.texte)}</p>}
      {ouverte && a.piecesJointes.length > 0 && (
        <ul className="liste-simple">
          {a.piecesJointes.map((p) => (
            <li key={p.id}>
              <Telecharger annonceId={a.id} piece={p} />
            </li>
          ))}
        </ul>
      )}
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <div className="actions">
        {!ouverte && (
          <button type="button" className="secondaire" onClick={() => void ouvrir()} aria-label={`Lire l'annonce « ${a.titre} »`}>
            Lire
          </button>
        )}
        {a.aConfirmer && (
          <button type="button" disabled={envoi} onClick={() => void confirmer()} aria-label={`J'ai lu cette annonce : « ${a.titre} »`}>
            {envoi ? 'Envoi…' : "J'ai lu cette annonce"}
          </button>
        )}
      </div>
      {a.accuseLecture && a.confirmeeLe && (
        <p className="succes">
          Lecture confirmée le <time dateTime={a.confirmeeLe}>{horodatage(a.confirmeeLe)}</time>.
        </p>
      )}
    </li>
  )
}

/** A file's button: fetched with the token (a plain link would carry none), then saved. */
export function Telecharger({ annonceId, piece }: { annonceId: string; piece: PieceJointeAnnonce }) {
  const client = useApi().communication
  const [erreur, setErreur] = useState<string | null>(null)
  const telecharger = async () => {
    setErreur(null)
    try {
      const reponse = await client.telechargerPieceJointeAnnonce(annonceId, piece.id)
      enregistrerFichier(reponse.data, piece.nom)
    } catch (e) {
      setErreur(messageErreur(e))
    }
  }
  return (
    <>
      <button type="button" className="lien-bouton" onClick={() => void telecharger()}>
        {piece.nom} <span className="aide">({taille(piece.taille)})</span>
      </button>
      {erreur && <span role="alert"> {erreur}</span>}
    </>
  )
}
