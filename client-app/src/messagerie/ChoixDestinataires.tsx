import { useCallback, useId, useState } from 'react'
import type { DestinatairePossible, GroupePossible } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useValeurDifferee } from '../commun/useValeurDifferee'

export type Choix = { id: string; libelle: string; groupe: boolean }

/** Results shown at most by the server (people; the groups come in addition). */
const MAX = 100

function pluriel(n: number, un: string, plusieurs: string) {
  return n === 1 ? `1 ${un}` : `${n} ${plusieurs}`
}

/**
 * The recipient picker: a search field that asks the server as one types (after a pause), and the matching people and
 * groups as a labelled list of checkboxes (Tab and Space: usable with a keyboard). For the CPE or the direction the
 * établissement is thousands of people: the server sends the first 100 and says when there are more; the count is
 * announced to screen readers with « affinez la recherche » when the list is cut. The server checks the same rules when
 * the message is sent: this list is a convenience, not the guard.
 */
export function ChoixDestinataires({
  choisis,
  basculer,
  erreur,
}: {
  choisis: Choix[]
  basculer: (choix: Choix) => void
  erreur?: string
}) {
  const { communication } = useApi()
  const ids = { q: useId(), resultats: useId(), statut: useId(), aide: useId() }
  const [q, setQ] = useState('')
  const recherche = useValeurDifferee(q.trim())
  const charger = useCallback(
    (signal: AbortSignal) => communication.listerDestinatairesPossibles(recherche || undefined, signal),
    [communication, recherche],
  )
  const [possibles, recharger] = useDonnees(charger)

  const personne = (p: DestinatairePossible): Choix => ({ id: p.id, libelle: `${p.nom} (${p.qualite})`, groupe: false })
  const groupe = (g: GroupePossible): Choix => ({ id: g.id, libelle: `${g.libelle} (${g.nombre})`, groupe: true })
  const liste = possibles.statut === 'pret' ? possibles.donnees.groupes.map(groupe).concat(possibles.donnees.personnes.map(personne)) : []

  let annonce = ''
  if (possibles.statut === 'pret') {
    const { personnes, groupes, tronque } = possibles.donnees
    annonce =
      personnes.length + groupes.length === 0
        ? recherche
          ? 'Personne ne correspond à cette recherche.'
          : 'Vous ne pouvez écrire à personne pour le moment.'
        : tronque
          ? `Plus de ${MAX} personnes correspondent : seules les ${MAX} premières sont affichées. Affinez la recherche (nom, classe, matière).`
          : [groupes.length > 0 && pluriel(groupes.length, 'groupe', 'groupes'), personnes.length > 0 && pluriel(personnes.length, 'personne', 'personnes')]
              .filter(Boolean)
              .join(' et ') + (recherche ? ' pour cette recherche.' : '.')
  }

  return (
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
      {erreur && <p className="erreur-champ">{erreur}</p>}
      <div className="champ">
        <label htmlFor={ids.q}>Chercher un destinataire (nom, matière, classe)</label>
        <p id={ids.aide} className="aide">
          La liste se met à jour pendant la frappe ; cochez les personnes ou groupes voulus.
        </p>
        <input
          id={ids.q}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={100}
          autoComplete="off"
          aria-controls={ids.resultats}
          aria-describedby={`${ids.aide} ${ids.statut}`}
        />
      </div>
      {/* Always in the page, so that each new count is announced; empty while loading (the loading status speaks). */}
      <p id={ids.statut} role="status" className={possibles.statut === 'pret' && possibles.donnees.tronque ? 'aide avertissement' : 'aide'}>
        {annonce}
      </p>
      {possibles.statut !== 'pret' ? (
        <Attente etat={possibles} recharger={recharger} />
      ) : (
        liste.length > 0 && (
          <ul id={ids.resultats} className="destinataires-possibles" aria-label="Destinataires possibles">
            {liste.map((c) => (
              <li key={c.id}>
                <label>
                  <input type="checkbox" checked={choisis.some((x) => x.id === c.id)} onChange={() => basculer(c)} /> {c.libelle}
                </label>
              </li>
            ))}
          </ul>
        )
      )}
    </fieldset>
  )
}
