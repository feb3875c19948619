import { useCallback, useState } from 'react'
import { Link } from 'react-router'
import { changements, coursDuJour, libelleChangement, prochainCours } from '../commun/emploiDuTemps'
import { aujourdhui, horaire } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'

/**
 * The home page's « Aujourd'hui » block for a family: for each pupil, the lesson under way or next today, and today's
 * changes (a cancelled first lesson is what a parent needs to know before leaving home). Nothing when the family has no
 * timetable, or when it cannot be read (the page itself says why).
 */
export function CoursDuJour() {
  const client = useApi().scolarite
  const jour = aujourdhui()
  const charger = useCallback((signal: AbortSignal) => client.obtenirMonEmploiDuTemps(jour, jour, signal), [client, jour])
  const [etat] = useDonnees(charger)
  const [maintenant] = useState(() => new Date())
  if (etat.statut !== 'pret' || etat.donnees.eleves.length === 0) return null
  const eleves = etat.donnees.eleves
  return (
    <section className="carte" aria-labelledby="titre-cours-du-jour">
      <h2 id="titre-cours-du-jour">Aujourd'hui</h2>
      {eleves.map((e) => {
        const cours = coursDuJour(e.cours, jour)
        const prochain = prochainCours(cours, maintenant)
        const modifies = changements(cours)
        return (
          <div key={e.eleveId}>
            {eleves.length > 1 && <h3>{e.prenom}</h3>}
            <p>
              {prochain
                ? `${new Date(prochain.debut) <= maintenant ? 'En cours' : 'Prochain cours'} : ${prochain.matiere}, ${horaire(prochain.debut, prochain.fin)}${prochain.salle ? `, salle ${prochain.salle}` : ''}`
                : cours.length > 0
                  ? "Plus de cours aujourd'hui."
                  : "Pas de cours aujourd'hui."}
            </p>
            {modifies.length > 0 && (
              <ul>
                {modifies.map((c) => (
                  <li key={`${c.serviceId} ${c.debut}`}>
                    {c.matiere} ({horaire(c.debut, c.fin)}) : {libelleChangement(c)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )
      })}
      <p>
        <Link to="/emploi-du-temps">Voir l'emploi du temps</Link>
      </p>
    </section>
  )
}
