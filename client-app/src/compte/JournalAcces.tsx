import { useCallback, useId, useState } from 'react'
import type { AccesEleve, Enfant } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { heure } from '../commun/format'
import { remplacerAdresse } from '../commun/suivi'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { Section } from './formulaire'
import { parJour, phraseAcces } from './journal'

const TAILLE_JOURNAL = 20
/** `?journal=tout` in the address: the family's own reads are shown too (kept on reload and when shared). */
const PARAM_JOURNAL = 'journal'

/**
 * « Qui a consulté les données de mes enfants »: each child's log in sentences (who, in what role, did what), grouped
 * by day, older pages on demand. The family's own reads swamp the rest: hidden unless asked for.
 */
export function JournalAcces({ enfants }: { enfants: Enfant[] }) {
  const [famille, setFamille] = useState(() => new URLSearchParams(window.location.search).get(PARAM_JOURNAL) === 'tout')
  const basculer = (avec: boolean) => {
    setFamille(avec)
    const adresse = new URL(window.location.href)
    if (avec) adresse.searchParams.set(PARAM_JOURNAL, 'tout')
    else adresse.searchParams.delete(PARAM_JOURNAL)
    remplacerAdresse(adresse.pathname + adresse.search)
  }
  return (
    <Section id="titre-journal" titre="Qui a consulté les données de mes enfants">
      <p>Chaque consultation ou modification des données de vos enfants est enregistrée, la plus récente en premier.</p>
      <label className="case">
        <input type="checkbox" checked={famille} onChange={(e) => basculer(e.target.checked)} /> Afficher aussi nos propres consultations
      </label>
      {enfants.map((e) => (
        // Another choice is another log: it starts again from its newest page.
        <JournalEnfant key={`${e.id} ${famille}`} enfant={e} famille={famille} />
      ))}
    </Section>
  )
}

function JournalEnfant({ enfant, famille }: { enfant: Enfant; famille: boolean }) {
  const api = useApi()
  const charger = useCallback(
    (signal: AbortSignal) => api.identite.listerJournalAccesEleve(enfant.id, 1, TAILLE_JOURNAL, famille, undefined, signal),
    [api, enfant.id, famille],
  )
  const [etat, recharger] = useDonnees(charger)
  // Older pages, asked for with the last entry's id (the list does not shift when new accesses arrive meanwhile).
  const [suite, setSuite] = useState<{ acces: AccesEleve[]; suivante: boolean } | null>(null)
  const { envoyer, envoi, refus } = useEnvoi()
  const [annonce, setAnnonce] = useState('')
  const id = useId()
  const nom = `${enfant.prenom} ${enfant.nom}`

  if (etat.statut !== 'pret') {
    return (
      <section aria-labelledby={id} className="journal">
        <h3 id={id}>{nom}</h3>
        <Attente etat={etat} recharger={recharger} />
      </section>
    )
  }
  const acces = [...etat.donnees.acces, ...(suite?.acces ?? [])]
  const suivante = suite ? suite.suivante : etat.donnees.suivante

  const plusAnciens = async () => {
    const page = await envoyer(() => api.identite.listerJournalAccesEleve(enfant.id, 1, TAILLE_JOURNAL, famille, acces.at(-1)!.id))
    if (!page) return
    const premiere = page.acces[0]
    setSuite({ acces: [...(suite?.acces ?? []), ...page.acces], suivante: page.suivante })
    setAnnonce(`${page.acces.length} accès plus anciens affichés.`)
    // The new entries follow the old ones: focus goes to the first of them, where reading continues.
    if (premiere) requestAnimationFrame(() => document.getElementById(`${id}-${premiere.id}`)?.focus())
  }

  return (
    <section aria-labelledby={id} className="journal">
      <h3 id={id}>{nom}</h3>
      {acces.length === 0 ? (
        <p>{famille ? `Aucun accès aux données de ${nom} pour le moment.` : `Personne en dehors de la famille n'a consulté les données de ${nom} pour le moment.`}</p>
      ) : (
        parJour(acces).map((g) => (
          <div key={g.jour} className="jour-journal">
            <h4>{g.libelle}</h4>
            <ul className="acces">
              {g.entrees.map((a) => (
                <li key={a.id} id={`${id}-${a.id}`} tabIndex={-1}>
                  <p>
                    <time dateTime={a.le} className="quand">
                      {heure(a.le)}
                    </time>{' '}
                    {phraseAcces(a)}
                  </p>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
      {suivante && (
        <button type="button" className="secondaire" onClick={() => void plusAnciens()} disabled={envoi}>
          {envoi ? 'Chargement…' : 'Afficher les accès plus anciens'}
        </button>
      )}
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <p role="status" className="visuellement-cache">
        {annonce}
      </p>
    </section>
  )
}
