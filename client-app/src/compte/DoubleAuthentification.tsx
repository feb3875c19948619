import { useState, type FormEvent } from 'react'
import { grouperParQuatre } from '../commun/profils'
import { lireRefus, type Refus } from '../commun/erreurs'
import { SANS_REFUS } from '../commun/useEnvoi'
import { useApi } from '../commun/useApi'
import { Alerte, Champ, Section, Statut } from './formulaire'

type EtatDouble =
  | { etape: 'inactive' }
  | { etape: 'enrolement'; uri: string; secret: string }
  | { etape: 'codes'; codesSecours: string[] }
  | { etape: 'active' }

export function DoubleAuthentification({ activeInitialement }: { activeInitialement: boolean }) {
  const client = useApi().identite
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
