import { useEffect, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { useSession } from './contexte'
import { effacerMarqueur } from './marqueur'
import { destinationApresConnexion, etaitSilencieuse } from './retour'

/**
 * /connexion/retour: the server sends the browser back here with the authorization code; exchange it, then go to the
 * address the sign-in started from (validated: a path of this site, else home). A silent attempt (« Rester connecté »)
 * that failed is no error to show: the marker goes, and the person sees that address as anyone without a session.
 */
export function RetourConnexion() {
  const naviguer = useNavigate()
  const { terminerConnexion, seConnecter } = useSession()
  const [echec, setEchec] = useState(false)

  useEffect(() => {
    let actif = true
    const origine = window.location.origin
    // Replaces the entry: the sign-in response (code, state) must not stay in the history.
    const aller = (etat: unknown) => naviguer(destinationApresConnexion(etat, origine), { replace: true })
    terminerConnexion(window.location.href).then(
      (etat) => actif && aller(etat),
      (erreur: unknown) => {
        if (!actif) return
        if (etaitSilencieuse(erreur)) {
          effacerMarqueur()
          aller(erreur.state)
        } else {
          setEchec(true)
        }
      },
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
        <button type="button" onClick={() => void seConnecter('/')}>
          Se connecter
        </button>
      </div>
      <p>
        <Link to="/">Retour à l'accueil</Link>
      </p>
    </>
  )
}
