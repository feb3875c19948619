import { useState } from 'react'
import { MessageErreur } from '../commun/MessageErreur'
import { useSession } from '../auth/contexte'
import { appelsAdministration, enregistrer } from './appels'

/**
 * Downloads the activation letters (PDF, one page per person, grouped by class) of a class, or of the whole
 * établissement: the request needs the session's token, so it is a button that saves the file, not a plain link.
 */
export function LettresActivation({ uai, classe }: { uai: string; classe?: string }) {
  const { http } = useSession()
  const [etat, setEtat] = useState<{ envoi: boolean; erreur: unknown; fait: boolean }>({ envoi: false, erreur: null, fait: false })
  const telecharger = async () => {
    setEtat({ envoi: true, erreur: null, fait: false })
    try {
      const pdf = await appelsAdministration(http).lettres(uai, classe ?? null)
      enregistrer(pdf, `lettres-activation-${classe ?? uai}.pdf`)
      setEtat({ envoi: false, erreur: null, fait: true })
    } catch (erreur) {
      setEtat({ envoi: false, erreur, fait: false })
    }
  }
  return (
    <div className="actions-administration">
      <button type="button" className="secondaire" onClick={telecharger} disabled={etat.envoi}>
        {classe ? `Imprimer les lettres d'activation de la classe ${classe}` : "Imprimer les lettres d'activation de l'établissement"}
      </button>
      <div aria-live="polite">
        {etat.envoi && <p>Préparation des lettres…</p>}
        {etat.fait && <p className="succes">Les lettres sont téléchargées (PDF, une page par personne).</p>}
      </div>
      {etat.erreur !== null && <MessageErreur erreur={etat.erreur} />}
    </div>
  )
}
