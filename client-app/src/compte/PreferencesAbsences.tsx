import { useCallback, useId, useState, type FormEvent } from 'react'
import type { PreferencesNotification } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { lireRefus, type Refus } from '../commun/erreurs'
import { SANS_REFUS } from '../commun/useEnvoi'
import { useDonnees } from '../commun/useDonnees'
import { useApi } from '../commun/useApi'
import { Alerte, Section, Statut } from './formulaire'

const CANAUX: { cle: keyof PreferencesNotification; libelle: string; aide: string }[] = [
  { cle: 'sms', libelle: 'SMS', aide: 'au téléphone mobile ci-dessus' },
  { cle: 'courriel', libelle: 'Courriel', aide: "à l'adresse électronique ci-dessus" },
  { cle: 'application', libelle: 'Application', aide: "dans les notifications de l'accueil d'Ent" },
]

/** How a guardian is told of an absence or lateness: at least one channel, so that no absence goes unsaid. */
export function PreferencesAbsences() {
  const api = useApi()
  const charger = useCallback((signal: AbortSignal) => api.communication.obtenirMesPreferencesNotification(signal), [api])
  const [etat, recharger] = useDonnees(charger)
  const [choix, setChoix] = useState<PreferencesNotification | null>(null)
  const [refus, setRefus] = useState<Refus>(SANS_REFUS)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const id = useId()
  const preferences = choix ?? (etat.statut === 'pret' ? etat.donnees : null)

  const envoyer = async (e: FormEvent) => {
    e.preventDefault()
    if (!preferences) return
    setSucces(null)
    if (!preferences.sms && !preferences.courriel && !preferences.application) {
      setRefus({ champs: {}, message: 'Choisissez au moins une façon d\'être prévenu.' })
      return
    }
    setRefus(SANS_REFUS)
    setEnvoi(true)
    try {
      setChoix(await api.communication.modifierMesPreferencesNotification(preferences))
      setSucces('Préférences enregistrées.')
    } catch (erreur) {
      setRefus(lireRefus(erreur))
    } finally {
      setEnvoi(false)
    }
  }

  return (
    <Section id="titre-preferences-absences" titre="Absences de mes enfants">
      {!preferences ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <form onSubmit={envoyer} noValidate>
          <fieldset className="canaux">
            <legend>Être prévenu des absences par</legend>
            {CANAUX.map((c) => (
              <div key={c.cle} className="case">
                <input
                  id={`${id}-${c.cle}`}
                  type="checkbox"
                  checked={preferences[c.cle]}
                  onChange={(e) => {
                    setChoix({ ...preferences, [c.cle]: e.target.checked })
                    setSucces(null)
                  }}
                />
                <label htmlFor={`${id}-${c.cle}`}>
                  {c.libelle} <span className="aide">({c.aide})</span>
                </label>
              </div>
            ))}
          </fieldset>
          <Alerte message={refus.message} />
          <button type="submit" disabled={envoi}>
            Enregistrer les préférences
          </button>
        </form>
      )}
      <Statut message={succes} />
    </Section>
  )
}
