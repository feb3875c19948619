import { useCallback, useDeferredValue, useId, useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import type { DestinatairePossible, GroupePossible, PieceJointeDeposee } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { Joindre } from './PiecesJointes'

type Choix = { id: string; libelle: string; groupe: boolean }

/**
 * /messagerie/nouveau: a new message. The recipient list offers only whom the établissement's rules let me write to
 * (the server checks the same); a teacher also finds their classes' pupils and families as groups. Subject, text,
 * files; sent, the conversation opens.
 */
export function PageNouveauMessage() {
  const { communication } = useApi()
  const navigate = useNavigate()
  const ids = { q: useId(), sujet: useId(), texte: useId() }
  const [q, setQ] = useState('')
  const recherche = useDeferredValue(q.trim())
  const charger = useCallback(
    (signal: AbortSignal) => communication.listerDestinatairesPossibles(recherche || undefined, signal),
    [communication, recherche],
  )
  const [possibles, recharger] = useDonnees(charger)
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

  const personne = (p: DestinatairePossible): Choix => ({ id: p.id, libelle: `${p.nom} (${p.qualite})`, groupe: false })
  const groupe = (g: GroupePossible): Choix => ({ id: g.id, libelle: `${g.libelle} (${g.nombre})`, groupe: true })

  return (
    <>
      <p className="fil-ariane">
        <Link to="/messagerie">Messagerie</Link>
      </p>
      <h1>Nouveau message</h1>
      <form className="formulaire" onSubmit={(e) => void soumettre(e)} noValidate>
        <fieldset>
          <legend>Destinataires</legend>
          {choisis.length > 0 ? (
            <ul className="liste-simple" aria-label="Destinataires choisis">
              {choisis.map((c) => (
                <li key={c.id}>
                  {c.libelle}{' '}
                  <button type="button" className="lien-bouton" onClick={() => basculer(c)}>
                    Retirer <span className="visuellement-cache">{c.libelle}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="aide">Aucun destinataire choisi.</p>
          )}
          {refus.champs.destinataires && <p className="erreur-champ">{refus.champs.destinataires}</p>}
          <div className="champ">
            <label htmlFor={ids.q}>Chercher un destinataire (nom, matière, classe)</label>
            <input id={ids.q} type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={100} />
          </div>
          {possibles.statut !== 'pret' ? (
            <Attente etat={possibles} recharger={recharger} />
          ) : possibles.donnees.personnes.length + possibles.donnees.groupes.length === 0 ? (
            <p>{recherche ? 'Personne ne correspond à cette recherche.' : "Vous ne pouvez écrire à personne pour le moment."}</p>
          ) : (
            <ul className="destinataires-possibles">
              {possibles.donnees.groupes.map(groupe).concat(possibles.donnees.personnes.map(personne)).map((c) => (
                <li key={c.id}>
                  <label>
                    <input type="checkbox" checked={choisis.some((x) => x.id === c.id)} onChange={() => basculer(c)} /> {c.libelle}
                  </label>
                </li>
              ))}
            </ul>
          )}
          {possibles.statut === 'pret' && possibles.donnees.tronque && <p className="aide">D'autres personnes correspondent : précisez la recherche.</p>}
        </fieldset>
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
