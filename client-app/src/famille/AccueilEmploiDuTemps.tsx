import { useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
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
  const { t } = useTranslation('accueil')
  if (etat.statut !== 'pret' || etat.donnees.eleves.length === 0) return null
  const eleves = etat.donnees.eleves
  return (
    <section className="carte" aria-labelledby="titre-cours-du-jour">
      <h2 id="titre-cours-du-jour">{t('cours.titre')}</h2>
      {eleves.map((e) => {
        const cours = coursDuJour(e.cours, jour)
        const prochain = prochainCours(cours, maintenant)
        const modifies = changements(cours)
        return (
          <div key={e.eleveId}>
            {eleves.length > 1 && <h3>{e.prenom}</h3>}
            <p>
              {prochain
                ? ((texte) => (prochain.salle ? t('cours.salle', { texte, salle: prochain.salle }) : texte))(
                    t(new Date(prochain.debut) <= maintenant ? 'cours.enCours' : 'cours.prochain', {
                      matiere: prochain.matiere,
                      horaire: horaire(prochain.debut, prochain.fin),
                    }),
                  )
                : cours.length > 0
                  ? t('cours.plusDeCours')
                  : t('cours.pasDeCours')}
            </p>
            {modifies.length > 0 && (
              <ul>
                {modifies.map((c) => (
                  <li key={`${c.serviceId} ${c.debut}`}>
                    {t('cours.changement', { matiere: c.matiere, horaire: horaire(c.debut, c.fin), changement: libelleChangement(c) })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )
      })}
      <p>
        <Link to="/emploi-du-temps">{t('cours.voir')}</Link>
      </p>
    </section>
  )
}
