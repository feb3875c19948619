import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { Link, useParams } from 'react-router'
import type { Conversation, MessageConversation, PieceJointeDeposee } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { quand } from './format'
import { Joindre, Telecharger } from './PiecesJointes'
import { TexteMessage } from './texte'

/**
 * /messagerie/:conversationId: a conversation I take part in, oldest message first; opening it marks it read (its
 * authors see « Lu par … »). I answer below, with files; I report a message I received; I archive the conversation.
 */
export function PageConversation() {
  const { conversationId = '' } = useParams()
  const { communication } = useApi()
  const charger = useCallback((signal: AbortSignal) => ouIntrouvable(communication.obtenirConversation(conversationId, signal)), [communication, conversationId])
  const [etat, recharger] = useDonnees(charger)
  const conversation = etat.statut === 'pret' ? etat.donnees : null

  // Read once shown: the unread count and the notifications follow.
  const derniere = conversation?.messages.at(-1)?.id
  useEffect(() => {
    if (derniere) communication.marquerConversationLue(conversationId).catch(() => undefined)
  }, [communication, conversationId, derniere])

  if (etat.statut !== 'pret') {
    return (
      <>
        <h1>Conversation</h1>
        <Attente etat={etat} recharger={recharger} />
      </>
    )
  }
  if (!conversation) {
    return (
      <>
        <h1>Conversation introuvable</h1>
        <p>Cette conversation n'existe pas, ou vous n'en faites pas partie.</p>
        <Link to="/messagerie">Retour à la messagerie</Link>
      </>
    )
  }
  return <Fil conversation={conversation} recharger={recharger} />
}

function Fil({ conversation, recharger }: { conversation: Conversation; recharger: () => void }) {
  const { communication } = useApi()
  const autres = conversation.participants.filter((p) => !p.moi).map((p) => p.nom)
  const [archivee, setArchivee] = useState(conversation.archivee)
  const archiver = async () => {
    await communication.archiverConversation(conversation.id, { archivee: !archivee })
    setArchivee(!archivee)
  }
  return (
    <>
      <p className="fil-ariane">
        <Link to="/messagerie">Messagerie</Link>
      </p>
      <h1>{conversation.sujet}</h1>
      <p className="interlocuteurs">Avec {autres.join(', ') || 'personne d’autre'}</p>
      <button type="button" className="secondaire" onClick={() => void archiver()}>
        {archivee ? 'Remettre dans la boîte de réception' : 'Archiver'}
      </button>
      <ol className="messages" aria-label="Messages">
        {conversation.messages.map((m) => (
          <li key={m.id} className={m.deMoi ? 'de-moi' : undefined}>
            <Message conversationId={conversation.id} message={m} />
          </li>
        ))}
      </ol>
      {conversation.peutRepondre ? (
        <Repondre conversationId={conversation.id} apres={recharger} />
      ) : (
        <p className="avertissement" role="status">
          {conversation.raison}
        </p>
      )}
    </>
  )
}

function Message({ conversationId, message }: { conversationId: string; message: MessageConversation }) {
  const [signaler, setSignaler] = useState(false)
  return (
    <article aria-label={`Message de ${message.deMoi ? 'vous' : message.auteur}`}>
      <p className="entete-message">
        <strong>{message.deMoi ? 'Vous' : message.auteur}</strong> · <time dateTime={message.envoyeLe}>{quand(message.envoyeLe)}</time>
      </p>
      <TexteMessage texte={message.texte} />
      {message.piecesJointes.length > 0 && (
        <ul className="liste-simple" aria-label="Pièces jointes">
          {message.piecesJointes.map((p) => (
            <li key={p.id}>
              <Telecharger piece={p} />
            </li>
          ))}
        </ul>
      )}
      {message.deMoi && message.luPar.length > 0 && <p className="aide">Lu par {message.luPar.join(', ')}</p>}
      {!message.deMoi &&
        (signaler ? (
          <Signaler conversationId={conversationId} messageId={message.id} fermer={() => setSignaler(false)} />
        ) : (
          <button type="button" className="lien-bouton" onClick={() => setSignaler(true)}>
            Signaler ce message
          </button>
        ))}
    </article>
  )
}

function Signaler({ conversationId, messageId, fermer }: { conversationId: string; messageId: string; fermer: () => void }) {
  const { communication } = useApi()
  const id = useId()
  const [motif, setMotif] = useState('')
  const [fait, setFait] = useState(false)
  const { envoyer, envoi, refus } = useEnvoi()
  const soumettre = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await envoyer(() => communication.signalerMessage(conversationId, messageId, { motif }).then(() => true))
    if (ok) setFait(true)
  }
  if (fait) return <p role="status">Message signalé à la direction de l'établissement.</p>
  return (
    <form className="formulaire" onSubmit={(e) => void soumettre(e)}>
      <div className="champ">
        <label htmlFor={id}>Pourquoi signalez-vous ce message ?</label>
        <textarea id={id} value={motif} onChange={(e) => setMotif(e.target.value)} maxLength={500} required rows={2} />
      </div>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <button type="submit" disabled={envoi}>
        Signaler à la direction
      </button>{' '}
      <button type="button" className="secondaire" onClick={fermer}>
        Annuler
      </button>
    </form>
  )
}

function Repondre({ conversationId, apres }: { conversationId: string; apres: () => void }) {
  const { communication } = useApi()
  const id = useId()
  const [texte, setTexte] = useState('')
  const [pieces, setPieces] = useState<PieceJointeDeposee[]>([])
  const { envoyer, envoi, refus } = useEnvoi()
  const zone = useRef<HTMLTextAreaElement>(null)
  const soumettre = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await envoyer(() =>
      communication.repondreConversation(conversationId, { texte, piecesJointes: pieces.map((p) => p.id) }).then(() => true),
    )
    if (ok) {
      setTexte('')
      setPieces([])
      apres()
    } else zone.current?.focus()
  }
  return (
    <form className="formulaire repondre" onSubmit={(e) => void soumettre(e)}>
      <h2>Répondre</h2>
      <div className="champ">
        <label htmlFor={id}>Votre réponse</label>
        <textarea
          id={id}
          ref={zone}
          value={texte}
          onChange={(e) => setTexte(e.target.value)}
          rows={5}
          maxLength={5000}
          required
          aria-invalid={!!refus.champs.texte}
          aria-describedby={refus.champs.texte ? `${id}-erreur` : undefined}
        />
        {refus.champs.texte && (
          <p id={`${id}-erreur`} className="erreur-champ">
            {refus.champs.texte}
          </p>
        )}
      </div>
      <Joindre pieces={pieces} setPieces={setPieces} />
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <button type="submit" disabled={envoi}>
        {envoi ? 'Envoi…' : 'Envoyer'}
      </button>
    </form>
  )
}
