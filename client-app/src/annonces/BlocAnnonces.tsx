import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { ouIntrouvable } from '../commun/appels'
import { Attente } from '../commun/Attente'
import { horodatage } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { aConfirmer, CHEMIN_ANNONCES, cheminAnnonce, nonLues } from './annonce'
import './annonces.css'

const SUR_L_ACCUEIL = 3

/**
 * The home page's « Annonces »: the latest three, unread ones tagged « Nouveau », those to confirm « À confirmer »,
 * each a link to the list where it opens; nothing at all when no announcement addresses the person.
 */
export function BlocAnnonces() {
  const client = useApi().communication
  // A token naming no person (404) has no announcements: the block is left out, as when there are none.
  const charger = useCallback((signal: AbortSignal) => ouIntrouvable(client.listerMesAnnonces(signal)), [client])
  const [etat, recharger] = useDonnees(charger)
  const { t } = useTranslation('accueil')
  if (etat.statut === 'pret' && (etat.donnees === null || etat.donnees.length === 0)) return null
  return (
    <section aria-labelledby="titre-annonces">
      <h2 id="titre-annonces">{t('annonces.titre')}</h2>
      {etat.statut !== 'pret' || etat.donnees === null ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <>
          {(nonLues(etat.donnees) > 0 || aConfirmer(etat.donnees) > 0) && (
            <p>
              <strong>
                {[
                  nonLues(etat.donnees) > 0 && t('annonces.nonLues', { n: nonLues(etat.donnees) }),
                  aConfirmer(etat.donnees) > 0 && t('annonces.aConfirmer', { n: aConfirmer(etat.donnees) }),
                ]
                  .filter(Boolean)
                  .join(', ')}
              </strong>
            </p>
          )}
          <ul className="annonces">
            {etat.donnees.slice(0, SUR_L_ACCUEIL).map((a) => (
              <li key={a.id} className={`carte annonce${a.lue ? '' : ' non-lue'}`}>
                <h3>
                  {!a.lue && <span className="etiquette nouveau">{t('notifications.nouveau')}</span>}
                  {a.aConfirmer && <span className="etiquette a-confirmer">{t('annonces.etiquetteAConfirmer')}</span>}
                  <Link to={cheminAnnonce(a.id)}>{a.titre}</Link>
                </h3>
                <p className="aide">
                  {a.auteur} · <time dateTime={a.publieeLe}>{horodatage(a.publieeLe)}</time>
                </p>
              </li>
            ))}
          </ul>
          <p>
            <Link to={CHEMIN_ANNONCES}>{t('annonces.toutes')}</Link>
          </p>
        </>
      )}
    </section>
  )
}
