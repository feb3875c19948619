import { useCallback } from 'react'
import { Link } from 'react-router'
import { Attente } from '../commun/Attente'
import { pluriel } from '../commun/format'
import { CHEMIN_APPEL } from '../commun/vieScolaire'
import '../commun/viescolaire.css'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { Cours } from './MesCours'

/** The teacher's home: today's lessons with their roll calls. */
export function AccueilEnseignant() {
  return (
    <>
      <CoursDuJour />
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
