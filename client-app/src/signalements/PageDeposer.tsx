import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import type { ChampSignalement, FormulaireADeposer } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { messageErreur } from '../commun/erreurs'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_SIGNALEMENTS, cheminSignalement, type Saisies } from './signalement'
import './signalements.css'

/**
 * /signalements/nouveau/:formulaireId: one form of the établissement, its fields as the staff built them (text, a
 * choice among radio buttons, a date, a file), the required ones marked; a guardian with several children there says
 * which one it concerns. Files are uploaded first, then the report is filed; its page opens.
 */
export function PageDeposer() {
  const { formulaireId = '' } = useParams()
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.listerMesFormulairesSignalement(signal), [client])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  const formulaire = etat.donnees.find((f) => f.id === formulaireId)
  if (!formulaire) {
    return (
      <>
        <h1>Signalement</h1>
        <p>Ce formulaire ne vous est pas proposé.</p>
        <p>
          <Link to={CHEMIN_SIGNALEMENTS}>Retour aux signalements</Link>
        </p>
      </>
    )
  }
  return <Formulaire formulaire={formulaire} />
}

function Formulaire({ formulaire }: { formulaire: FormulaireADeposer }) {
  const client = useApi().communication
  const navigate = useNavigate()
  const id = useId()
  const { envoyer, envoi, refus, setRefus } = useEnvoi()
  const [saisies, setSaisies] = useState<Saisies>({})
  const [fichiers, setFichiers] = useState<Record<string, File | undefined>>({})
  const [eleveId, setEleveId] = useState(formulaire.eleves.length === 1 ? formulaire.eleves[0].id : '')
  const alerte = useRef<HTMLParagraphElement>(null)
  // The refusal is read out (role="alert") and the focus goes to it once it is rendered (each refusal is a new object:
  // a second refusal with the same reason takes the focus again), the fields in error follow it.
  useEffect(() => {
    if (refus.message) alerte.current?.focus()
  }, [refus])

  const deposer = async (e: FormEvent) => {
    e.preventDefault()
    const depose = await envoyer(async () => {
      // Each file first: its id is the field's answer.
      const reponses = { ...saisies }
      for (const champ of formulaire.champs.filter((c) => c.type === 'fichier')) {
        const fichier = fichiers[champ.id]
        if (!fichier) continue
        try {
          reponses[champ.id] = (await client.deposerPieceJointeSignalement({ data: fichier, fileName: fichier.name })).id
        } catch (erreur) {
          throw { status: 400, detail: `« ${champ.libelle} » : ${messageErreur(erreur)}`, errors: { [`reponses.${champ.id}`]: [messageErreur(erreur)] } }
        }
      }
      return client.deposerSignalement({
        formulaireId: formulaire.id,
        eleveId: eleveId || null,
        reponses: Object.entries(reponses).map(([champ, valeur]) => ({ champ, valeur })),
      })
    })
    if (depose) navigate(cheminSignalement(depose.id), { state: { depose: true } })
  }

  const erreurDe = (cle: string) => refus.champs[cle]
  const decrit = (cle: string) => (refus.champs[cle] ? `${id}-${cle}-erreur` : undefined)
  const erreur = (cle: string) =>
    refus.champs[cle] ? (
      <p id={`${id}-${cle}-erreur`} className="erreur-champ">
        {refus.champs[cle]}
      </p>
    ) : null

  return (
    <>
      <h1>{formulaire.titre}</h1>
      {formulaire.description && <p>{formulaire.description}</p>}
      {formulaire.confidentiel && (
        <p className="etiquette confidentiel">Confidentiel : seuls la direction et le CPE liront ce signalement, jamais les professeurs.</p>
      )}
      <form className="formulaire-signalement" onSubmit={(e) => void deposer(e)} noValidate>
        {refus.message && (
          <p role="alert" className="erreur" tabIndex={-1} ref={alerte}>
            {refus.message}
          </p>
        )}
        {formulaire.eleves.length > 1 && (
          <fieldset className="choix" aria-describedby={decrit('eleveId')}>
            <legend>Ce signalement concerne (obligatoire)</legend>
            {formulaire.eleves.map((e) => (
              <label key={e.id}>
                <input type="radio" name={`${id}-eleve`} value={e.id} checked={eleveId === e.id} onChange={() => setEleveId(e.id)} />
                {e.nom}
              </label>
            ))}
            {erreur('eleveId')}
          </fieldset>
        )}
        {formulaire.champs.map((c) => (
          <Champ
            key={c.id}
            champ={c}
            id={`${id}-${c.id}`}
            valeur={saisies[c.id] ?? ''}
            erreur={erreurDe(`reponses.${c.id}`)}
            decritPar={decrit(`reponses.${c.id}`)}
            changer={(v) => setSaisies({ ...saisies, [c.id]: v })}
            choisirFichier={(f) => setFichiers({ ...fichiers, [c.id]: f })}
          >
            {erreur(`reponses.${c.id}`)}
          </Champ>
        ))}
        {refus.champs.reponses && <p className="erreur-champ">{refus.champs.reponses}</p>}
        <div className="actions-signalement">
          <button type="submit" disabled={envoi}>
            {envoi ? 'Envoi…' : 'Envoyer le signalement'}
          </button>
          <Link to={CHEMIN_SIGNALEMENTS} className="bouton-lien" onClick={() => setRefus({ champs: {}, message: null })}>
            Annuler
          </Link>
        </div>
      </form>
    </>
  )
}

interface ProprietesChamp {
  champ: ChampSignalement
  id: string
  valeur: string
  erreur: string | undefined
  decritPar: string | undefined
  changer: (valeur: string) => void
  choisirFichier: (fichier: File | undefined) => void
  children: ReactNode
}

/** One field: a textarea, radio buttons (one tap each on a phone), a date, or a file. */
function Champ({ champ: c, id, valeur, erreur, decritPar, changer, choisirFichier, children }: ProprietesChamp) {
  const libelle = `${c.libelle}${c.obligatoire ? ' (obligatoire)' : ''}`
  const invalide = erreur ? true : undefined
  if (c.type === 'choix') {
    return (
      <fieldset className="choix" aria-describedby={decritPar}>
        <legend>{libelle}</legend>
        {c.choix.map((option) => (
          <label key={option}>
            <input type="radio" name={id} value={option} checked={valeur === option} onChange={() => changer(option)} aria-invalid={invalide} />
            {option}
          </label>
        ))}
        {children}
      </fieldset>
    )
  }
  return (
    <div className="champ">
      <label htmlFor={id}>{libelle}</label>
      {c.type === 'texte' ? (
        <textarea id={id} value={valeur} maxLength={5000} aria-invalid={invalide} aria-describedby={decritPar} onChange={(e) => changer(e.target.value)} />
      ) : c.type === 'date' ? (
        <input id={id} type="date" value={valeur} aria-invalid={invalide} aria-describedby={decritPar} onChange={(e) => changer(e.target.value)} />
      ) : (
        <input
          id={id}
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.odt,.xls,.xlsx,.ods,.ppt,.pptx,.odp"
          aria-invalid={invalide}
          aria-describedby={decritPar}
          onChange={(e) => choisirFichier(e.target.files?.[0])}
        />
      )}
      {children}
    </div>
  )
}
