import { Link } from 'react-router'

/** A page reached without a session (a notification's or an SMS's link, a bookmark, or the session ended): say what it needs. */
export function NonConnecte({ titre, pour }: { titre: string; pour: string }) {
  return (
    <>
      <h1>{titre}</h1>
      <p>Connectez-vous avec le bouton « Se connecter » en haut de la page {pour}.</p>
      <p>
        <Link to="/">Retour à l'accueil</Link>
      </p>
    </>
  )
}
