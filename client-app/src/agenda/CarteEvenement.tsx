import { useState } from 'react'
import type { EvenementAgenda, PieceJointeEvenement } from '../api/ent-client'
import { enregistrerFichier } from '../commun/appels'
import { messageErreur } from '../commun/erreurs'
import { useApi } from '../commun/useApi'
import { libelleCategorie, nomIcs, pourQui, quand } from './calendrier'

/**
 * One event of the school calendar: what, when (Paris time, in words), where, for whom; its description as plain text;
 * « Ajouter à mon agenda » downloads its .ics (fetched with the session's token, then saved). Staff see the audience and,
 * when they may, change or delete it.
 */
export function CarteEvenement({
  evenement: e,
  personnel = false,
  modifier,
  supprimer,
}: {
  evenement: EvenementAgenda
  personnel?: boolean
  modifier?: (e: EvenementAgenda) => void
  supprimer?: (e: EvenementAgenda) => void
}) {
  const { communication } = useApi()
  const [erreur, setErreur] = useState<string | null>(null)
  const titre = `evenement-${e.id}`

  const telecharger = async () => {
    setErreur(null)
    try {
      const fichier = await communication.telechargerEvenementIcs(e.id)
      enregistrerFichier(fichier.data, nomIcs(e))
    } catch (err) {
      setErreur(`Le fichier n'a pas pu être téléchargé : ${messageErreur(err)}`)
    }
  }

  const ouvrirPiece = async (piece: PieceJointeEvenement) => {
    setErreur(null)
    try {
      const fichier = await communication.telechargerPieceJointeEvenement(piece.id)
      enregistrerFichier(fichier.data, piece.nom)
    } catch (err) {
      setErreur(`Le fichier n'a pas pu être téléchargé : ${messageErreur(err)}`)
    }
  }

  return (
    <li className={`carte evenement evenement-${e.categorie}`}>
      <article aria-labelledby={titre}>
        <p className="categorie-evenement">{libelleCategorie(e.categorie)}</p>
        <h3 id={titre}>{e.titre}</h3>
        <p className="quand">{quand(e)}</p>
        {e.lieu && <p className="lieu">Lieu : {e.lieu}</p>}
        {e.pour.length > 0 && <p className="pour">Pour {e.pour.join(', ')}</p>}
        {personnel && <p className="aide">{pourQui(e)}</p>}
        {e.description && <p className="texte">{e.description}</p>}
        {e.piecesJointes.length > 0 && (
          <ul className="pieces-evenement" aria-label="Fichiers joints">
            {e.piecesJointes.map((p) => (
              <li key={p.id}>
                <button type="button" className="bouton-lien" onClick={() => void ouvrirPiece(p)}>
                  {p.nom} ({Math.max(1, Math.round(p.taille / 1024))} Ko)
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="actions-evenement">
          <button type="button" className="secondaire" onClick={() => void telecharger()} aria-describedby={titre}>
            Ajouter à mon agenda (.ics)
          </button>
          {e.modifiable && modifier && (
            <button type="button" className="secondaire" onClick={() => modifier(e)} aria-describedby={titre}>
              Modifier
            </button>
          )}
          {e.modifiable && supprimer && (
            <button type="button" className="secondaire" onClick={() => supprimer(e)} aria-describedby={titre}>
              Supprimer
            </button>
          )}
        </div>
        {erreur && (
          <p role="alert" className="erreur">
            {erreur}
          </p>
        )}
      </article>
    </li>
  )
}
