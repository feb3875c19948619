import { useId, useState } from 'react'
import type { PieceJointeDeposee, PieceJointeMessage } from '../api/ent-client'
import { enregistrerFichier } from '../commun/appels'
import { messageErreur } from '../commun/erreurs'
import { useApi } from '../commun/useApi'
import { taille } from './format'

/** A message's file: fetched with the token (a plain link would carry none), then saved. */
export function Telecharger({ piece }: { piece: PieceJointeMessage }) {
  const { communication } = useApi()
  const [erreur, setErreur] = useState<string | null>(null)
  const telecharger = async () => {
    setErreur(null)
    try {
      const reponse = await communication.telechargerPieceJointeMessage(piece.id)
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

/**
 * Attaching files to a message being written: each file is uploaded when chosen (the server reads its type from its
 * content and says why it refuses one), listed with a button to take it off.
 */
export function Joindre({ pieces, setPieces }: { pieces: PieceJointeDeposee[]; setPieces: (p: PieceJointeDeposee[]) => void }) {
  const { communication } = useApi()
  const id = useId()
  const [envoi, setEnvoi] = useState(false)
  const [erreur, setErreur] = useState<string | null>(null)
  const choisir = async (fichier: File | undefined, champ: HTMLInputElement) => {
    if (!fichier) return
    setEnvoi(true)
    setErreur(null)
    try {
      const piece = await communication.deposerPieceJointeMessage({ data: fichier, fileName: fichier.name })
      setPieces([...pieces, piece])
    } catch (e) {
      setErreur(messageErreur(e))
    } finally {
      setEnvoi(false)
      champ.value = ''
    }
  }
  return (
    <div className="champ">
      <label htmlFor={id}>Joindre un fichier (PDF, image, document ; 10 Mo au plus)</label>
      <input id={id} type="file" disabled={envoi || pieces.length >= 5} onChange={(e) => void choisir(e.target.files?.[0], e.target)} />
      {envoi && <p role="status">Envoi du fichier…</p>}
      {erreur && (
        <p role="alert" className="erreur-champ">
          {erreur}
        </p>
      )}
      {pieces.length > 0 && (
        <ul className="liste-simple" aria-label="Fichiers joints">
          {pieces.map((p) => (
            <li key={p.id}>
              {p.nom} <span className="aide">({taille(p.taille)})</span>{' '}
              <button type="button" className="lien-bouton" onClick={() => setPieces(pieces.filter((x) => x.id !== p.id))}>
                Retirer <span className="visuellement-cache">{p.nom}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
