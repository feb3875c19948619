import { useEffect, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { useSession } from './contexte'

/** /connexion/retour: the server sends the browser back here with the authorization code; exchange it, then go home. */
export function RetourConnexion() {
  const naviguer = useNavigate()
  const { terminerConnexion, seConnecter } = useSession()
  const [echec, setEchec] = useState(false)

  useEffect(() => {
    let actif = true
    terminerConnexion(window.location.href).then(
      // Replaces the entry: the sign-in response (code, state) must not stay in the history.
      () => actif && naviguer('/', { replace: true }),
      () => actif && setEchec(true),
    )
    return () => {
      actif = false
    }
  }, [terminerConnexion, naviguer])

  if (!echec) {
    return (
      <>
        <h1>Connexion</h1>
        <p role="status">Connexion en cours…</p>
      </>
    )
  }
  return (
    <>
      <h1>Connexion impossible</h1>
      <div role="alert" className="erreur">
        <p>La connexion n'a pas abouti. Réessayez.</p>
        <button type="button" onClick={() => void seConnecter()}>
          Se connecter
        </button>
      </div>
      <p>
        <Link to="/">Retour à l'accueil</Link>
      </p>
    </>
  )
}
