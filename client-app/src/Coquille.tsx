import { useEffect, useState } from 'react'
import { isRouteErrorResponse, Link, Outlet, useMatches, useRouteError } from 'react-router'
import { useSession } from './auth/contexte'
import { CHEMIN_RETOUR } from './auth/oidc'
import { MessageErreur } from './commun/MessageErreur'
import { Bandeaux } from './hors-ligne/Bandeaux'
import { usePageRoute } from './commun/page'
import { PageIntrouvable } from './commun/PageIntrouvable'
import { HOTE_RACCOURCIS } from './commun/Raccourci'
import { TITRE, titreDocument } from './commun/titre'

/** Header, page, footer: the frame of every route. */
export function Coquille() {
  const page = usePageRoute()
  const matches = useMatches()
  const retour = matches.at(-1)?.pathname === CHEMIN_RETOUR
  useEffect(() => {
    document.title = page.titre ? titreDocument(page.titre) : TITRE
  }, [page.titre])
  return (
    <Cadre retour={retour}>
      <Bandeaux titrePage={page.titre} />
      <Outlet />
    </Cadre>
  )
}

function Cadre({ retour = false, children }: { retour?: boolean; children: React.ReactNode }) {
  const session = useSession()
  return (
    <>
      <div id={HOTE_RACCOURCIS} />
      <header className="bandeau">
        <div className="cadre">
          <Link to="/" className="marque">
            Ent
          </Link>
          <span className="devise">Espace numérique de travail</span>
          {session.chargee && !retour && <Compte />}
        </div>
      </header>
      {children}
      <footer className="pied">
        <div className="cadre">
          <p>Ent, espace numérique de travail libre pour les familles et les établissements.</p>
        </div>
      </footer>
    </>
  )
}

/** A route that failed to render or to load (e.g. a lazy screen after a deployment): said in French, with what to do. */
export function ErreurRoute() {
  const erreur = useRouteError()
  useEffect(() => {
    document.title = titreDocument('Erreur')
  }, [])
  return (
    <Cadre>
      <main className="cadre">
        {isRouteErrorResponse(erreur) && erreur.status === 404 ? (
          <PageIntrouvable />
        ) : (
          <>
            <h1>Cette page n'a pas pu s'afficher</h1>
            {erreur instanceof TypeError ? (
              <MessageErreur erreur={erreur} reessayer={() => window.location.reload()} />
            ) : (
              <div role="alert" className="erreur">
                <p>Une erreur inattendue est survenue. Rechargez la page ; si elle persiste, réessayez plus tard.</p>
                <button type="button" onClick={() => window.location.reload()}>
                  Recharger la page
                </button>
              </div>
            )}
            <p>
              <Link to="/">Retour à l'accueil</Link>
            </p>
          </>
        )}
      </main>
    </Cadre>
  )
}

function Compte() {
  const { utilisateur, seConnecter, seDeconnecter } = useSession()
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
            Se déconnecter
          </button>
        </>
      ) : (
        <button type="button" onClick={rediriger(seConnecter)}>
          Se connecter
        </button>
      )}
      {echec && (
        <p role="alert" className="erreur">
          Impossible de joindre le serveur. Vérifiez votre connexion, puis réessayez.
        </p>
      )}
    </div>
  )
}
