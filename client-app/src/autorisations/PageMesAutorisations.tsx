import { useCallback, useId, useRef, useState, type FormEvent } from 'react'
import { useSearchParams } from 'react-router'
import type { EnfantConsentement, MonConsentement } from '../api/ent-client'
import { enregistrerFichier } from '../commun/appels'
import { Attente } from '../commun/Attente'
import { horodatage } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { cout, limite, quand, STATUTS } from './autorisation'
import './autorisations.css'

/**
 * /autorisations: a guardian's consent forms for outings and projects, child by child. Each answer is signed: the
 * guardian chooses yes or no, reads the statement that choice certifies (word for word what the school keeps) and
 * ticks « Je certifie… ». They may change their answer until the deadline. The form a notification names opens first.
 */
export function PageMesAutorisations() {
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.listerMesConsentements(signal), [client])
  const [etat, recharger] = useDonnees(charger)
  const [params] = useSearchParams()
  const choisi = params.get('consentement')
  return (
    <>
      <h1>Autorisations</h1>
      <p className="aide">Les sorties et projets pour lesquels l'établissement vous demande votre accord.</p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.length === 0 ? (
        <p>Aucune demande d'autorisation pour le moment.</p>
      ) : (
        <ul className="autorisations">
          {[...etat.donnees]
            .sort((a, b) => Number(b.id === choisi) - Number(a.id === choisi))
            .map((c) => (
              <CarteConsentement key={c.id} consentement={c} />
            ))}
        </ul>
      )}
    </>
  )
}

function CarteConsentement({ consentement: c }: { consentement: MonConsentement }) {
  const client = useApi().communication
  const titreId = useId()
  return (
    <li className="carte autorisation" aria-labelledby={titreId}>
      <h2 id={titreId}>{c.titre}</h2>
      <dl className="details-autorisation">
        <dt>Quand</dt>
        <dd>{quand(c.debut, c.fin)}</dd>
        <dt>Où</dt>
        <dd>{c.lieu}</dd>
        <dt>Coût</dt>
        <dd>{cout(c.coutCentimes)}</dd>
        <dt>Organisé par</dt>
        <dd>{c.organisateur}</dd>
        <dt>Réponse avant le</dt>
        <dd>{limite(c.dateLimite)}</dd>
      </dl>
      <p className="texte-autorisation">{c.description}</p>
      {c.piecesJointes.length > 0 && (
        <ul className="pieces-autorisation" aria-label="Documents">
          {c.piecesJointes.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="lien"
                onClick={() =>
                  void client.telechargerPieceJointeConsentement(c.id, p.id).then((f) => enregistrerFichier(f.data, p.nom))
                }
              >
                {p.nom}
              </button>
            </li>
          ))}
        </ul>
      )}
      {c.enfants.map((e) => (
        <Reponse key={e.eleveId} consentement={c} enfant={e} />
      ))}
    </li>
  )
}

function Reponse({ consentement, enfant }: { consentement: MonConsentement; enfant: EnfantConsentement }) {
  const client = useApi().communication
  const id = useId()
  const { envoyer, envoi, refus } = useEnvoi()
  const [monAccord, setMonAccord] = useState<boolean | null>(enfant.monAccord ?? null)
  const [signeeLe, setSigneeLe] = useState<string | null>(enfant.signeeLe ?? null)
  const [etatEleve, setEtatEleve] = useState(enfant.statut)
  const [choix, setChoix] = useState<boolean | null>(null)
  const [certifie, setCertifie] = useState(false)
  const [modifier, setModifier] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const statut = useRef<HTMLParagraphElement>(null)

  const signer = async (e: FormEvent) => {
    e.preventDefault()
    if (choix === null) return
    const fait = await envoyer(() => client.repondreConsentement(consentement.id, enfant.eleveId, { accord: choix, jeCertifie: certifie }))
    if (!fait) return
    setMonAccord(fait.accord)
    setSigneeLe(fait.signeeLe)
    setEtatEleve(fait.statut)
    setModifier(false)
    setChoix(null)
    setCertifie(false)
    setMessage(fait.accord ? `Réponse signée : vous autorisez ${enfant.eleve} à participer.` : `Réponse signée : vous n'autorisez pas ${enfant.eleve} à participer.`)
    // The form disappears with the answer: the focus goes to what replaced it.
    requestAnimationFrame(() => statut.current?.focus())
  }

  const attestation = choix === null ? null : choix ? enfant.attestationOui : enfant.attestationNon
  const formulaire = consentement.ouvert && (monAccord === null || modifier)
  return (
    <section className="reponse-autorisation" aria-labelledby={`${id}-enfant`}>
      <h3 id={`${id}-enfant`}>{enfant.eleve}</h3>
      <p>
        Participation : <strong>{STATUTS[etatEleve] ?? etatEleve}</strong>
      </p>
      <p ref={statut} tabIndex={-1} role="status" className={message ? 'succes' : undefined}>
        {message}
      </p>
      {monAccord !== null && signeeLe && (
        <p>
          Votre réponse : <strong>{monAccord ? 'oui, j’autorise' : 'non, je n’autorise pas'}</strong>, signée le{' '}
          <time dateTime={signeeLe}>{horodatage(signeeLe)}</time>.
        </p>
      )}
      {enfant.autresReponses.length > 0 && <p className="aide">Autres responsables : {enfant.autresReponses.join(' ; ')}</p>}
      {!consentement.ouvert && monAccord === null && <p>La date limite est passée : adressez-vous à l'établissement.</p>}
      {consentement.ouvert && monAccord !== null && !modifier && (
        <button type="button" className="secondaire" onClick={() => setModifier(true)}>
          Modifier ma réponse
        </button>
      )}
      {formulaire && (
        <form onSubmit={(e) => void signer(e)} noValidate>
          {refus.message && (
            <p role="alert" className="erreur">
              {refus.message}
            </p>
          )}
          <fieldset>
            <legend>Autorisez-vous {enfant.eleve} à participer ?</legend>
            <label>
              <input type="radio" name={`${id}-accord`} checked={choix === true} onChange={() => setChoix(true)} />
              Oui, j'autorise
            </label>
            <label>
              <input type="radio" name={`${id}-accord`} checked={choix === false} onChange={() => setChoix(false)} />
              Non, je n'autorise pas
            </label>
          </fieldset>
          {attestation && (
            <>
              <blockquote id={`${id}-attestation`} className="attestation">
                {attestation}
              </blockquote>
              <label className="certifie">
                <input type="checkbox" checked={certifie} aria-describedby={`${id}-attestation`} onChange={(e) => setCertifie(e.target.checked)} />
                Je certifie l'exactitude de cette déclaration et la signe.
              </label>
              {refus.champs.jeCertifie && <p className="erreur-champ">{refus.champs.jeCertifie}</p>}
            </>
          )}
          <button type="submit" disabled={envoi || choix === null || !certifie}>
            {envoi ? 'Signature…' : 'Signer ma réponse'}
          </button>
        </form>
      )}
    </section>
  )
}
