import { useCallback, useEffect, useState } from 'react'
import type { ExportRgpd, Moi } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { enregistrerFichier } from '../commun/appels'
import { messageErreur } from '../commun/erreurs'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'

const formatDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' })

/** How often an export being prepared is read again. */
export const INTERVALLE_EXPORT = 2000

const ETATS: Record<string, string> = {
  en_attente: 'En attente',
  en_cours: 'En préparation',
  pret: 'Prêt',
  echoue: 'Échec',
}

/**
 * « Mes données » in /compte (RGPD: right of access and portability): the person asks for an archive of everything Ent
 * holds about them, or about one of their children for a legal guardian; it is prepared in the background (its progress
 * read every two seconds, announced politely), then downloaded for 7 days.
 */
export function MesDonnees({ moi }: { moi: Moi }) {
  const api = useApi()
  const charger = useCallback((signal: AbortSignal) => api.identite.listerExportsRgpd(signal), [api])
  const [etat, recharger] = useDonnees(charger)
  const { envoyer, envoi, refus } = useEnvoi()
  const [telechargement, setTelechargement] = useState<{ id: string; message: string; erreur: boolean } | null>(null)

  const enPreparation = etat.statut === 'pret' && etat.donnees.some((x) => x.etat === 'en_attente' || x.etat === 'en_cours')
  useEffect(() => {
    if (!enPreparation) return
    const minuteur = setTimeout(recharger, INTERVALLE_EXPORT)
    return () => clearTimeout(minuteur)
  }, [enPreparation, etat, recharger])

  const demander = async (personneId: string | undefined) => {
    setTelechargement(null)
    const fait = await envoyer(() => api.identite.demanderExportRgpd({ personneId }))
    if (fait) recharger()
  }

  const telecharger = async (x: ExportRgpd) => {
    setTelechargement(null)
    try {
      const fichier = await api.identite.telechargerExportRgpd(x.id)
      enregistrerFichier(fichier.data, fichier.fileName ?? `donnees-ent-${x.demandeLe.slice(0, 10)}.zip`)
      setTelechargement({ id: x.id, message: `Données de ${x.personne} téléchargées.`, erreur: false })
    } catch (erreur) {
      setTelechargement({ id: x.id, message: messageErreur(erreur), erreur: true })
    }
  }

  const eleve = moi.profils.some((p) => p.profil === 'eleve')
  return (
    <section aria-labelledby="titre-donnees" className="carte section-compte">
      <h2 id="titre-donnees">Mes données personnelles</h2>
      <p>
        Téléchargez tout ce qu'Ent garde sur vous{moi.enfants.length > 0 ? ' ou sur vos enfants' : ''} : une archive zip avec un résumé
        lisible (PDF) et le détail de chaque donnée. Elle est préparée en quelques instants, puis reste disponible 7 jours.
      </p>
      {eleve && <p className="aide">Si vous êtes mineur, ce sont vos responsables légaux qui téléchargent vos données, depuis leur compte.</p>}
      <div className="actions">
        <button type="button" onClick={() => void demander(undefined)} disabled={envoi}>
          Préparer l'export de mes données
        </button>
        {moi.enfants.map((e) => (
          <button key={e.id} type="button" className="secondaire" onClick={() => void demander(e.id)} disabled={envoi}>
            Préparer l'export des données de {e.prenom}
          </button>
        ))}
      </div>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.length === 0 ? (
        <p>Aucun export disponible.</p>
      ) : (
        <ul className="cartes" aria-label="Exports disponibles">
          {etat.donnees.map((x) => (
            <li key={x.id} className="carte">
              <h3>Données de {x.personne}</h3>
              <p className="aide">
                Demandé le <time dateTime={x.demandeLe}>{formatDate.format(new Date(x.demandeLe))}</time>
                {x.etat === 'pret' && (
                  <>
                    {' '}
                    · disponible jusqu'au <time dateTime={x.expireLe}>{formatDate.format(new Date(x.expireLe))}</time>
                  </>
                )}
              </p>
              <p aria-live="polite">
                {ETATS[x.etat] ?? x.etat}
                {(x.etat === 'en_attente' || x.etat === 'en_cours') && ` : ${x.progression} %`}
                {x.etat === 'echoue' && ' : demandez un nouvel export.'}
              </p>
              {(x.etat === 'en_attente' || x.etat === 'en_cours') && (
                <progress max={100} value={x.progression} aria-label={`Préparation de l'export des données de ${x.personne}`} />
              )}
              {x.etat === 'pret' && (
                <button type="button" onClick={() => void telecharger(x)}>
                  Télécharger <span className="visuellement-cache">les données de {x.personne}</span>
                  {x.taille != null && ` (${Math.max(1, Math.round(x.taille / 1024))} ko)`}
                </button>
              )}
              {telechargement?.id === x.id && (
                <p role={telechargement.erreur ? 'alert' : 'status'} className={telechargement.erreur ? 'erreur' : 'succes'}>
                  {telechargement.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
