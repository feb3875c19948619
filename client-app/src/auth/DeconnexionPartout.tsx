import { useState } from 'react'
import { lireRefus } from '../commun/erreurs'
import { useApi } from '../commun/useApi'
import { useSession } from './contexte'

/**
 * « Se déconnecter partout »: the server ends every login of the person — those kept with « Rester connecté »
 * included — and revokes every token, this tab's too; the tab then forgets its own and says the session ended.
 */
export function DeconnexionPartout() {
  const api = useApi()
  const { terminerIci } = useSession()
  const [enCours, setEnCours] = useState(false)
  const [echec, setEchec] = useState<string | null>(null)

  const deconnecter = async () => {
    setEnCours(true)
    setEchec(null)
    try {
      await api.identite.deconnecterPartout()
      await terminerIci()
    } catch (erreur) {
      setEchec(lireRefus(erreur).message)
      setEnCours(false)
    }
  }

  return (
    <>
      <p>
        Un appareil perdu, une connexion oubliée sur un ordinateur partagé ? « Se déconnecter partout » ferme toutes vos
        connexions, y compris celles mémorisées avec « Rester connecté », et celle-ci.
      </p>
      <button type="button" onClick={() => void deconnecter()} disabled={enCours}>
        Se déconnecter partout
      </button>
      {echec && (
        <p role="alert" className="erreur">
          {echec}
        </p>
      )}
    </>
  )
}
