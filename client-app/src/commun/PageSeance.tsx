import { useState } from 'react'
import type { PieceJointe, Seance } from '../api/ent-client'
import { enregistrerFichier } from './appels'
import './cahier-de-textes.css'
import { messageErreur } from './erreurs'
import { dateLongue, duree, horaire, jourDe } from './format'
import { useApi } from './useApi'

/** A lesson's page of the cahier de textes as it is read (families, the class's teachers): content, files, links, homework. */
export function PageSeance({ seance: s }: { seance: Seance }) {
  return (
    <article aria-label={`${s.matiere}, ${dateLongue(jourDe(s.debut))}`}>
      <h2>
        {s.matiere} <span className="aide">— {dateLongue(jourDe(s.debut))}</span>
      </h2>
      <p className="aide">
        <time dateTime={s.debut}>{horaire(s.debut, s.fin)}</time> · {s.division}
        {s.coursManque && <span className="badge badge-manque">Cours manqué</span>}
      </p>
      <h3>{s.titre}</h3>
      <div className="texte-riche" dangerouslySetInnerHTML={{ __html: s.contenuHtml }} />
      {s.piecesJointes.length > 0 && (
        <ul className="pieces-jointes" aria-label="Fichiers">
          {s.piecesJointes.map((p) => (
            <li key={p.id}>
              <Telecharger piece={p} />
            </li>
          ))}
        </ul>
      )}
      {s.liens.length > 0 && (
        <ul className="liens" aria-label="Liens">
          {s.liens.map((l) => (
            <li key={l.url}>
              <a href={l.url} target="_blank" rel="noopener noreferrer">
                {l.libelle}
                <span className="visuellement-cache"> (nouvel onglet)</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      {s.devoirs.map((d) => (
        <div key={d.id} className="devoir-de-seance">
          <p>
            <strong>Pour {dateLongue(d.pourLe)}</strong> · {duree(d.dureeMinutes)} estimées
            {d.aRendre && <span className="badge">À rendre</span>}
            {d.evaluation && <span className="badge badge-evaluation">Contrôle</span>}
          </p>
          <div className="texte-riche" dangerouslySetInnerHTML={{ __html: d.consigne }} />
        </div>
      ))}
    </article>
  )
}

const TAILLES = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })
const taille = (octets: number) => (octets < 1024 * 1024 ? `${TAILLES.format(octets / 1024)} ko` : `${TAILLES.format(octets / 1024 / 1024)} Mo`)

/** A file's button: fetched with the token (a plain link would carry none), then saved. */
function Telecharger({ piece }: { piece: PieceJointe }) {
  const client = useApi().scolarite
  const [erreur, setErreur] = useState<string | null>(null)
  const telecharger = async () => {
    setErreur(null)
    try {
      const reponse = await client.telechargerPieceJointe(piece.id)
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
