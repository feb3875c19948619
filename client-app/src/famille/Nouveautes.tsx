import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { DemandeSortie, Moi } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { horodatage } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { avecElement } from '../i18n/insertion'
import { nouveautes, type Nouveaute } from './nouveautes'

const NOMBRE_NOTIFICATIONS = 50

/** Where this device keeps the person's previous visit of the home page (an instant, UTC). */
const cleVisite = (moi: Moi) => `ent:derniere-visite:${moi.id}`

/**
 * The previous visit of the home page on this device, read once; the current one is written for the next visit.
 * Null on the first visit (or when the browser keeps nothing): what is new is then what is unread.
 */
function useDerniereVisite(moi: Moi): string | null {
  const [precedente] = useState(() => {
    try {
      return localStorage.getItem(cleVisite(moi))
    } catch {
      return null
    }
  })
  useEffect(() => {
    try {
      localStorage.setItem(cleVisite(moi), new Date().toISOString())
    } catch {
      // A browser that keeps nothing (private mode) shows the unread ones each time.
    }
  }, [moi])
  return precedente
}

/**
 * « Depuis votre dernière visite »: new grades, absences, decisions on justifications (from the notifications) and the
 * desk's answers to exit requests (from each child's exits), each a link to its page.
 */
export function Nouveautes({ moi, eleves, lien }: { moi: Moi; eleves: { id: string; nom: string | null }[]; lien: (chemin: string) => string }) {
  const derniere = useDerniereVisite(moi)
  const api = useApi()
  const charger = useCallback(
    async (signal: AbortSignal) => {
      const [notifications, sorties] = await Promise.all([
        api.communication.listerMesNotifications(NOMBRE_NOTIFICATIONS, signal),
        // An exit page that cannot be read (no access) adds nothing: the rest still shows.
        Promise.all(eleves.map((e) => api.vieScolaire.obtenirSortiesEleve(e.id, signal).then((s) => s.demandes, () => [] as DemandeSortie[]))),
      ])
      return { notifications: notifications.notifications, demandes: eleves.map((e, i) => ({ eleve: e, demandes: sorties[i] })) }
    },
    [api, eleves],
  )
  const [etat, recharger] = useDonnees(charger)
  const { t } = useTranslation('accueil')
  return (
    <section aria-labelledby="titre-nouveautes">
      <h2 id="titre-nouveautes">{t('nouveautes.titre')}</h2>
      {derniere && (
        <p className="aide">
          {avecElement((date) => t('nouveautes.derniere', { date }), <time dateTime={derniere}>{horodatage(derniere)}</time>)}
        </p>
      )}
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <Liste elements={nouveautes(etat.donnees.notifications, etat.donnees.demandes, derniere, undefined, t)} lien={lien} />
      )}
    </section>
  )
}

function Liste({ elements, lien }: { elements: Nouveaute[]; lien: (chemin: string) => string }) {
  const { t } = useTranslation('accueil')
  if (elements.length === 0) return <p>{t('nouveautes.rien')}</p>
  return (
    <ul className="nouveautes">
      {elements.map((n) => (
        <li key={n.cle}>
          <Link to={n.eleveId ? n.chemin : lien(n.chemin)}>{n.texte}</Link>
        </li>
      ))}
    </ul>
  )
}
