import { useCallback, useState, type ChangeEvent } from 'react'
import { PageSeance } from '../commun/PageSeance'
import { Link, useNavigate } from 'react-router'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { dateLongue } from '../commun/format'
import { avecEleve, type EleveNotes } from '../commun/suivi'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import '../commun/cahier-de-textes.css'
import { parametre, useCible } from './cible'

/**
 * /cahier-de-textes?eleve=…&matiere=…&du=…&au=…&seance=…: the pupil's class's cahier de textes (the last two weeks
 * unless du/au say otherwise), every subject or one, newest first. A lesson the pupil missed is marked « Cours
 * manqué »; a link from the absences list (`seance=` the lesson's start) lands on it, focused.
 */
export function PageCahierDeTextes({ eleve }: { eleve: EleveNotes | null }) {
  return (
    <>
      <h1>Cahier de textes</h1>
      {!eleve ? (
        <p>Cette page présente le cahier de textes d'un élève : elle est réservée aux élèves et à leurs responsables.</p>
      ) : !eleve.acces ? (
        <p>Vous n'avez pas accès au cahier de textes de {eleve.nom}.</p>
      ) : (
        <Cahier key={`${eleve.id} ${window.location.search}`} eleve={eleve} />
      )}
    </>
  )
}

function Cahier({ eleve }: { eleve: EleveNotes }) {
  const client = useApi().scolarite
  const navigate = useNavigate()
  const [demande] = useState(() => ({
    matiere: parametre('matiere') ?? undefined,
    du: parametre('du') ?? undefined,
    au: parametre('au') ?? undefined,
    seance: parametre('seance'),
  }))
  const charger = useCallback(
    (signal: AbortSignal) => ouIntrouvable(client.listerCahierDeTextesEleve(eleve.id, demande.matiere, demande.du, demande.au, signal)),
    [client, eleve.id, demande],
  )
  const [etat, recharger] = useDonnees(charger)
  const cible = useCible<HTMLLIElement>(etat.statut === 'pret')
  const adresse = (matiere: string) =>
    avecEleve('/cahier-de-textes', eleve.nom ? eleve.id : null, {
      ...(matiere ? { matiere } : {}),
      ...(demande.du ? { du: demande.du } : {}),
      ...(demande.au ? { au: demande.au } : {}),
    })

  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  if (!etat.donnees) return <p className="information">Cahier de textes introuvable : cet élève n'existe pas, ou vous n'y avez pas accès.</p>
  const { matieres, seances, du, au } = etat.donnees
  const cibleDebut = demande.seance ? new Date(demande.seance).getTime() : null

  return (
    <>
      {eleve.nom && <p className="situation qui">{eleve.nom}</p>}
      <p>
        <Link to={avecEleve('/devoirs', eleve.nom ? eleve.id : null)}>Devoirs à faire</Link>
      </p>
      <label className="champ">
        Matière
        <select value={demande.matiere ?? ''} onChange={(e: ChangeEvent<HTMLSelectElement>) => navigate(adresse(e.target.value))}>
          <option value="">Toutes les matières</option>
          {matieres.map((m) => (
            <option key={m.matiereCode} value={m.matiereCode}>
              {m.matiere}
            </option>
          ))}
        </select>
      </label>
      <p className="aide">
        Du {dateLongue(du)} au {dateLongue(au)}
      </p>
      {seances.length === 0 ? (
        <p>Rien d'écrit au cahier de textes pour ces jours-là.</p>
      ) : (
        <ul className="cartes">
          {seances.map((s) => (
            <li
              key={s.id}
              className={s.coursManque ? 'carte seance seance-manquee' : 'carte seance'}
              ref={cibleDebut !== null && new Date(s.debut).getTime() === cibleDebut ? cible : undefined}
              tabIndex={-1}
            >
              <PageSeance seance={s} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
