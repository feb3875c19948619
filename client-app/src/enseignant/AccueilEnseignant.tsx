import { useCallback } from 'react'
import { Link } from 'react-router'
import type { MonAFaire } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { pluriel } from '../commun/format'
import { CHEMIN_APPEL } from '../commun/vieScolaire'
import '../commun/viescolaire.css'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { cheminAppreciations, cheminConseil, cheminEvaluation } from './commun'
import { Jour } from './composants'
import { Cours } from './MesCours'

/** The teacher's home: today's lessons with their roll calls, then the work to do (grades, appraisals, councils). */
export function AccueilEnseignant() {
  return (
    <>
      <CoursDuJour />
      <AFaire />
    </>
  )
}

function CoursDuJour() {
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => client.listerMesCours(undefined, signal), [client])
  const [etat, recharger] = useDonnees(charger)
  return (
    <section aria-labelledby="titre-cours-accueil">
      <h2 id="titre-cours-accueil">Vos cours aujourd'hui</h2>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.cours.length === 0 ? (
        <p>Aucun cours à votre emploi du temps aujourd'hui.</p>
      ) : (
        <>
          <p className="situation">
            {pluriel(etat.donnees.cours.filter((c) => !c.appelFait).length, 'appel à faire', 'appels à faire')} sur{' '}
            {pluriel(etat.donnees.cours.length, 'cours', 'cours')}.
          </p>
          <ul className="cartes">
            {etat.donnees.cours.map((c) => (
              <Cours key={`${c.serviceId} ${c.debut}`} cours={c} />
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={CHEMIN_APPEL}>Tous mes cours et l'appel</Link>
      </p>
    </section>
  )
}

function AFaire() {
  const client = useApi().scolarite
  const charger = useCallback((signal: AbortSignal) => client.obtenirMonAFaire(signal), [client])
  const [etat, recharger] = useDonnees(charger)
  return (
    <section aria-labelledby="titre-a-faire">
      <h2 id="titre-a-faire">À faire</h2>
      {etat.statut !== 'pret' ? <Attente etat={etat} recharger={recharger} /> : <ListeAFaire aFaire={etat.donnees} />}
    </section>
  )
}

function ListeAFaire({ aFaire: { evaluationsANoter, appreciations, conseils } }: { aFaire: MonAFaire }) {
  if (evaluationsANoter.length + appreciations.length + conseils.length === 0) {
    return <p>Rien en attente : vos notes, appréciations et conseils de classe sont à jour.</p>
  }
  return (
    <>
      {evaluationsANoter.length > 0 && (
        <>
          <h3>Évaluations à noter</h3>
          <ul className="cartes a-faire">
            {evaluationsANoter.map((e) => (
              <li key={e.evaluationId} className="carte">
                <Link to={cheminEvaluation(e.evaluationId)}>{e.titre}</Link>
                <p>
                  {e.matiere} — {e.code} · <Jour jour={e.date} court /> ·{' '}
                  {pluriel(e.manquantes, 'résultat manquant', 'résultats manquants')} sur {e.effectif}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {appreciations.length > 0 && (
        <>
          <h3>Appréciations attendues</h3>
          <ul className="cartes a-faire">
            {appreciations.map((a) => (
              <li key={`${a.serviceId} ${a.periodeId}`} className="carte">
                <Link to={cheminAppreciations(a.serviceId, a.periodeId)}>
                  {a.matiere} — {a.code}, {a.periode}
                </Link>
                <p>
                  {pluriel(a.manquantes, 'appréciation manquante', 'appréciations manquantes')} sur {a.effectif} · période close le{' '}
                  <Jour jour={a.finPeriode} court />
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {conseils.length > 0 && (
        <>
          <h3>Conseils de classe à saisir</h3>
          <ul className="cartes a-faire">
            {conseils.map((c) => (
              <li key={`${c.classeId} ${c.periodeId}`} className="carte">
                <Link to={cheminConseil(c.classeId, c.periodeId)}>
                  Conseil de classe — {c.code}, {c.periode}
                </Link>
                <p>
                  {c.conseilSaisi ? 'Commencé' : 'Pas encore saisi'} ·{' '}
                  {pluriel(c.appreciationsGeneralesManquantes, 'appréciation générale manquante', 'appréciations générales manquantes')} sur{' '}
                  {c.effectif}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}
