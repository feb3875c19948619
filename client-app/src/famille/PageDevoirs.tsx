import { useCallback, useState } from 'react'
import { Link } from 'react-router'
import type { DevoirEleve, Moi } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { messageErreur } from '../commun/erreurs'
import { dateLongue } from '../commun/format'
import { avecEleve, type EleveNotes } from '../commun/suivi'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import '../commun/cahier-de-textes.css'
import { duree, libelleCharge, niveauCharge } from './devoirs'

/**
 * /devoirs?eleve=…: a pupil's homework to do, by day due (today and the next two weeks), each day with its estimated
 * workload. The pupil ticks « fait »; a legal guardian sees that tick and ticks their own « vu ». Homework given in a
 * lesson the pupil missed says so.
 */
export function PageDevoirs({ moi, eleve }: { moi: Moi; eleve: EleveNotes | null }) {
  return (
    <>
      <h1>Devoirs</h1>
      {!eleve ? (
        <p>Cette page présente les devoirs d'un élève : elle est réservée aux élèves et à leurs responsables.</p>
      ) : !eleve.acces ? (
        <p>Vous n'avez pas accès aux devoirs de {eleve.nom}.</p>
      ) : (
        <Devoirs
          key={eleve.id}
          eleve={eleve}
          coche={moi.id === eleve.id ? 'fait' : moi.enfants.some((e) => e.id === eleve.id && e.legal) ? 'vu' : null}
        />
      )}
    </>
  )
}

function Devoirs({ eleve, coche }: { eleve: EleveNotes; coche: 'fait' | 'vu' | null }) {
  const client = useApi().scolarite
  const charger = useCallback((signal: AbortSignal) => ouIntrouvable(client.listerDevoirsEleve(eleve.id, undefined, undefined, signal)), [client, eleve.id])
  const [etat, recharger] = useDonnees(charger)
  // Ticks changed on this page, by homework: what the server answered 204 to.
  const [coches, setCoches] = useState<Record<string, boolean>>({})
  const [erreur, setErreur] = useState<string | null>(null)

  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  if (!etat.donnees) return <p className="information">Devoirs introuvables : cet élève n'existe pas, ou vous n'avez pas accès à ses devoirs.</p>
  const { jours } = etat.donnees

  const cocher = async (d: DevoirEleve, valeur: boolean) => {
    setErreur(null)
    const id = d.devoir.id
    try {
      if (coche === 'fait') await (valeur ? client.cocherDevoirFait(eleve.id, id) : client.decocherDevoirFait(eleve.id, id))
      else await (valeur ? client.cocherDevoirVu(eleve.id, id) : client.decocherDevoirVu(eleve.id, id))
      setCoches((c) => ({ ...c, [id]: valeur }))
    } catch (e) {
      setErreur(`La coche n'a pas été enregistrée : ${messageErreur(e)}`)
    }
  }

  return (
    <>
      {eleve.nom && <p className="situation qui">{eleve.nom}</p>}
      <p>
        <Link to={avecEleve('/cahier-de-textes', eleve.nom ? eleve.id : null)}>Cahier de textes</Link>
      </p>
      <p role="alert" className={erreur ? 'erreur' : 'statut-vide'}>
        {erreur}
      </p>
      {jours.length === 0 ? (
        <p>Aucun devoir à faire pour les deux semaines à venir.</p>
      ) : (
        jours.map((j) => (
          <section key={j.jour} aria-labelledby={`jour-${j.jour}`} className="jour-devoirs">
            <h2 id={`jour-${j.jour}`}>Pour {dateLongue(j.jour)}</h2>
            <p className={`charge charge-${niveauCharge(j.minutes)}`}>{libelleCharge(j.minutes)}</p>
            <ul className="cartes">
              {j.devoirs.map((d) => {
                const fait = coche === 'fait' ? (coches[d.devoir.id] ?? d.fait) : d.fait
                const vuParMoi = coche === 'vu' ? (coches[d.devoir.id] ?? d.vuParMoi) : d.vuParMoi
                return (
                  <li key={d.devoir.id} className={fait ? 'carte devoir devoir-fait' : 'carte devoir'}>
                    <h3>{d.devoir.matiere}</h3>
                    <div className="texte-riche" dangerouslySetInnerHTML={{ __html: d.devoir.consigne }} />
                    <p className="aide">
                      {duree(d.devoir.dureeMinutes)} estimées
                      {d.devoir.aRendre && <span className="badge">À rendre</span>}
                      {d.devoir.evaluation && <span className="badge badge-evaluation">Contrôle</span>}
                      {d.coursManque && <span className="badge badge-manque">Cours manqué</span>}
                    </p>
                    {coche === 'fait' ? (
                      <label className="coche">
                        <input type="checkbox" checked={fait} onChange={(e) => void cocher(d, e.target.checked)} /> Fait
                      </label>
                    ) : (
                      <p className="etat-fait">{fait ? '✓ Fait, coché par l’élève' : 'Pas encore coché « fait » par l’élève'}</p>
                    )}
                    {coche === 'vu' && (
                      <label className="coche">
                        <input type="checkbox" checked={vuParMoi} onChange={(e) => void cocher(d, e.target.checked)} /> Vu
                      </label>
                    )}
                    {coche !== 'vu' && d.vu && <p className="aide">Vu par un responsable</p>}
                  </li>
                )
              })}
            </ul>
          </section>
        ))
      )}
    </>
  )
}
