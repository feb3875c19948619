import { useState } from 'react'
import { messageErreur } from '../commun/erreurs'
import { useApi } from '../commun/useApi'
import './sante.css'

/** On the roll call: « PAI : voir l'infirmerie », and the emergency instructions on demand. */
export function IndicateurPai({ eleveId, nom }: { eleveId: string; nom: string }) {
  const client = useApi().vieScolaire
  const [consignes, setConsignes] = useState<string | null>(null)
  const [ouvert, setOuvert] = useState(false)
  const basculer = async () => {
    const ouvrir = !ouvert
    setOuvert(ouvrir)
    if (ouvrir && consignes === null) {
      try {
        setConsignes((await client.obtenirConsignesPai(eleveId)).consignesUrgence ?? "Pas de consigne d'urgence : voir l'infirmerie.")
      } catch (erreur) {
        setConsignes(messageErreur(erreur))
      }
    }
  }
  return (
    <span className="indicateur-pai">
      <button type="button" className="etiquette pai" aria-expanded={ouvert} onClick={() => void basculer()}>
        PAI : voir l'infirmerie<span className="visuellement-cache"> — consignes d'urgence pour {nom}</span>
      </button>
      {ouvert && (
        <span className="consignes-urgence" role="note">
          {consignes ?? 'Chargement…'}
        </span>
      )}
    </span>
  )
}
