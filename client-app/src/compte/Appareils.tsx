import { useCallback, useState } from 'react'
import type { Appareil } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { lireRefus } from '../commun/erreurs'
import { useDonnees } from '../commun/useDonnees'
import { useApi } from '../commun/useApi'
import { DeconnexionPartout } from '../auth/DeconnexionPartout'
import { Alerte, Horodatage, Section, Statut } from './formulaire'

export function Appareils() {
  const api = useApi()
  const charger = useCallback((signal: AbortSignal) => api.identite.listerAppareils(signal), [api])
  const [etat, recharger] = useDonnees(charger)
  const [oublies, setOublies] = useState<string[]>([])
  const [succes, setSucces] = useState<string | null>(null)
  const [echec, setEchec] = useState<string | null>(null)

  const oublier = async (appareil: Appareil) => {
    setSucces(null)
    setEchec(null)
    try {
      await api.identite.oublierAppareil(appareil.id)
      setOublies((o) => [...o, appareil.id])
      setSucces(`Appareil « ${appareil.libelle} » oublié.`)
    } catch (erreur) {
      setEchec(lireRefus(erreur).message)
    }
  }

  const appareils = etat.statut === 'pret' ? etat.donnees.filter((a) => !oublies.includes(a.id)) : []
  return (
    <Section id="titre-appareils" titre="Appareils">
      <p>Les appareils depuis lesquels vous vous êtes connecté. Oubliez ceux que vous ne reconnaissez pas.</p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : appareils.length === 0 ? (
        <p>Aucun appareil enregistré.</p>
      ) : (
        <ul className="cartes">
          {appareils.map((a) => (
            <li key={a.id} className="carte">
              <h3>{a.libelle}</h3>
              {a.connexionMemorisee && <p>Connexion mémorisée (« Rester connecté ») : l'oublier ferme cette connexion.</p>}
              <dl className="details">
                <dt>Première connexion</dt>
                <dd>
                  <Horodatage le={a.premierVu} />
                </dd>
                <dt>Dernière connexion</dt>
                <dd>
                  <Horodatage le={a.dernierVu} />
                </dd>
              </dl>
              <button type="button" onClick={() => void oublier(a)}>
                Oublier <span className="visuellement-cache">l'appareil {a.libelle}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Alerte message={echec} />
      <Statut message={succes} />
      <DeconnexionPartout />
    </Section>
  )
}
