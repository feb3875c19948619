import { useEffect, useState } from 'react'
import { useSession } from './contexte'

/** /connexion/retour: the server sends the browser back here with the authorization code; exchange it, then go home. */
export function RetourConnexion({ naviguer }: { naviguer: (chemin: string) => void }) {
  const { terminerConnexion, seConnecter } = useSession()
  const [echec, setEchec] = useState(false)

  useEffect(() => {
    let actif = true
    terminerConnexion(window.location.href).then(
      () => actif && naviguer('/'),
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
        <a href="/">Retour à l'accueil</a>
      </p>
    </>
  )
}
