import { useCallback } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { RessourceNumerique } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { lundiDe } from '../commun/emploiDuTemps'
import { aujourdhui, dateLongue, horodatage } from '../commun/format'
import { useEspace, useMoi } from '../commun/page'
import { estEnseignant } from '../commun/profils'
import { avecEleve, eleveDesNotes, estEleve, type EleveNotes } from '../commun/suivi'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { decalerJour } from '../commun/vieScolaire'

/**
 * /ressources (issue 18, GAR): a pupil's or a teacher's « Mes manuels et ressources » — the digital textbooks and
 * resources the GAR gives them, each opened in a new tab (the opening is recorded for the family) — and, for a legal
 * guardian, the resources their child opened, week by week (?eleve=…&semaine=…).
 */
export function Ressources() {
  const moi = useMoi()
  const { idChoisi } = useEspace()
  const lit = estEleve(moi) || estEnseignant(moi)
  const enfant = moi.enfants.length > 0 ? eleveDesNotes(moi, idChoisi) : null
  return (
    <>
      <h1>{lit ? 'Mes manuels et ressources' : 'Manuels et ressources'}</h1>
      <p>
        Les documents que les professeurs déposent pour la classe, et les travaux à leur rendre :{' '}
        <Link to={avecEleve('/espaces', enfant?.nom ? enfant.id : null)}>Espace de classe</Link>.
      </p>
      {lit && <MesRessources />}
      {enfant && <OuverturesDeLaSemaine eleve={enfant} />}
      {!lit && !enfant && <p>Cette page présente les manuels numériques des élèves et des enseignants, et ce que les élèves ont ouvert pour leurs familles.</p>}
    </>
  )
}

function MesRessources() {
  const client = useApi().ressources
  const charger = useCallback((signal: AbortSignal) => client.listerMesRessourcesNumeriques(signal), [client])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  const liste = etat.donnees

  // The opening is recorded for the family without holding the tab back: the link opens the GAR's address at once (no
  // pop-up blocker stops a link), and the record is sent as it opens.
  const noter = (r: RessourceNumerique) => {
    void client.ouvrirRessourceNumerique({ idRessource: r.idRessource }).catch(() => undefined)
  }

  return (
    <section aria-labelledby="titre-mes-ressources">
      <h2 id="titre-mes-ressources" className="visuellement-cache">
        Mes ressources
      </h2>
      {liste.avertissement && (
        <p className={liste.aJour ? 'information' : 'avertissement'} role="status">
          {liste.avertissement}
        </p>
      )}
      {!liste.garActif ? null : liste.ressources.length === 0 ? (
        <p>Aucune ressource numérique ne vous est attribuée pour l'instant.</p>
      ) : (
        <ul className="cartes ressources-numeriques">
          {liste.ressources.map((r) => (
            <li key={r.idRessource} className="carte ressource">
              {r.urlVignette && <img src={r.urlVignette} alt="" width={96} height={128} loading="lazy" decoding="async" />}
              <div>
                <h3>{r.nomRessource}</h3>
                <p className="aide">
                  {r.nomEditeur}
                  {r.typePresentation && ` · ${r.typePresentation}`}
                </p>
                <a href={r.urlAccesRessource} target="_blank" rel="noopener noreferrer" onClick={() => noter(r)}>
                  Ouvrir <span className="visuellement-cache">« {r.nomRessource} »</span> (nouvel onglet)
                </a>
              </div>
            </li>
          ))}
        </ul>
      )}
      {liste.obtenueLe && (
        <p className="aide">
          Liste du {horodatage(liste.obtenueLe)}, {liste.etablissement}.
        </p>
      )}
    </section>
  )
}

function OuverturesDeLaSemaine({ eleve }: { eleve: EleveNotes }) {
  const client = useApi().ressources
  const [params] = useSearchParams()
  const demandee = params.get('semaine')
  const lundi = lundiDe(demandee && /^\d{4}-\d{2}-\d{2}$/.test(demandee) ? demandee : aujourdhui())
  const charger = useCallback(
    (signal: AbortSignal) => ouIntrouvable(client.listerRessourcesOuvertes(eleve.id, lundi, signal)),
    [client, eleve.id, lundi],
  )
  const [etat, recharger] = useDonnees(charger)
  const lien = (jour: string) => avecEleve('/ressources', eleve.nom ? eleve.id : null, { semaine: jour })
  const courant = lundiDe(aujourdhui())

  return (
    <section aria-labelledby="titre-ouvertures">
      <h2 id="titre-ouvertures">Ressources ouvertes{eleve.nom ? ` par ${eleve.nom}` : ''}</h2>
      <nav aria-label="Semaines" className="navigation-jours">
        <Link to={lien(decalerJour(lundi, -7))}>Semaine précédente</Link>
        {lundi < courant && <Link to={lien(decalerJour(lundi, 7))}>Semaine suivante</Link>}
      </nav>
      <p>Semaine du {dateLongue(lundi)}</p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : !etat.donnees ? (
        <p className="information">Cette liste est réservée à l'élève et à ses responsables légaux.</p>
      ) : (
        <>
          {etat.donnees.ouvertures.length === 0 ? (
            <p>Aucune ressource numérique ouverte depuis Ent cette semaine.</p>
          ) : (
            <ul className="cartes">
              {etat.donnees.ouvertures.map((o) => (
                <li key={`${o.idRessource} ${o.ouverteLe}`} className="carte">
                  <h3>{o.nomRessource}</h3>
                  <p className="aide">
                    {o.nomEditeur} · ouverte le <time dateTime={o.ouverteLe}>{horodatage(o.ouverteLe)}</time>
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p className="aide">Conservation : {etat.donnees.conservation}.</p>
        </>
      )}
    </section>
  )
}

