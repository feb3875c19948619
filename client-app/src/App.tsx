import { useCallback, useEffect, useState } from 'react'
import { Accueil } from './Accueil'
import { creerGestionnaire, CHEMIN_RETOUR } from './auth/oidc'
import { RetourConnexion } from './auth/RetourConnexion'
import { useSession, type Gestionnaire } from './auth/contexte'
import { SessionProvider } from './auth/SessionProvider'
import { EspacePersonnel } from './EspacePersonnel'
import { estCheminEnseignement } from './enseignement/commun'
import { EnseignementNonConnecte } from './enseignement/Enseignement'
import { PAGES_FAMILLE } from './notes/suivi'
import { PageIntrouvable } from './PageIntrouvable'
import { pageVieScolaire, TITRES_VIE_SCOLAIRE } from './viescolaire/commun'
import { VieScolaireNonConnecte } from './viescolaire/NonConnecte'

export const TITRE = 'Ent — Espace numérique de travail'
const CHEMIN_COMPTE = '/compte'

let gestionnaireUnique: Gestionnaire | undefined
/** One UserManager per tab: it alone renews the tokens, so two renewals never race with the same refresh token. */
const gestionnaireParDefaut = () => (gestionnaireUnique ??= creerGestionnaire())

/** The host answers index.html for every client route: the path decides the page. */
export function App({ chemin = window.location.pathname, gestionnaire }: { chemin?: string; gestionnaire?: Gestionnaire }) {
  return (
    <SessionProvider gestionnaire={gestionnaire ?? gestionnaireParDefaut()}>
      <Coquille cheminInitial={chemin} />
    </SessionProvider>
  )
}

function Coquille({ cheminInitial }: { cheminInitial: string }) {
  const [chemin, setChemin] = useState(cheminInitial)
  const session = useSession()
  const accueil = chemin === '/' || chemin === '/index.html'
  const retour = chemin === CHEMIN_RETOUR
  const compte = chemin === CHEMIN_COMPTE
  const enseignement = estCheminEnseignement(chemin)
  const famille = PAGES_FAMILLE[chemin] // /notes, /bulletins, /absences
  const vieScolaire = pageVieScolaire(chemin) // /appel…, /vie-scolaire

  // Replaces the entry: the sign-in response (code, state) must not stay in the history. `vers` may carry a query and
  // a hash (the address a sign-in came back to): the page is decided by the path.
  const naviguer = useCallback((vers: string) => {
    window.history.replaceState(null, '', vers)
    setChemin(window.location.pathname)
  }, [])

  useEffect(() => {
    document.title = accueil
      ? TITRE
      : retour
        ? `Connexion — ${TITRE}`
        : compte
          ? `Mon compte — ${TITRE}`
          : enseignement
            ? `Mes classes — ${TITRE}` // each teacher's page then names itself
            : famille
              ? `${famille.titre} — ${TITRE}`
              : vieScolaire
                ? `${TITRES_VIE_SCOLAIRE[vieScolaire]} — ${TITRE}` // the roll call's page then names its lesson
                : `Page introuvable — ${TITRE}`
  }, [accueil, retour, compte, enseignement, famille, vieScolaire])

  let page
  if (retour) {
    page = (
      <main className="cadre">
        <RetourConnexion naviguer={naviguer} />
      </main>
    )
  } else if (!session.chargee) {
    page = (
      <main className="cadre">
        <p role="status">Chargement…</p>
      </main>
    )
  } else if (session.utilisateur) {
    page = (
      <EspacePersonnel
        key={session.utilisateur.profile.sub}
        page={accueil ? 'accueil' : compte ? 'compte' : enseignement ? 'enseignement' : (famille?.page ?? vieScolaire ?? 'autre')}
        chemin={chemin}
      />
    )
  } else {
    page = (
      <main className="cadre">
        {session.terminee && (
          <p role="status" className="information">
            Votre session a pris fin. Connectez-vous à nouveau pour retrouver votre espace.
          </p>
        )}
        {accueil ? (
          <Accueil />
        ) : compte ? (
          <CompteNonConnecte />
        ) : enseignement ? (
          <EnseignementNonConnecte />
        ) : famille ? (
          <FamilleNonConnecte titre={famille.titre} pour={famille.pour} />
        ) : vieScolaire ? (
          <VieScolaireNonConnecte page={vieScolaire} />
        ) : (
          <PageIntrouvable />
        )}
      </main>
    )
  }

  return (
    <>
      <header className="bandeau">
        <div className="cadre">
          <a href="/" className="marque">
            Ent
          </a>
          <span className="devise">Espace numérique de travail</span>
          {session.chargee && !retour && <Compte />}
        </div>
      </header>
      {page}
      <footer className="pied">
        <div className="cadre">
          <p>Ent, espace numérique de travail libre pour les familles et les établissements.</p>
        </div>
      </footer>
    </>
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
          Impossible de joindre le serveur. Réessayez.
        </p>
      )}
    </div>
  )
}

/** /compte without a session (a bookmark, or the session ended): say what the page is and how to reach it. */
function CompteNonConnecte() {
  return (
    <>
      <h1>Mon compte</h1>
      <p>Connectez-vous avec le bouton « Se connecter » en haut de la page pour gérer votre compte.</p>
      <p>
        <a href="/">Retour à l'accueil</a>
      </p>
    </>
  )
}

/** /notes, /bulletins or /absences without a session (a notification's or an SMS's link, a bookmark): say what the page needs. */
function FamilleNonConnecte({ titre, pour }: { titre: string; pour: string }) {
  return (
    <>
      <h1>{titre}</h1>
      <p>Connectez-vous avec le bouton « Se connecter » en haut de la page pour {pour}.</p>
      <p>
        <a href="/">Retour à l'accueil</a>
      </p>
    </>
  )
}
