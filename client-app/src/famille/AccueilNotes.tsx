import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCallback, useRef, useState } from 'react'
import type { DerniereNote, Notification } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useSession, type ClientHttp } from '../auth/contexte'
import { useDonnees } from '../commun/useDonnees'
import { ouIntrouvable } from '../commun/appels'
import { dateCourte, horodatage, resultat, surBareme } from '../commun/format'
import { avecParametres, type EleveNotes } from '../commun/suivi'
import '../commun/notes.css'
import { creerApi, useApi } from '../commun/useApi'
import { useEnvoi } from '../commun/useEnvoi'
import { lienInterne } from './nouveautes'

const NOMBRE_DERNIERES = 5
const NOMBRE_NOTIFICATIONS = 5

/**
 * The home page's « Dernières notes »: the newest results of the pupil (or of the guardian's chosen child), each a link
 * to the grade on the grades page; « Toutes les notes » opens the period of the newest one (after a change of period,
 * the current one may have none yet).
 */
export function DernieresNotes({ eleve, lienNotes }: { eleve: EleveNotes; lienNotes: string }) {
  const { t } = useTranslation('accueil')
  return (
    <section aria-labelledby="titre-dernieres-notes">
      <h2 id="titre-dernieres-notes">{t('notes.titre')}</h2>
      {eleve.nom && <p className="situation qui">{eleve.nom}</p>}
      {eleve.acces ? (
        <ListeDernieres key={eleve.id} eleveId={eleve.id} lienNotes={lienNotes} />
      ) : (
        <p>{t('notes.pasAcces', { nom: eleve.nom })}</p>
      )}
    </section>
  )
}

/** The grades page's address for a grade: its period, its subject, the assessment highlighted. */
export const lienNote = (lienNotes: string, n: Pick<DerniereNote, 'periodeId' | 'matiereCode' | 'evaluationId'>) =>
  avecParametres(lienNotes, { periode: n.periodeId, matiere: n.matiereCode, evaluation: n.evaluationId })

function ListeDernieres({ eleveId, lienNotes }: { eleveId: string; lienNotes: string }) {
  const api = useApi()
  const charger = useCallback(
    (signal: AbortSignal) => ouIntrouvable(api.scolarite.listerDernieresNotes(eleveId, NOMBRE_DERNIERES, signal)),
    [api, eleveId],
  )
  const [etat, recharger] = useDonnees(charger)
  const { t } = useTranslation('accueil')
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  if (!etat.donnees) return <p>{t('notes.introuvables')}</p>
  const dernieres = etat.donnees
  return (
    <>
      {dernieres.length === 0 ? (
        <p>{t('notes.aucune')}</p>
      ) : (
        <ul className="cartes">
          {dernieres.map((n) => (
            <li key={n.evaluationId} className="carte recente">
              <h3>{n.matiere}</h3>
              <p className="resultat">
                <Link className="resultat-titre" to={lienNote(lienNotes, n)}>
                  {n.titre}
                </Link>
                <strong className={n.valeur != null ? 'resultat-note' : 'resultat-note marqueur'}>{resultat(n)}</strong>
              </p>
              <p className="aide">
                <time dateTime={n.date}>{dateCourte(n.date)}</time>
                {n.moyenneClasse != null && ` · ${t('notes.moyenneClasse', { moyenne: surBareme(n.moyenneClasse, n.bareme) })}`}
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={dernieres.length > 0 ? avecParametres(lienNotes, { periode: dernieres[0].periodeId }) : lienNotes}>{t('notes.toutes')}</Link>
      </p>
    </>
  )
}

/** The person's own in-app notifications: how many are unread, the latest few, and a way to mark them read. */
export function Notifications() {
  const { http } = useSession()
  const api = useApi()
  const charger = useCallback(
    (signal: AbortSignal) => api.communication.listerMesNotifications(NOMBRE_NOTIFICATIONS, signal),
    [api],
  )
  const [etat, recharger] = useDonnees(charger)
  const [lues, setLues] = useState<string[]>([])
  const [toutLu, setToutLu] = useState(false)
  const { envoyer, envoi, refus } = useEnvoi()
  const echec = refus.message
  const [succes, setSucces] = useState<string | null>(null)
  const compteur = useRef<HTMLParagraphElement>(null)
  const { t } = useTranslation('accueil')

  const donnees = etat.statut === 'pret' ? etat.donnees : null
  const estLue = (n: Notification) => n.lue || toutLu || lues.includes(n.id)
  const nonLues = !donnees ? 0 : toutLu ? 0 : donnees.nonLues - donnees.notifications.filter((n) => !n.lue && lues.includes(n.id)).length

  const toutMarquer = async () => {
    setSucces(null)
    const fait = await envoyer(async () => {
      await api.communication.marquerMesNotificationsLues({})
      return true
    })
    if (!fait) return
    setToutLu(true)
    setSucces(t('notifications.toutesLues'))
    // The button goes away with the unread ones: focus moves to the count it changed rather than to the page's top.
    compteur.current?.focus()
  }

  // Following a notification reads it. keepalive: the request outlives the page the link leaves.
  const ouvrir = (n: Notification) => {
    if (estLue(n)) return
    setLues((l) => [...l, n.id])
    const envoyer: ClientHttp = { fetch: (url, init) => http.fetch(url, { ...init, keepalive: true }) }
    creerApi(envoyer).communication.marquerMesNotificationsLues({ ids: [n.id] }).catch(() => undefined)
  }

  return (
    <section aria-labelledby="titre-notifications">
      <h2 id="titre-notifications">{t('notifications.titre')}</h2>
      {!donnees ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <>
          <p className="compteur" tabIndex={-1} ref={compteur}>
            {t('notifications.nonLues', { n: nonLues })}
          </p>
          {donnees.notifications.length === 0 ? (
            <p>{t('notifications.aucune')}</p>
          ) : (
            <ul className="cartes">
              {donnees.notifications.map((n) => {
                const lien = lienInterne(n.lien)
                return (
                  <li key={n.id} className={estLue(n) ? 'carte notification' : 'carte notification non-lue'}>
                    <h3>
                      {!estLue(n) && <span className="etiquette nouveau">{t('notifications.nouveau')}</span>}
                      {lien ? (
                        <Link to={lien} onClick={() => ouvrir(n)}>
                          {n.titre}
                        </Link>
                      ) : (
                        n.titre
                      )}
                    </h3>
                    <p>{n.texte}</p>
                    <p className="aide">
                      <time dateTime={n.le}>{horodatage(n.le)}</time>
                    </p>
                  </li>
                )
              })}
            </ul>
          )}
          {nonLues > 0 && (
            <button type="button" onClick={() => void toutMarquer()} disabled={envoi}>
              {t('notifications.toutLu')}
            </button>
          )}
          {echec && (
            <p role="alert" className="erreur">
              {echec}
            </p>
          )}
        </>
      )}
      <p role="status" className={succes ? 'succes' : undefined}>
        {succes}
      </p>
    </section>
  )
}
