import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'
import { administre } from './commun/direction'
import { useEspace, useMoi } from './commun/page'
import { estEnseignant, estInfirmier, libelleProfil } from './commun/profils'
import { litDesNotes } from './commun/suivi'
import { suitLaVieScolaire } from './commun/vieScolaire'

// The family's blocks load with the family's screens: other profiles never download them.
const BlocsFamille = lazy(() => import('./famille/accueil').then((m) => ({ default: m.BlocsAccueil })))
// The head's work to do loads with the staff's screens.
const BlocsDirection = lazy(() => import('./etablissement/etablissement').then((m) => ({ default: m.BlocsDirection })))
// The desk's work to do and the nurse's page load with the staff's screens.
const BlocsVieScolaire = lazy(() => import('./etablissement/etablissement').then((m) => ({ default: m.BlocsVieScolaire })))
const AccueilInfirmerie = lazy(() => import('./etablissement/etablissement').then((m) => ({ default: m.AccueilInfirmerie })))
// A teacher's lessons and work to do load with the teachers' screens.
const BlocsEnseignant = lazy(() => import('./enseignant/enseignant').then((m) => ({ default: m.BlocsAccueil })))
// Announcements addressed to the person (issue #16), for every profile: the block alone, not the announcements' pages.
const BlocAnnonces = lazy(() => import('./annonces/BlocAnnonces').then((m) => ({ default: m.BlocAnnonces })))

/** The connected home: what is new for a family, a teacher's lessons and work to do, the desk's work to do (CPE, head), the nurse's page, then the person's children and profiles. */
export function AccueilPersonnel() {
  const moi = useMoi()
  const { suivi: enfant } = useEspace()
  const { t } = useTranslation('accueil')
  // A guardian's "Responsable" profile says nothing their children's cards do not; other profiles are shown.
  const profils = moi.enfants.length > 0 ? moi.profils.filter((p) => p.profil !== 'responsable') : moi.profils
  return (
    <>
      <h1>{t('bonjour', { prenom: moi.prenom })}</h1>
      <Suspense fallback={null}>
        <BlocAnnonces />
      </Suspense>
      {litDesNotes(moi) && (
        <Suspense fallback={null}>
          <BlocsFamille />
        </Suspense>
      )}
      {administre(moi) && (
        <Suspense fallback={null}>
          <BlocsDirection />
        </Suspense>
      )}
      {suitLaVieScolaire(moi) && (
        <Suspense fallback={null}>
          <BlocsVieScolaire />
        </Suspense>
      )}
      {estInfirmier(moi) && (
        <Suspense fallback={null}>
          <AccueilInfirmerie />
        </Suspense>
      )}
      {estEnseignant(moi) && (
        // A status while the teacher's module loads: whoever waits for the page (a test) waits for its requests too.
        <Suspense fallback={<p role="status">{t('commun:commun.chargement')}</p>}>
          <BlocsEnseignant />
        </Suspense>
      )}
      {moi.enfants.length > 0 && (
        <section aria-labelledby="titre-enfants">
          <h2 id="titre-enfants">{t('enfants', { n: moi.enfants.length })}</h2>
          <ul className="cartes">
            {moi.enfants.map((e) => (
              <li key={e.id} className="carte">
                <h3>
                  {e.prenom} {e.nom}
                </h3>
                <p>{e.etablissement}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {enfant && (
        <section aria-labelledby="titre-enfant-suivi">
          <h2 id="titre-enfant-suivi">{t('enfantSuivi')}</h2>
          <dl className="carte details">
            <dt>{t('nom')}</dt>
            <dd>
              {enfant.prenom} {enfant.nom}
            </dd>
            <dt>{t('etablissement')}</dt>
            <dd>{enfant.etablissement}</dd>
            <dt>{t('responsableLegal')}</dt>
            <dd>{enfant.legal ? t('oui') : t('non')}</dd>
          </dl>
        </section>
      )}
      {profils.length > 0 && (
        <section aria-labelledby="titre-profils">
          <h2 id="titre-profils">{t('profils', { n: profils.length })}</h2>
          <ul className="cartes">
            {profils.map((p) => (
              <li key={`${p.uai} ${p.profil} ${p.fonction ?? ''}`} className="carte">
                <h3>{libelleProfil(p)}</h3>
                <p>{p.etablissement}</p>
              </li>
            ))}
          </ul>
        </section>
      )}
      {profils.length === 0 && moi.enfants.length === 0 && <p>{t('aucunProfil')}</p>}
    </>
  )
}
