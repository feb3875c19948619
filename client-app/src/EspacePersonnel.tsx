import { Suspense, useCallback, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Outlet, useLocation } from 'react-router'
import { useSession } from './auth/contexte'
import { Attente } from './commun/Attente'
import { usePageRoute, type Espace } from './commun/page'
import { avecEleve, eleveDemande, remplacerAdresse } from './commun/suivi'
import { useApi } from './commun/useApi'
import { useDonnees } from './commun/useDonnees'
import { NavigationPrincipale } from './NavigationPrincipale'
import { planNavigation } from './planNavigation'
import { NonConnecte } from './public/NonConnecte'

/** The pages about a child: a guardian of several children chooses the child there. */
const PAGES_ENFANT = ['/notes', '/bulletins', '/absences', '/sorties', '/devoirs', '/cahier-de-textes']

/** Every page but the sign-in return: without a session, what the page needs; with one, the person's navigation and the page. */
export function EspacePersonnel() {
  const session = useSession()
  const page = usePageRoute()
  const { t } = useTranslation()
  if (!session.chargee) {
    return (
      <main className="cadre">
        <p role="status">{t('commun.chargement')}</p>
      </main>
    )
  }
  if (session.utilisateur) return <Connecte key={session.utilisateur.profile.sub} />
  return (
    <main className="cadre">
      {session.terminee && (
        <p role="status" className="information">
          {t('session.terminee')}
        </p>
      )}
      {page.pour && page.titre ? (
        <NonConnecte titre={page.titre} pour={page.pour} />
      ) : (
        // The pages open to everyone (help, accessibility) are lazy modules too.
        <Suspense fallback={<Chargement titre={page.titre ?? t('commun.monEspace')} />}>
          <Outlet />
        </Suspense>
      )}
    </main>
  )
}

/**
 * The connected person's navigation (NavigationPrincipale: grouped, what the person's profiles give) and page. On the
 * pages about a child, a guardian of several children also chooses the child, kept in the address (?eleve=) and in
 * every navigation link, so it stays chosen from page to page. On a phone the entries are behind a « Menu » button and
 * the child switcher sits beside it, so that the page starts high on the screen.
 */
function Connecte() {
  const { identite } = useApi()
  const charger = useCallback((signal: AbortSignal) => identite.obtenirMoi(signal), [identite])
  const [etat, recharger] = useDonnees(charger)
  const [idChoisi, setIdChoisi] = useState<string | null>(() => eleveDemande())
  const { pathname, search } = useLocation()
  const page = usePageRoute()
  // The navigation's names follow the language: a change of language renders this again.
  const { t } = useTranslation()

  const moi = etat.statut === 'pret' ? etat.donnees : null
  const enfants = moi?.enfants ?? []
  const enfant = enfants.find((e) => e.id === idChoisi)
  const suivi = enfant ?? enfants[0]
  const pageEnfant = PAGES_ENFANT.includes(pathname)
  // The address names a pupil who is not one of theirs: the grades pages say "introuvable", the list chooses nobody.
  const inconnu = pageEnfant && idChoisi !== null && !enfant
  const lien = useCallback((chemin: string) => avecEleve(chemin, enfants.length > 1 ? suivi?.id : null), [enfants.length, suivi?.id])
  const choisir = useCallback((id: string) => {
    setIdChoisi(id)
    remplacerAdresse(avecEleve(window.location.pathname, id))
  }, [])
  const espace: Espace = { moi, idChoisi, choisir, suivi, lien }

  const enfantSuivi = (pathname === '/' || pageEnfant) && suivi && enfants.length > 1 && (
    <div className="champ enfant-suivi">
      <label htmlFor="enfant-suivi">{t('commun.enfantSuivi')}</label>
      <select id="enfant-suivi" value={inconnu ? '' : suivi.id} onChange={(e) => choisir(e.target.value)}>
        {inconnu && (
          <option value="" disabled>
            {t('commun.choisirEnfant')}
          </option>
        )}
        {enfants.map((e) => (
          <option key={e.id} value={e.id}>
            {e.prenom} {e.nom}
          </option>
        ))}
      </select>
    </div>
  )

  return (
    <>
      <NavigationPrincipale plan={planNavigation(moi, lien)} apres={enfantSuivi} />
      <main className="cadre">
        {page.attendMoi && !moi ? (
          <>
            <h1>{page.titre ?? t('commun.monEspace')}</h1>
            <Attente etat={etat} recharger={recharger} />
          </>
        ) : (
          <Suspense fallback={<Chargement titre={page.titre ?? t('commun.monEspace')} />}>
            {/* A new address is a new page (as a full load was): its state starts afresh. */}
            <Outlet key={pathname + search} context={espace} />
          </Suspense>
        )}
      </main>
    </>
  )
}

function Chargement({ titre }: { titre: string }) {
  const { t } = useTranslation()
  return (
    <>
      <h1>{titre}</h1>
      <p role="status">{t('commun.chargement')}</p>
    </>
  )
}
