import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { ChangementContactEnAttente, Moi } from '../api/ent-client'
import { lireRefus, type Refus } from '../commun/erreurs'
import { SANS_REFUS } from '../commun/useEnvoi'
import { useApi } from '../commun/useApi'
import { Alerte, Champ, Section, Statut } from './formulaire'

type Contact = 'email' | 'mobile'

/**
 * Contacts decide where the code of a forgotten password goes, so a change asks for the current password and then for
 * the code sent to the new contact; one contact at a time. An empty field removes the contact (refused by the server
 * when it is the last one), with the password and no code.
 */
export function Coordonnees({ moi }: { moi: Moi }) {
  const client = useApi().identite
  const id = useId()
  const [enregistres, setEnregistres] = useState({ email: moi.email ?? null, mobile: moi.mobile ?? null })
  const [contact, setContact] = useState<Contact>('email')
  const [valeur, setValeur] = useState('')
  const [motDePasse, setMotDePasse] = useState('')
  const [attente, setAttente] = useState<ChangementContactEnAttente | null>(null)
  const [code, setCode] = useState('')
  const [refus, setRefus] = useState<Refus>(SANS_REFUS)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const champCode = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (attente) champCode.current?.focus()
  }, [attente])

  const terminer = (nouveaux: { email?: string | null; mobile?: string | null }, message: string) => {
    setEnregistres({ email: nouveaux.email ?? null, mobile: nouveaux.mobile ?? null })
    setAttente(null)
    setValeur('')
    setMotDePasse('')
    setCode('')
    setSucces(message)
  }

  const demander = async (e: FormEvent) => {
    e.preventDefault()
    setSucces(null)
    setRefus(SANS_REFUS)
    setEnvoi(true)
    try {
      const reponse = await client.demanderChangementContact({ contact, valeur: valeur.trim() || null, motDePasse })
      if (reponse.enAttente) {
        setMotDePasse('')
        setAttente(reponse.enAttente)
      } else {
        terminer(reponse.enregistres, contact === 'email' ? 'Adresse électronique retirée.' : 'Mobile retiré.')
      }
    } catch (erreur) {
      setRefus(lireRefus(erreur))
    } finally {
      setEnvoi(false)
    }
  }

  const confirmer = async (e: FormEvent) => {
    e.preventDefault()
    if (!attente) return
    setRefus(SANS_REFUS)
    setEnvoi(true)
    try {
      terminer(await client.confirmerChangementContact(attente.id, { code: code.trim() }), 'Coordonnées enregistrées.')
    } catch (erreur) {
      setRefus(lireRefus(erreur))
    } finally {
      setEnvoi(false)
    }
  }

  const annuler = () => {
    setAttente(null)
    setCode('')
    setRefus(SANS_REFUS)
  }

  return (
    <Section id="titre-coordonnees" titre="Coordonnées pour les notifications">
      <p>L'établissement et Ent vous préviennent à ces coordonnées ; le code d'un mot de passe oublié y est envoyé.</p>
      <dl className="coordonnees">
        <dt>Adresse électronique</dt>
        <dd>{enregistres.email ?? 'aucune'}</dd>
        <dt>Téléphone mobile</dt>
        <dd>{enregistres.mobile ?? 'aucun'}</dd>
      </dl>
      {!attente ? (
        <form onSubmit={demander} noValidate>
          <fieldset>
            <legend>Coordonnée à changer</legend>
            {(['email', 'mobile'] as const).map((c) => (
              <div key={c} className="case">
                <input
                  id={`${id}-${c}`}
                  type="radio"
                  name={`${id}-contact`}
                  checked={contact === c}
                  onChange={() => {
                    setContact(c)
                    setValeur('')
                    setRefus(SANS_REFUS)
                  }}
                />
                <label htmlFor={`${id}-${c}`}>{c === 'email' ? 'Adresse électronique' : 'Téléphone mobile'}</label>
              </div>
            ))}
          </fieldset>
          {contact === 'email' ? (
            <Champ
              libelle="Nouvelle adresse électronique"
              aide="Laissez vide pour la retirer. Un code vous sera envoyé à la nouvelle adresse."
              type="email"
              autoComplete="email"
              value={valeur}
              onChange={(e) => setValeur(e.target.value)}
              erreur={refus.champs.valeur ?? refus.champs.contact}
            />
          ) : (
            <Champ
              libelle="Nouveau numéro de mobile"
              aide="Par exemple 06 12 34 56 78. Laissez vide pour le retirer. Un code vous sera envoyé par SMS au nouveau numéro."
              type="tel"
              autoComplete="tel"
              value={valeur}
              onChange={(e) => setValeur(e.target.value)}
              erreur={refus.champs.valeur ?? refus.champs.contact}
            />
          )}
          <Champ
            libelle="Mot de passe actuel"
            type="password"
            autoComplete="current-password"
            value={motDePasse}
            onChange={(e) => setMotDePasse(e.target.value)}
            erreur={refus.champs.motDePasse}
            required
          />
          <Alerte message={refus.message} />
          <button type="submit" disabled={envoi}>
            {valeur.trim() ? 'Recevoir un code' : contact === 'email' ? "Retirer l'adresse électronique" : 'Retirer le mobile'}
          </button>
        </form>
      ) : (
        <form onSubmit={confirmer} noValidate>
          <Champ
            ref={champCode}
            libelle="Code reçu (6 chiffres)"
            aide={`Envoyé à ${attente.destination}. Il est valable 15 minutes.`}
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            erreur={refus.champs.code}
            required
          />
          <Alerte message={refus.message} />
          <button type="submit" disabled={envoi}>
            Confirmer
          </button>
          <button type="button" className="secondaire" onClick={annuler}>
            Annuler
          </button>
        </form>
      )}
      <Statut message={succes} />
    </Section>
  )
}
