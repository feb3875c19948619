import { useCallback, useState, type FormEvent } from 'react'
import { Link, useSearchParams } from 'react-router'
import { Attente } from '../commun/Attente'
import { administre } from '../commun/direction'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { nonLus, quand } from './format'

/**
 * /messagerie: my conversations, newest first, unread ones standing out; my archives (?dossier=archives); a search of
 * my own messages (?q=). When my messaging is suspended, the reason is said first: reading stays possible.
 */
export function PageMessagerie() {
  const { communication } = useApi()
  const moi = useMoi()
  const [parametres, setParametres] = useSearchParams()
  const archives = parametres.get('dossier') === 'archives'
  const q = parametres.get('q') ?? ''
  const [saisie, setSaisie] = useState(q)

  const chargerEtat = useCallback((signal: AbortSignal) => communication.obtenirMaMessagerie(signal), [communication])
  const [etat] = useDonnees(chargerEtat)
  const charger = useCallback(
    (signal: AbortSignal) => communication.listerMesConversations(archives ? 'archives' : 'reception', q || undefined, undefined, signal),
    [communication, archives, q],
  )
  const [liste, recharger] = useDonnees(charger)

  const chercher = (e: FormEvent) => {
    e.preventDefault()
    const suivants = new URLSearchParams()
    if (archives) suivants.set('dossier', 'archives')
    if (saisie.trim()) suivants.set('q', saisie.trim())
    setParametres(suivants)
  }

  const etablissements = etat.statut === 'pret' ? etat.donnees.etablissements : []
  const peutEcrire = etablissements.some((e) => e.peutEcrire)

  return (
    <>
      <h1>Messagerie</h1>
      {etablissements
        .filter((e) => !e.peutEcrire && e.raison)
        .map((e) => (
          <p key={e.etablissementId} className="avertissement" role="status">
            {e.raison} Vous pouvez toujours lire vos messages.
          </p>
        ))}
      <div className="liens-page">
        {peutEcrire && (
          <Link to="/messagerie/nouveau" className="bouton">
            Nouveau message
          </Link>
        )}
        {archives ? <Link to="/messagerie">Boîte de réception</Link> : <Link to="/messagerie?dossier=archives">Archives</Link>}
        {administre(moi) && (
          <>
            <Link to="/messagerie/moderation">Modération</Link>
            <Link to="/messagerie/regles">Règles de la messagerie</Link>
          </>
        )}
      </div>
      <form role="search" className="formulaire recherche-messages" onSubmit={chercher}>
        <div className="champ">
          <label htmlFor="recherche-messages">Rechercher dans mes messages</label>
          <input id="recherche-messages" type="search" value={saisie} onChange={(e) => setSaisie(e.target.value)} maxLength={100} />
        </div>
        <button type="submit" className="secondaire">
          Rechercher
        </button>
      </form>
      <h2>{q ? `Résultats pour « ${q} »` : archives ? 'Archives' : 'Boîte de réception'}</h2>
      {liste.statut !== 'pret' ? (
        <Attente etat={liste} recharger={recharger} />
      ) : liste.donnees.conversations.length === 0 ? (
        <p>{q ? 'Aucun de vos messages ne contient ce texte.' : archives ? 'Aucune conversation archivée.' : 'Aucun message pour le moment.'}</p>
      ) : (
        <ul className="conversations">
          {liste.donnees.conversations.map((c) => (
            <li key={c.id} className={c.nonLus > 0 ? 'non-lue' : undefined}>
              <Link to={`/messagerie/${c.id}`}>
                <span className="sujet">{c.sujet}</span>
                {c.nonLus > 0 && <span className="etiquette">{nonLus(c.nonLus)}</span>}
              </Link>
              <span className="interlocuteurs">
                {c.interlocuteurs.join(', ')}
                {c.nombreInterlocuteurs > c.interlocuteurs.length && ` et ${c.nombreInterlocuteurs - c.interlocuteurs.length} autres`}
              </span>
              <span className="extrait">
                {c.dernierAuteur} : {c.extrait}
              </span>
              <span className="quand">{quand(c.le)}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
