import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isRouteErrorResponse, Link, Outlet, useMatches, useRouteError } from 'react-router'
import { useSession } from './auth/contexte'
import { CHEMIN_RETOUR } from './auth/oidc'
import { MessageErreur } from './commun/MessageErreur'
import { Bandeaux } from './hors-ligne/Bandeaux'
import { usePageRoute } from './commun/page'
import { PageIntrouvable } from './commun/PageIntrouvable'
import { HOTE_RACCOURCIS } from './commun/Raccourci'
import { titreApplication, titreDocument } from './commun/titre'
import { ChoixLangue } from './i18n/ChoixLangue'

/** Header, page, footer: the frame of every route. */
export function Coquille() {
  const page = usePageRoute()
  const matches = useMatches()
  const retour = matches.at(-1)?.pathname === CHEMIN_RETOUR
  const { i18n } = useTranslation()
  useEffect(() => {
    document.title = page.titre ? titreDocument(page.titre) : titreApplication()
  }, [page.titre, i18n.language])
  return (
    <Cadre retour={retour}>
      <Bandeaux titrePage={page.titre} />
      <Outlet />
    </Cadre>
  )
}

function Cadre({ retour = false, children }: { retour?: boolean; children: React.ReactNode }) {
  const session = useSession()
  const { t } = useTranslation()
  return (
    <>
      <div id={HOTE_RACCOURCIS} />
      <header className="bandeau">
        <div className="cadre">
          <Link to="/" className="marque">
            Ent
          </Link>
          <span className="devise">{t('app.devise')}</span>
          <ChoixLangue />
          {session.chargee && !retour && <Compte />}
        </div>
      </header>
      {children}
      <footer className="pied">
        <div className="cadre">
          <p>{t('app.pied')}</p>
          <ul className="liens-pied">
            <li>
              <Link to="/aide">{t('app.aide')}</Link>
            </li>
            <li>
              <Link to="/accessibilite">{t('app.accessibilite')}</Link>
            </li>
          </ul>
        </div>
      </footer>
    </>
  )
}

/** A route that failed to render or to load (e.g. a lazy screen after a deployment): said in French, with what to do. */
export function ErreurRoute() {
  const erreur = useRouteError()
  const { t } = useTranslation()
  useEffect(() => {
    document.title = titreDocument(t('commun.erreur'))
  }, [t])
  return (
    <Cadre>
      <main className="cadre">
        {isRouteErrorResponse(erreur) && erreur.status === 404 ? (
          <PageIntrouvable />
        ) : (
          <>
            <h1>{t('erreurRoute.titre')}</h1>
            {erreur instanceof TypeError ? (
              <MessageErreur erreur={erreur} reessayer={() => window.location.reload()} />
            ) : (
              <div role="alert" className="erreur">
                <p>{t('erreurRoute.texte')}</p>
                <button type="button" onClick={() => window.location.reload()}>
                  {t('erreurRoute.recharger')}
                </button>
              </div>
            )}
            <p>
              <Link to="/">{t('commun.retourAccueil')}</Link>
            </p>
          </>
        )}
      </main>
    </Cadre>
  )
}

function Compte() {
  const { utilisateur, seConnecter, seDeconnecter } = useSession()
  const { t } = useTranslation()
  const [echec, setEchec] = useState(false)
  // Both redirect the whole page to the server; they only come back here when the server cannot be reached.
  const rediriger = (action: () => Promise<void>) => () => {
    setEchec(false)
    action().catch(() => setEchec(true))
  }
  return (
    <div className="compte">
      {utilisateur ? (
        <>
          <span className="personne">{utilisateur.profile.name}</span>
          <button type="button" onClick={rediriger(seDeconnecter)}>
            {t('session.seDeconnecter')}
          </button>
        </>
      ) : (
        <button type="button" onClick={rediriger(seConnecter)}>
          {t('session.seConnecter')}
        </button>
      )}
      {echec && (
        <p role="alert" className="erreur">
          {t('session.injoignable')}
        </p>
      )}
    </div>
  )
}
