import { useCallback, useState } from 'react'
import type { FluxIcalCree, FluxIcalInfo } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { lireRefus } from '../commun/erreurs'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { Alerte, Horodatage, Section, Statut } from './formulaire'

const USAGE = 'emploi-du-temps'

/** The same address for calendar apps that open webcal:// links (iPhone, macOS, Outlook): they subscribe at once. */
export function adresseWebcal(adresse: string) {
  return adresse.replace(/^https?:\/\//, 'webcal://')
}

/**
 * « Mon emploi du temps dans mon agenda »: the person's private iCal address (their lessons, their children's, the homework
 * due), which their phone's calendar subscribes to. The address is shown once, when created, with a copy button and how to
 * add it on an iPhone or an Android phone; afterwards only its dates are listed, and it can be revoked. Creating another
 * replaces it (a leaked address is fixed that way).
 */
export function AgendaIcal() {
  const api = useApi()
  const charger = useCallback((signal: AbortSignal) => api.scolarite.listerFluxIcal(signal), [api])
  const [etat, recharger] = useDonnees(charger)
  const [cree, setCree] = useState<FluxIcalCree | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const [succes, setSucces] = useState<string | null>(null)
  const [echec, setEchec] = useState<string | null>(null)

  const actifs = etat.statut === 'pret' ? etat.donnees.filter((f) => f.usage === USAGE && !f.revoqueLe) : []

  const creer = async () => {
    setSucces(null)
    setEchec(null)
    setEnvoi(true)
    try {
      const nouveau = await api.scolarite.creerFluxIcal({ usage: USAGE })
      setCree(nouveau)
      setSucces(nouveau.remplace ? 'Nouvelle adresse créée : l’ancienne ne fonctionne plus.' : 'Adresse créée.')
      recharger()
    } catch (erreur) {
      setEchec(lireRefus(erreur).message)
    } finally {
      setEnvoi(false)
    }
  }

  const revoquer = async (flux: FluxIcalInfo) => {
    setSucces(null)
    setEchec(null)
    try {
      await api.scolarite.revoquerFluxIcal(flux.id)
      if (cree?.id === flux.id) setCree(null)
      setSucces('Adresse révoquée : les agendas abonnés ne reçoivent plus rien.')
      recharger()
    } catch (erreur) {
      setEchec(lireRefus(erreur).message)
    }
  }

  const copier = async (adresse: string) => {
    setEchec(null)
    try {
      await navigator.clipboard.writeText(adresse)
      setSucces('Adresse copiée.')
    } catch {
      setEchec('La copie a échoué : sélectionnez l’adresse et copiez-la à la main.')
    }
  }

  return (
    <Section id="titre-agenda-ical" titre="Mon emploi du temps dans mon agenda">
      <p>
        Abonnez l’agenda de votre téléphone à votre emploi du temps : les cours des semaines à venir (et ceux de vos enfants), leurs
        changements et les devoirs à faire s’y affichent et se mettent à jour seuls.
      </p>
      <p>
        Cette adresse est personnelle : qui la connaît voit cet emploi du temps. Elle ne s’affiche qu’une fois ; en créer une nouvelle
        remplace la précédente.
      </p>

      {cree && (
        <div className="carte" role="group" aria-labelledby="titre-adresse-agenda">
          <h3 id="titre-adresse-agenda">Votre adresse d’agenda</h3>
          <label htmlFor="adresse-agenda">Adresse (à copier maintenant : elle ne sera plus affichée)</label>
          <input id="adresse-agenda" type="text" readOnly value={cree.adresse} onFocus={(e) => e.currentTarget.select()} />
          <p>
            <button type="button" onClick={() => void copier(cree.adresse)}>
              Copier l’adresse
            </button>{' '}
            <a href={adresseWebcal(cree.adresse)}>Ouvrir dans mon agenda</a>
          </p>
          <details>
            <summary>Comment l’ajouter sur mon téléphone ?</summary>
            <h4>iPhone</h4>
            <ol>
              <li>Touchez « Ouvrir dans mon agenda » ci-dessus, puis « S’abonner ».</li>
              <li>
                Ou : copiez l’adresse, ouvrez Réglages › Calendrier › Comptes › Ajouter un compte › Autre › Ajouter un calendrier avec
                abonnement, et collez-la.
              </li>
            </ol>
            <h4>Android (Google Agenda)</h4>
            <ol>
              <li>Copiez l’adresse, puis ouvrez calendar.google.com dans un navigateur (en mode « ordinateur » sur le téléphone).</li>
              <li>À gauche, « Autres agendas » › « + » › « À partir de l’URL », collez l’adresse et validez.</li>
              <li>Dans l’application Google Agenda, Paramètres › cet agenda › activez « Synchroniser ».</li>
            </ol>
            <p>Les agendas relisent l’adresse d’eux-mêmes, toutes les heures environ : un changement peut mettre ce temps à apparaître.</p>
          </details>
        </div>
      )}

      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : actifs.length === 0 ? (
        <p>Aucune adresse d’agenda active.</p>
      ) : (
        <ul className="cartes">
          {actifs.map((f) => (
            <li key={f.id} className="carte">
              <h3>Adresse de l’emploi du temps</h3>
              <dl className="details">
                <dt>Créée le</dt>
                <dd>
                  <Horodatage le={f.creeLe} />
                </dd>
                <dt>Dernière lecture par un agenda</dt>
                <dd>{f.derniereLecture ? <Horodatage le={f.derniereLecture} /> : 'jamais'}</dd>
              </dl>
              <button type="button" onClick={() => void revoquer(f)}>
                Révoquer <span className="visuellement-cache">l’adresse créée le {new Date(f.creeLe).toLocaleDateString('fr-FR')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <button type="button" onClick={() => void creer()} disabled={envoi}>
        {actifs.length > 0 ? 'Créer une nouvelle adresse (remplace l’actuelle)' : 'Créer mon adresse d’agenda'}
      </button>
      <Alerte message={echec} />
      <Statut message={succes} />
    </Section>
  )
}
