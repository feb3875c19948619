import { useId, useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import type { PieceJointeDeposee } from '../api/ent-client'
import { useApi } from '../commun/useApi'
import { useEnvoi } from '../commun/useEnvoi'
import { ChoixDestinataires, type Choix } from './ChoixDestinataires'
import { Joindre } from './PiecesJointes'

/**
 * /messagerie/nouveau: a new message. The recipient picker (ChoixDestinataires) offers only whom the établissement's rules
 * let me write to (the server checks the same); a teacher also finds their classes' pupils and families as groups.
 * Subject, text, files; sent, the conversation opens.
 */
export function PageNouveauMessage() {
  const { communication } = useApi()
  const navigate = useNavigate()
  const ids = { sujet: useId(), texte: useId() }
  const [choisis, setChoisis] = useState<Choix[]>([])
  const [sujet, setSujet] = useState('')
  const [texte, setTexte] = useState('')
  const [pieces, setPieces] = useState<PieceJointeDeposee[]>([])
  const { envoyer, envoi, refus } = useEnvoi()

  const basculer = (choix: Choix) =>
    setChoisis(choisis.some((c) => c.id === choix.id) ? choisis.filter((c) => c.id !== choix.id) : [...choisis, choix])

  const soumettre = async (e: FormEvent) => {
    e.preventDefault()
    const envoye = await envoyer(() =>
      communication.envoyerMessage({
        destinataires: choisis.filter((c) => !c.groupe).map((c) => c.id),
        groupes: choisis.filter((c) => c.groupe).map((c) => c.id),
        sujet,
        texte,
        piecesJointes: pieces.map((p) => p.id),
      }),
    )
    if (envoye) navigate(envoye.conversations.length === 1 ? `/messagerie/${envoye.conversations[0]}` : '/messagerie')
  }

  return (
    <>
      <p className="fil-ariane">
        <Link to="/messagerie">Messagerie</Link>
      </p>
      <h1>Nouveau message</h1>
      <form className="formulaire" onSubmit={(e) => void soumettre(e)} noValidate>
        <ChoixDestinataires choisis={choisis} basculer={basculer} erreur={refus.champs.destinataires} />
        <div className="champ">
          <label htmlFor={ids.sujet}>Sujet</label>
          <input
            id={ids.sujet}
            value={sujet}
            onChange={(e) => setSujet(e.target.value)}
            maxLength={200}
            required
            aria-invalid={!!refus.champs.sujet}
            aria-describedby={refus.champs.sujet ? `${ids.sujet}-erreur` : undefined}
          />
          {refus.champs.sujet && (
            <p id={`${ids.sujet}-erreur`} className="erreur-champ">
              {refus.champs.sujet}
            </p>
          )}
        </div>
        <div className="champ">
          <label htmlFor={ids.texte}>Message</label>
          <textarea
            id={ids.texte}
            value={texte}
            onChange={(e) => setTexte(e.target.value)}
            rows={8}
            maxLength={5000}
            required
            aria-invalid={!!refus.champs.texte}
            aria-describedby={refus.champs.texte ? `${ids.texte}-erreur` : undefined}
          />
          {refus.champs.texte && (
            <p id={`${ids.texte}-erreur`} className="erreur-champ">
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
    </>
  )
}
