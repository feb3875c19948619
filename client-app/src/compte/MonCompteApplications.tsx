import { useCallback, useState } from 'react'
import type { ApplicationAutorisee } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useDonnees } from '../commun/useDonnees'
import { useApi } from '../commun/useApi'
import { useEnvoi } from '../commun/useEnvoi'

const formatDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' })

/**
 * « Applications autorisées » in /compte: the third-party applications the person allowed on the consent page, what
 * each may do, and a way to withdraw that access (asked to confirm first: the application loses it at once).
 */
export function ApplicationsAutorisees() {
  const api = useApi()
  const charger = useCallback((signal: AbortSignal) => api.identite.listerApplications(signal), [api])
  const [etat, recharger] = useDonnees(charger)
  const [retirees, setRetirees] = useState<string[]>([])
  const [aConfirmer, setAConfirmer] = useState<string | null>(null)
  const { envoyer, envoi, refus } = useEnvoi()
  const echec = refus.message
  const [succes, setSucces] = useState<string | null>(null)

  const retirer = async (application: ApplicationAutorisee) => {
    setSucces(null)
    const fait = await envoyer(async () => {
      await api.identite.retirerApplication(application.id)
      return true
    })
    if (!fait) return
    setRetirees((r) => [...r, application.id])
    setAConfirmer(null)
    setSucces(`L'application « ${application.nom} » n'a plus accès à votre compte.`)
  }

  const applications = etat.statut === 'pret' ? etat.donnees.filter((a) => !retirees.includes(a.id)) : []
  return (
    <section aria-labelledby="titre-applications" className="carte section-compte">
      <h2 id="titre-applications">Applications autorisées</h2>
      <p>Les applications d'autres éditeurs auxquelles vous avez donné accès à votre compte Ent, et ce qu'elles peuvent faire.</p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : applications.length === 0 ? (
        <p>Aucune application n'a accès à votre compte.</p>
      ) : (
        <ul className="cartes">
          {applications.map((a) => (
            <li key={a.id} className="carte">
              <h3>{a.nom}</h3>
              <p className="aide">
                Autorisée le <time dateTime={a.accordeeLe}>{formatDate.format(new Date(a.accordeeLe))}</time>
              </p>
              <p>Elle peut :</p>
              <ul>
                {a.portees.map((p) => (
                  <li key={p.code}>{p.libelle}</li>
                ))}
              </ul>
              {aConfirmer === a.id ? (
                <div role="group" aria-labelledby={`confirmer-${a.id}`} className="confirmation">
                  <p id={`confirmer-${a.id}`}>
                    Retirer l'accès de « {a.nom} » ? Elle ne pourra plus rien lire ni faire en votre nom ; pour l'utiliser à nouveau, il
                    faudra l'autoriser encore.
                  </p>
                  <button type="button" onClick={() => void retirer(a)} disabled={envoi}>
                    Confirmer le retrait <span className="visuellement-cache">de l'application {a.nom}</span>
                  </button>{' '}
                  <button type="button" className="secondaire" onClick={() => setAConfirmer(null)} disabled={envoi}>
                    Annuler
                  </button>
                </div>
              ) : (
                <button
                  type="button"
                  onClick={() => {
                    setSucces(null)
                    setAConfirmer(a.id)
                  }}
                >
                  Retirer l'accès <span className="visuellement-cache">de l'application {a.nom}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {echec && (
        <p role="alert" className="erreur">
          {echec}
        </p>
      )}
      <p role="status" className={succes ? 'succes' : undefined}>
        {succes}
      </p>
    </section>
  )
}
