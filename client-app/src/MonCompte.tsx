import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode, type Ref } from 'react'
import {
  CommunicationClient,
  IdentiteClient,
  type Appareil,
  type ChangementContactEnAttente,
  type Enfant,
  type Moi,
  type PreferencesNotification,
} from './api/ent-client'
import { Attente } from './Attente'
import { ApplicationsAutorisees } from './MonCompteApplications'
import { useSession } from './auth/contexte'
import { DeconnexionPartout } from './auth/DeconnexionPartout'
import { grouperParQuatre, libelleDomaine, libelleQualite } from './profils'
import { lireRefus, type Refus } from './refus'
import { useDonnees } from './useDonnees'

/**
 * /compte: password, contacts for notifications, second factor, devices, the third-party applications allowed and, for a guardian, how to be told of the
 * children's absences and who read the children's data.
 */
export function MonCompte({ moi }: { moi: Moi }) {
  return (
    <>
      <h1>Mon compte</h1>
      <MotDePasse />
      <Coordonnees moi={moi} />
      {moi.enfants.length > 0 && <PreferencesAbsences />}
      <DoubleAuthentification activeInitialement={moi.doubleAuthentification} />
      <Appareils />
      <ApplicationsAutorisees />
      {moi.enfants.length > 0 && <JournalAcces enfants={moi.enfants} />}
    </>
  )
}

function useClient() {
  const { http } = useSession()
  return new IdentiteClient('', http)
}

/** A labelled input with its error next to it, tied by aria-describedby. */
function Champ({
  libelle,
  erreur,
  aide,
  ref,
  ...input
}: { libelle: string; erreur?: string; aide?: string; ref?: Ref<HTMLInputElement> } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId()
  const decrit = [aide && `${id}-aide`, erreur && `${id}-erreur`].filter(Boolean).join(' ')
  return (
    <div className="champ">
      <label htmlFor={id}>{libelle}</label>
      {aide && (
        <p id={`${id}-aide`} className="aide">
          {aide}
        </p>
      )}
      <input ref={ref} id={id} aria-invalid={erreur ? true : undefined} aria-describedby={decrit || undefined} {...input} />
      {erreur && (
        <p id={`${id}-erreur`} className="erreur-champ">
          {erreur}
        </p>
      )}
    </div>
  )
}

function Section({ id, titre, children }: { id: string; titre: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="carte section-compte">
      <h2 id={id}>{titre}</h2>
      {children}
    </section>
  )
}

function Alerte({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="erreur">
      {message}
    </p>
  ) : null
}

/** The success region stays in the page so that screen readers announce the text put in it. */
function Statut({ message }: { message: string | null }) {
  return (
    <p role="status" className={message ? 'succes' : undefined}>
      {message}
    </p>
  )
}

const SANS_REFUS: Refus = { champs: {}, message: null }

function MotDePasse() {
  const client = useClient()
  const [actuel, setActuel] = useState('')
  const [nouveau, setNouveau] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [refus, setRefus] = useState<Refus>(SANS_REFUS)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)

  const envoyer = async (e: FormEvent) => {
    e.preventDefault()
    setSucces(null)
    if (nouveau !== confirmation) {
      setRefus({ champs: { confirmation: 'Les deux nouveaux mots de passe ne sont pas identiques.' }, message: 'Vérifiez les champs signalés.' })
      return
    }
    setRefus(SANS_REFUS)
    setEnvoi(true)
    try {
      await client.changerMotDePasse({ actuel, nouveau })
      setActuel('')
      setNouveau('')
      setConfirmation('')
      setSucces('Mot de passe modifié. Vos autres appareils devront se reconnecter.')
    } catch (erreur) {
      setRefus(lireRefus(erreur))
    } finally {
      setEnvoi(false)
    }
  }

  return (
    <Section id="titre-mot-de-passe" titre="Mot de passe">
      <form onSubmit={envoyer} noValidate>
        <Champ libelle="Mot de passe actuel" type="password" autoComplete="current-password" value={actuel} onChange={(e) => setActuel(e.target.value)} erreur={refus.champs.actuel} required />
        <Champ
          libelle="Nouveau mot de passe"
          aide="Au moins 10 caractères, sans votre identifiant."
          type="password"
          autoComplete="new-password"
          value={nouveau}
          onChange={(e) => setNouveau(e.target.value)}
          erreur={refus.champs.nouveau}
          required
        />
        <Champ
          libelle="Confirmation du nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
          erreur={refus.champs.confirmation}
          required
        />
        <Alerte message={refus.message} />
        <button type="submit" disabled={envoi}>
          Changer le mot de passe
        </button>
      </form>
      <Statut message={succes} />
    </Section>
  )
}

type Contact = 'email' | 'mobile'

/**
 * Contacts decide where the code of a forgotten password goes, so a change asks for the current password and then for
 * the code sent to the new contact; one contact at a time. An empty field removes the contact (refused by the server
 * when it is the last one), with the password and no code.
 */
function Coordonnees({ moi }: { moi: Moi }) {
  const client = useClient()
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

const CANAUX: { cle: keyof PreferencesNotification; libelle: string; aide: string }[] = [
  { cle: 'sms', libelle: 'SMS', aide: 'au téléphone mobile ci-dessus' },
  { cle: 'courriel', libelle: 'Courriel', aide: "à l'adresse électronique ci-dessus" },
  { cle: 'application', libelle: 'Application', aide: "dans les notifications de l'accueil d'Ent" },
]

/** How a guardian is told of an absence or lateness: at least one channel, so that no absence goes unsaid. */
function PreferencesAbsences() {
  const { http } = useSession()
  const charger = useCallback((signal: AbortSignal) => new CommunicationClient('', http).obtenirMesPreferencesNotification(signal), [http])
  const [etat, recharger] = useDonnees(charger)
  const [choix, setChoix] = useState<PreferencesNotification | null>(null)
  const [refus, setRefus] = useState<Refus>(SANS_REFUS)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const id = useId()
  const preferences = choix ?? (etat.statut === 'pret' ? etat.donnees : null)

  const envoyer = async (e: FormEvent) => {
    e.preventDefault()
    if (!preferences) return
    setSucces(null)
    if (!preferences.sms && !preferences.courriel && !preferences.application) {
      setRefus({ champs: {}, message: 'Choisissez au moins une façon d\'être prévenu.' })
      return
    }
    setRefus(SANS_REFUS)
    setEnvoi(true)
    try {
      setChoix(await new CommunicationClient('', http).modifierMesPreferencesNotification(preferences))
      setSucces('Préférences enregistrées.')
    } catch (erreur) {
      setRefus(lireRefus(erreur))
    } finally {
      setEnvoi(false)
    }
  }

  return (
    <Section id="titre-preferences-absences" titre="Absences de mes enfants">
      {!preferences ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <form onSubmit={envoyer} noValidate>
          <fieldset className="canaux">
            <legend>Être prévenu des absences par</legend>
            {CANAUX.map((c) => (
              <div key={c.cle} className="case">
                <input
                  id={`${id}-${c.cle}`}
                  type="checkbox"
                  checked={preferences[c.cle]}
                  onChange={(e) => {
                    setChoix({ ...preferences, [c.cle]: e.target.checked })
                    setSucces(null)
                  }}
                />
                <label htmlFor={`${id}-${c.cle}`}>
                  {c.libelle} <span className="aide">({c.aide})</span>
                </label>
              </div>
            ))}
          </fieldset>
          <Alerte message={refus.message} />
          <button type="submit" disabled={envoi}>
            Enregistrer les préférences
          </button>
        </form>
      )}
      <Statut message={succes} />
    </Section>
  )
}

type EtatDouble =
  | { etape: 'inactive' }
  | { etape: 'enrolement'; uri: string; secret: string }
  | { etape: 'codes'; codesSecours: string[] }
  | { etape: 'active' }

function DoubleAuthentification({ activeInitialement }: { activeInitialement: boolean }) {
  const client = useClient()
  const [etat, setEtat] = useState<EtatDouble>({ etape: activeInitialement ? 'active' : 'inactive' })
  const [code, setCode] = useState('')
  const [refus, setRefus] = useState<Refus>(SANS_REFUS)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)

  const appeler = async (action: () => Promise<void>) => {
    setSucces(null)
    setRefus(SANS_REFUS)
    setEnvoi(true)
    try {
      await action()
    } catch (erreur) {
      const lu = lireRefus(erreur)
      // The code is the only field: whatever the server says about it goes next to it.
      const surLeCode = lu.champs.code ?? Object.values(lu.champs)[0]
      setRefus({ champs: surLeCode ? { code: surLeCode } : {}, message: lu.message })
    } finally {
      setEnvoi(false)
    }
  }

  const demarrer = () =>
    appeler(async () => {
      try {
        const { uri, secret } = await client.demarrerDoubleAuthentification()
        setCode('')
        setEtat({ etape: 'enrolement', uri, secret })
      } catch (erreur) {
        if ((erreur as { status?: number })?.status !== 409) throw erreur
        setEtat({ etape: 'active' })
        setSucces('La double authentification est déjà activée.')
      }
    })

  const confirmer = (e: FormEvent) => {
    e.preventDefault()
    void appeler(async () => {
      const { codesSecours } = await client.confirmerDoubleAuthentification({ code: code.replace(/\s+/g, '') })
      setCode('')
      setEtat({ etape: 'codes', codesSecours })
    })
  }

  const desactiver = (e: FormEvent) => {
    e.preventDefault()
    void appeler(async () => {
      await client.desactiverDoubleAuthentification({ code: code.replace(/\s+/g, '') })
      setCode('')
      setEtat({ etape: 'inactive' })
      setSucces('Double authentification désactivée.')
    })
  }

  const champCode = (libelle: string) => (
    <Champ
      libelle={libelle}
      inputMode="numeric"
      autoComplete="one-time-code"
      value={code}
      onChange={(e) => setCode(e.target.value)}
      erreur={refus.champs.code}
      required
    />
  )

  let contenu
  switch (etat.etape) {
    case 'inactive':
      contenu = (
        <>
          <p>
            La double authentification est <strong>désactivée</strong>. Activée, elle demande en plus du mot de passe un code
            à 6 chiffres donné par une application d'authentification sur votre téléphone.
          </p>
          <Alerte message={refus.message} />
          <button type="button" onClick={() => void demarrer()} disabled={envoi}>
            Activer
          </button>
        </>
      )
      break
    case 'enrolement':
      contenu = (
        <>
          <ol className="etapes">
            <li>
              Dans votre application d'authentification, ajoutez un compte avec cette clé :
              <code className="secret">{grouperParQuatre(etat.secret)}</code>
              Sur ce téléphone, vous pouvez aussi <a href={etat.uri}>ouvrir le lien d'ajout dans l'application</a>.
            </li>
            <li>Saisissez ci-dessous le code à 6 chiffres qu'elle affiche.</li>
          </ol>
          <form onSubmit={confirmer} noValidate>
            {champCode('Code à 6 chiffres')}
            <Alerte message={refus.message} />
            <button type="submit" disabled={envoi}>
              Confirmer
            </button>
          </form>
        </>
      )
      break
    case 'codes':
      contenu = (
        <>
          <p role="status" className="succes">
            La double authentification est activée.
          </p>
          <div className="avertissement">
            <p>
              <strong>Notez ces codes de secours maintenant et gardez-les en lieu sûr.</strong> Chacun permet une seule
              connexion si vous n'avez plus votre téléphone. Ils ne seront plus jamais affichés.
            </p>
            <ul className="codes-secours" aria-label="Codes de secours">
              {etat.codesSecours.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
          </div>
          <button type="button" onClick={() => setEtat({ etape: 'active' })}>
            J'ai noté mes codes
          </button>
        </>
      )
      break
    case 'active':
      contenu = (
        <>
          <p>
            La double authentification est <strong>activée</strong>.
          </p>
          <form onSubmit={desactiver} noValidate>
            {champCode("Code de l'application ou code de secours")}
            <Alerte message={refus.message} />
            <button type="submit" disabled={envoi}>
              Désactiver
            </button>
          </form>
        </>
      )
      break
  }

  return (
    <Section id="titre-double-authentification" titre="Double authentification">
      {contenu}
      {etat.etape !== 'codes' && <Statut message={succes} />}
    </Section>
  )
}

const formatDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' })

function Horodatage({ le }: { le: string }) {
  return <time dateTime={le}>{formatDate.format(new Date(le))}</time>
}

function Appareils() {
  const { http } = useSession()
  const charger = useCallback((signal: AbortSignal) => new IdentiteClient('', http).listerAppareils(signal), [http])
  const [etat, recharger] = useDonnees(charger)
  const [oublies, setOublies] = useState<string[]>([])
  const [succes, setSucces] = useState<string | null>(null)
  const [echec, setEchec] = useState<string | null>(null)

  const oublier = async (appareil: Appareil) => {
    setSucces(null)
    setEchec(null)
    try {
      await new IdentiteClient('', http).oublierAppareil(appareil.id)
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

const TAILLE_JOURNAL = 20

function JournalAcces({ enfants }: { enfants: Enfant[] }) {
  return (
    <Section id="titre-journal" titre="Qui a consulté les données de mes enfants">
      <p>Chaque consultation ou modification des données de vos enfants est enregistrée, la plus récente en premier.</p>
      {enfants.map((e) => (
        <JournalEnfant key={e.id} enfant={e} />
      ))}
    </Section>
  )
}

function JournalEnfant({ enfant }: { enfant: Enfant }) {
  const { http } = useSession()
  const charger = useCallback(
    (signal: AbortSignal) => new IdentiteClient('', http).listerJournalAccesEleve(enfant.id, 1, TAILLE_JOURNAL, signal),
    [http, enfant.id],
  )
  const [etat, recharger] = useDonnees(charger)
  const titre = `journal-${enfant.id}`
  const nom = `${enfant.prenom} ${enfant.nom}`

  return (
    <section aria-labelledby={titre} className="journal">
      <h3 id={titre}>{nom}</h3>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.acces.length === 0 ? (
        <p>Aucun accès aux données de {nom} pour le moment.</p>
      ) : (
        <>
          <ul className="acces">
            {etat.donnees.acces.map((a, i) => (
              <li key={`${a.le} ${i}`}>
                <p className="quand">
                  <Horodatage le={a.le} />
                </p>
                <p>
                  <strong>{a.qui ?? 'Identité non communiquée'}</strong> ({libelleQualite(a.qualite)}
                  {a.application ? `, via ${a.application}` : ''}) {a.action === 'modification' ? 'a modifié' : 'a consulté'} :{' '}
                  {libelleDomaine(a.domaine)}
                </p>
                <p className="aide">Opération : {a.quoi}</p>
              </li>
            ))}
          </ul>
          {etat.donnees.suivante && <p>Seuls les {etat.donnees.taille} accès les plus récents sont affichés.</p>}
        </>
      )}
    </section>
  )
}
