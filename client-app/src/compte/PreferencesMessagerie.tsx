import { useCallback, useId, useState, type FormEvent } from 'react'
import type { PreferencesMessagerie as Preferences } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { lireRefus, type Refus } from '../commun/erreurs'
import { SANS_REFUS } from '../commun/useEnvoi'
import { useDonnees } from '../commun/useDonnees'
import { useApi } from '../commun/useApi'
import { Alerte, Section, Statut } from './formulaire'

/**
 * How I am told of new messages: always in the application; on request, one e-mail a day listing my conversations with
 * unread messages (off until asked; it needs an e-mail address). Never SMS for messages: the option is not offered.
 */
export function PreferencesMessagerie() {
  const api = useApi()
  const charger = useCallback((signal: AbortSignal) => api.communication.obtenirMesPreferencesMessagerie(signal), [api])
  const [etat, recharger] = useDonnees(charger)
  const [choix, setChoix] = useState<Preferences | null>(null)
  const [refus, setRefus] = useState<Refus>(SANS_REFUS)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const id = useId()
  const preferences = choix ?? (etat.statut === 'pret' ? etat.donnees : null)

  const envoyer = async (e: FormEvent) => {
    e.preventDefault()
    if (!preferences) return
    setSucces(null)
    setRefus(SANS_REFUS)
    setEnvoi(true)
    try {
      setChoix(await api.communication.modifierMesPreferencesMessagerie({ resumeCourriel: preferences.resumeCourriel }))
      setSucces('Préférences enregistrées.')
    } catch (erreur) {
      setRefus(lireRefus(erreur))
    } finally {
      setEnvoi(false)
    }
  }

  const erreur = refus.champs.resumeCourriel
  return (
    <Section id="titre-preferences-messagerie" titre="Messagerie">
      {!preferences ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <form onSubmit={envoyer} noValidate>
          <p>Les nouveaux messages arrivent toujours dans l'application. Ils ne sont jamais envoyés par SMS.</p>
          <div className="case">
            <input
              id={`${id}-resume`}
              type="checkbox"
              checked={preferences.resumeCourriel}
              aria-describedby={`${id}-aide${erreur ? ` ${id}-erreur` : ''}`}
              aria-invalid={erreur ? true : undefined}
              onChange={(e) => {
                setChoix({ ...preferences, resumeCourriel: e.target.checked })
                setSucces(null)
              }}
            />
            <label htmlFor={`${id}-resume`}>Recevoir chaque jour à {preferences.heureResume} h un résumé par courriel de mes messages non lus</label>
          </div>
          <p id={`${id}-aide`} className="aide">
            {preferences.courrielConnu
              ? "Le résumé donne l'expéditeur, le sujet et un lien de chaque conversation ; jamais le texte ni les pièces jointes. Rien n'est envoyé si tout est lu."
              : 'Ajoutez d’abord une adresse électronique dans vos coordonnées ci-dessus : le résumé y est envoyé.'}
          </p>
          {erreur && (
            <p id={`${id}-erreur`} className="erreur-champ">
              {erreur}
            </p>
          )}
          <Alerte message={refus.message} />
          <button type="submit" disabled={envoi}>
            Enregistrer
          </button>
        </form>
      )}
      <Statut message={succes} />
    </Section>
  )
}
