import { useCallback, useId, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import type { ModerationMessagerie, SignalementRecu } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { etablissementsAdministres } from '../commun/direction'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { PROFILS_MESSAGERIE, quand } from './format'
import { TexteMessage } from './texte'

/**
 * /messagerie/moderation: the head's switches (suspend a profile's sending at once, with a reason shown to those it
 * touches; the region's suspensions shown), the reports with the message, its sender and time, and the blocked senders.
 */
export function PageModerationMessagerie() {
  const etablissement = etablissementsAdministres(useMoi())[0]
  return (
    <>
      <p className="fil-ariane">
        <Link to="/messagerie">Messagerie</Link>
      </p>
      <h1>Modération de la messagerie</h1>
      {etablissement ? <Moderation uai={etablissement.uai} /> : <p>Cette page est réservée à la direction et aux administrateurs de l'établissement.</p>}
    </>
  )
}

function Moderation({ uai }: { uai: string }) {
  const { communication } = useApi()
  const charger = useCallback((signal: AbortSignal) => communication.obtenirModerationMessagerie(uai, signal), [communication, uai])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  return (
    <>
      <Interrupteurs uai={uai} moderation={etat.donnees} apres={recharger} />
      <h2>Signalements</h2>
      {etat.donnees.signalements.length === 0 ? (
        <p>Aucun message signalé.</p>
      ) : (
        <ul className="signalements">
          {etat.donnees.signalements.map((s) => (
            <li key={s.id} className={s.traite ? 'traite' : undefined}>
              <Signalement uai={uai} signalement={s} apres={recharger} />
            </li>
          ))}
        </ul>
      )}
      <h2>Expéditeurs bloqués</h2>
      {etat.donnees.blocages.length === 0 ? (
        <p>Personne n'est bloqué.</p>
      ) : (
        <ul className="liste-simple">
          {etat.donnees.blocages.map((b) => (
            <li key={b.personneId}>
              {b.nom} — {b.motif} ({quand(b.le)}){' '}
              <button
                type="button"
                className="secondaire"
                onClick={() => void communication.debloquerExpediteur(uai, b.personneId).then(recharger)}
              >
                Débloquer <span className="visuellement-cache">{b.nom}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function Interrupteurs({ uai, moderation, apres }: { uai: string; moderation: ModerationMessagerie; apres: () => void }) {
  const { communication } = useApi()
  const ids = { profil: useId(), motif: useId() }
  const [profil, setProfil] = useState('eleve')
  const [motif, setMotif] = useState('')
  const { envoyer, envoi, refus } = useEnvoi()
  const suspendre = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await envoyer(() => communication.suspendreMessagerie(uai, profil, { motif }).then(() => true))
    if (ok) {
      setMotif('')
      apres()
    }
  }
  return (
    <>
      <h2>Suspendre l'envoi de messages</h2>
      {moderation.suspensions.length === 0 ? (
        <p>La messagerie fonctionne pour tous les profils.</p>
      ) : (
        <ul className="liste-simple" aria-label="Suspensions en cours">
          {moderation.suspensions.map((s) => (
            <li key={`${s.profil}-${s.region}`}>
              <strong>{PROFILS_MESSAGERIE[s.profil] ?? s.profil}</strong> : suspendue {s.region ? 'par la région' : 'par la direction'} depuis le{' '}
              {quand(s.le)} — « {s.motif} »{' '}
              {!s.region && (
                <button type="button" className="secondaire" onClick={() => void communication.retablirMessagerie(uai, s.profil).then(apres)}>
                  Rétablir <span className="visuellement-cache">la messagerie : {PROFILS_MESSAGERIE[s.profil]}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form className="formulaire" onSubmit={(e) => void suspendre(e)}>
        <div className="champ">
          <label htmlFor={ids.profil}>Profil</label>
          <select id={ids.profil} value={profil} onChange={(e) => setProfil(e.target.value)}>
            {Object.entries(PROFILS_MESSAGERIE).map(([code, libelle]) => (
              <option key={code} value={code}>
                {libelle}
              </option>
            ))}
          </select>
        </div>
        <div className="champ">
          <label htmlFor={ids.motif}>Raison (montrée aux personnes concernées)</label>
          <textarea id={ids.motif} value={motif} onChange={(e) => setMotif(e.target.value)} maxLength={500} rows={2} />
          {refus.champs.motif && <p className="erreur-champ">{refus.champs.motif}</p>}
        </div>
        {refus.message && (
          <p role="alert" className="erreur">
            {refus.message}
          </p>
        )}
        <button type="submit" disabled={envoi}>
          Suspendre
        </button>
      </form>
    </>
  )
}

function Signalement({ uai, signalement: s, apres }: { uai: string; signalement: SignalementRecu; apres: () => void }) {
  const { communication } = useApi()
  const id = useId()
  const [motif, setMotif] = useState('')
  const { envoyer, envoi, refus } = useEnvoi()
  const bloquer = async (e: FormEvent) => {
    e.preventDefault()
    const ok = await envoyer(() => communication.bloquerExpediteur(uai, s.expediteurId, { motif }).then(() => true))
    if (ok) apres()
  }
  return (
    <article aria-label={`Signalement d'un message de ${s.expediteur}`}>
      <p>
        <strong>{s.expediteur}</strong> · {quand(s.envoyeLe)} · « {s.sujet} »{s.traite && ' · traité'}
      </p>
      <blockquote>
        <TexteMessage texte={s.texte} />
      </blockquote>
      <p className="aide">
        Signalé par {s.signalePar} le {quand(s.signaleLe)} : {s.motif}
      </p>
      {!s.traite && (
        <button type="button" className="secondaire" onClick={() => void communication.traiterSignalement(uai, s.id).then(apres)}>
          Marquer comme traité
        </button>
      )}
      {s.expediteurBloque ? (
        <p>L'expéditeur est bloqué.</p>
      ) : (
        <form className="formulaire" onSubmit={(e) => void bloquer(e)}>
          <div className="champ">
            <label htmlFor={id}>Raison du blocage de {s.expediteur}</label>
            <input id={id} value={motif} onChange={(e) => setMotif(e.target.value)} maxLength={500} />
          </div>
          {refus.message && (
            <p role="alert" className="erreur">
              {refus.message}
            </p>
          )}
          <button type="submit" disabled={envoi}>
            Bloquer l'expéditeur
          </button>
        </form>
      )}
    </article>
  )
}
