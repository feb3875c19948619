import { useCallback, useId, useState } from 'react'
import type { AbonnementPush, PreferencesPush } from '../api/ent-client'
import { lireRefus, type Refus } from '../commun/erreurs'
import { SANS_REFUS } from '../commun/useEnvoi'
import { Attente } from '../commun/Attente'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { abonnementActuel, abonner, enJson, pushDisponible } from '../push/abonnement'
import { Alerte, Horodatage, Section, Statut } from './formulaire'

// French strings, grouped here until the i18n issue moves them.
export const TEXTES = {
  titre: 'Notifications sur cet appareil',
  indisponible:
    'Ce navigateur ne sait pas recevoir de notifications push (ou la page n’est pas en connexion sécurisée). ' +
    'Vous restez prévenu dans l’application, par SMS ou par courriel selon vos choix.',
  desactivePlateforme: 'Les notifications push ne sont pas proposées par votre ENT pour le moment.',
  activer: 'Activer sur cet appareil',
  desactiver: 'Désactiver sur cet appareil',
  actif: 'Les notifications sont activées sur cet appareil.',
  inactif: 'Les notifications ne sont pas activées sur cet appareil.',
  refuse:
    'Vous avez bloqué les notifications pour ce site. Autorisez-les dans les réglages du navigateur (icône à gauche de l’adresse), puis réessayez.',
  activees: 'Notifications activées sur cet appareil.',
  desactivees: 'Notifications désactivées sur cet appareil.',
  genres: 'Recevoir en notification push',
  enregistrer: 'Enregistrer mes choix',
  enregistres: 'Choix enregistrés.',
  appareils: 'Mes appareils abonnés',
  aucunAppareil: 'Aucun appareil abonné.',
  cetAppareil: '(cet appareil)',
  retirer: 'Retirer',
  ajouteLe: 'ajouté le',
  dernierEnvoi: 'dernière notification reçue le',
  echecNavigateur: 'Le navigateur n’a pas pu activer les notifications. Réessayez plus tard.',
} as const

const GENRES: { cle: keyof PreferencesPush; libelle: string }[] = [
  { cle: 'absences', libelle: 'Absences et retards' },
  { cle: 'notes', libelle: 'Nouvelles notes' },
  { cle: 'messages', libelle: 'Nouveaux messages' },
  { cle: 'annonces', libelle: 'Annonces' },
]

/** What the block shows once loaded: push off on the platform, or my key, this browser's endpoint, devices and choices. */
type Donnees =
  | { desactive: true }
  | { desactive: false; cle: string; endpoint: string | null; appareils: AbonnementPush[]; preferences: PreferencesPush }

const statutHttp = (e: unknown) => (e && typeof e === 'object' && 'status' in e ? (e as { status: unknown }).status : undefined)

/**
 * « Mon compte »: push on this device (issue 19) — activate or deactivate it here, choose the kinds sent as push, see
 * and remove my other devices. Hidden, with a sentence that says why, when the browser has no Push API or push is off.
 */
export function NotificationsAppareil() {
  const id = useId()
  if (!pushDisponible()) {
    return (
      <Section id={`${id}-titre`} titre={TEXTES.titre}>
        <p>{TEXTES.indisponible}</p>
      </Section>
    )
  }
  return <BlocPush id={id} />
}

function BlocPush({ id }: { id: string }) {
  const api = useApi()
  const charger = useCallback(
    async (signal: AbortSignal): Promise<Donnees> => {
      let clePublique: string
      try {
        clePublique = (await api.communication.obtenirClePubliquePush(signal)).clePublique
      } catch (e) {
        if (statutHttp(e) === 404) return { desactive: true }
        throw e
      }
      const [appareils, preferences, actuel] = await Promise.all([
        api.communication.listerMesAbonnementsPush(signal),
        api.communication.obtenirMesPreferencesPush(signal),
        abonnementActuel(),
      ])
      return { desactive: false, cle: clePublique, endpoint: actuel?.endpoint ?? null, appareils, preferences }
    },
    [api],
  )
  const [etat, recharger] = useDonnees(charger)
  const [choix, setChoix] = useState<PreferencesPush | null>(null)
  const [refus, setRefus] = useState<Refus>(SANS_REFUS)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)

  if (etat.statut !== 'pret') {
    return (
      <Section id={`${id}-titre`} titre={TEXTES.titre}>
        <Attente etat={etat} recharger={recharger} />
      </Section>
    )
  }
  const donnees = etat.donnees
  if (donnees.desactive) {
    return (
      <Section id={`${id}-titre`} titre={TEXTES.titre}>
        <p>{TEXTES.desactivePlateforme}</p>
      </Section>
    )
  }
  const preferences = choix ?? donnees.preferences

  const agir = async (action: () => Promise<string | null>) => {
    setRefus(SANS_REFUS)
    setSucces(null)
    setEnvoi(true)
    try {
      setSucces(await action())
      recharger()
    } catch (e) {
      setRefus(lireRefus(e))
    } finally {
      setEnvoi(false)
    }
  }

  const activer = () =>
    agir(async () => {
      const permission = await Notification.requestPermission()
      if (permission !== 'granted') {
        setRefus({ champs: {}, message: TEXTES.refuse })
        return null
      }
      let abonnement: PushSubscription
      try {
        abonnement = await abonner(donnees.cle)
      } catch {
        setRefus({ champs: {}, message: TEXTES.echecNavigateur })
        return null
      }
      await api.communication.enregistrerMonAbonnementPush(enJson(abonnement))
      return TEXTES.activees
    })

  const desactiver = () =>
    agir(async () => {
      const abonnement = await abonnementActuel()
      if (abonnement) {
        await api.communication.supprimerMonAbonnementPush(abonnement.endpoint).catch((e: unknown) => {
          if (statutHttp(e) !== 404) throw e
        })
        await abonnement.unsubscribe()
      }
      return TEXTES.desactivees
    })

  const retirer = (endpoint: string) => agir(async () => (await api.communication.supprimerMonAbonnementPush(endpoint), null))

  const enregistrer = (preferences: PreferencesPush) =>
    agir(async () => {
      setChoix(await api.communication.modifierMesPreferencesPush(preferences))
      return TEXTES.enregistres
    })

  return (
    <Section id={`${id}-titre`} titre={TEXTES.titre}>
      <p>{donnees.endpoint ? TEXTES.actif : TEXTES.inactif}</p>
      {donnees.endpoint ? (
        <button type="button" onClick={desactiver} disabled={envoi}>
          {TEXTES.desactiver}
        </button>
      ) : (
        <button type="button" onClick={activer} disabled={envoi}>
          {TEXTES.activer}
        </button>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void enregistrer(preferences)
        }}
      >
        <fieldset className="canaux">
          <legend>{TEXTES.genres}</legend>
          {GENRES.map((g) => (
            <div key={g.cle} className="case">
              <input
                id={`${id}-${g.cle}`}
                type="checkbox"
                checked={preferences[g.cle]}
                onChange={(e) => {
                  setChoix({ ...preferences, [g.cle]: e.target.checked })
                  setSucces(null)
                }}
              />
              <label htmlFor={`${id}-${g.cle}`}>{g.libelle}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" disabled={envoi}>
          {TEXTES.enregistrer}
        </button>
      </form>
      <h3>{TEXTES.appareils}</h3>
      {donnees.appareils.length === 0 ? (
        <p>{TEXTES.aucunAppareil}</p>
      ) : (
        <ul className="appareils-push">
          {donnees.appareils.map((a) => (
            <li key={a.id}>
              {a.appareil} {a.endpoint === donnees.endpoint && <strong>{TEXTES.cetAppareil}</strong>} — {TEXTES.ajouteLe}{' '}
              <Horodatage le={String(a.creeLe)} />
              {a.dernierSucces && (
                <>
                  , {TEXTES.dernierEnvoi} <Horodatage le={String(a.dernierSucces)} />
                </>
              )}{' '}
              <button type="button" onClick={() => void retirer(a.endpoint)} disabled={envoi} aria-label={`${TEXTES.retirer} ${a.appareil}`}>
                {TEXTES.retirer}
              </button>
            </li>
          ))}
        </ul>
      )}
      <Alerte message={refus.message} />
      <Statut message={succes} />
    </Section>
  )
}
