import type { PageVieScolaire } from '../commun/vieScolaire'

const TEXTES: Record<PageVieScolaire, [string, string]> = {
  appel: ['Appel', "pour faire l'appel de vos cours"],
  'vie-scolaire': ['Vie scolaire', 'pour suivre les absences et examiner les justificatifs'],
}

/** A vie scolaire page reached without a session (a bookmark, or the session ended): say how to reach it. */
export function VieScolaireNonConnecte({ page }: { page: PageVieScolaire }) {
  const [titre, pour] = TEXTES[page]
  return (
    <>
      <h1>{titre}</h1>
      <p>Connectez-vous avec le bouton « Se connecter » en haut de la page {pour}.</p>
      <p>
        <a href="/">Retour à l'accueil</a>
      </p>
    </>
  )
}
