import { cloneElement, useEffect, useRef, useState, type FormEvent, type ReactElement, type ReactNode } from 'react'
import type { DonneesEvaluation, Evaluation } from '../api/ent-client'
import { lireRefus } from '../commun/erreurs'
import { aujourdhui } from '../commun/format'

const MODES = [
  { valeur: 'normale', libelle: 'Normale' },
  { valeur: 'bonus', libelle: 'Bonus : seuls les points au-dessus de 10/20 comptent' },
  { valeur: 'facultative', libelle: 'Facultative : ne compte que si elle relève la moyenne' },
]

/** « 20 », « 12,5 », « 0.5 » → the number; empty → null (the server's default); anything else → NaN. */
export function lireNombre(texte: string): number | null {
  const t = texte.trim()
  if (t === '') return null
  return /^\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : Number.NaN
}

/** A number as the teacher types it: « 12,5 ». */
const texteNombre = (n: number) => String(n).replace('.', ',')

const ORDRE_CHAMPS = ['date', 'titre', 'bareme', 'coefficient', 'mode', 'publication'] as const

interface Proprietes {
  /** Prefix of the fields' ids: « nouvelle », « modifier ». */
  prefixe: string
  /** The assessment being changed; absent for a new one. */
  initiale?: Evaluation
  bouton: string
  boutonEnvoi: string
  /** Sends the fields; a refusal it throws is shown on the fields. */
  envoyer: (donnees: DonneesEvaluation) => Promise<void>
  /** More actions beside the submit button (« Annuler »). */
  children?: ReactNode
}

/** An assessment's fields (date, title, scale, weight, mode, publication): the creation's form and the change's. */
export function FormulaireEvaluation({ prefixe, initiale, bouton, boutonEnvoi, envoyer, children }: Proprietes) {
  const [date, setDate] = useState(() => initiale?.date ?? aujourdhui())
  const [titre, setTitre] = useState(initiale?.titre ?? '')
  const [bareme, setBareme] = useState(initiale ? texteNombre(initiale.bareme) : '20')
  const [coefficient, setCoefficient] = useState(initiale ? texteNombre(initiale.coefficient) : '1')
  const [mode, setMode] = useState(initiale?.mode ?? 'normale')
  const [compte, setCompte] = useState(initiale?.compteDansMoyenne ?? true)
  const [publication, setPublication] = useState(initiale?.publication ?? '')
  const [champs, setChamps] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const formulaire = useRef<HTMLFormElement>(null)
  const alerte = useRef<HTMLParagraphElement>(null)

  // After a refusal, the first field in error takes the focus (its message is read with it), else the message.
  useEffect(() => {
    const premier = ORDRE_CHAMPS.find((c) => champs[c])
    if (premier) formulaire.current?.querySelector<HTMLElement>(`#${prefixe}-${premier}`)?.focus()
    else if (message) alerte.current?.focus()
  }, [champs, message, prefixe])

  const soumettre = async (e: FormEvent) => {
    e.preventDefault()
    const valeurBareme = lireNombre(bareme)
    const valeurCoefficient = lireNombre(coefficient)
    const locaux: Record<string, string> = {}
    if (Number.isNaN(valeurBareme)) locaux.bareme = 'Indiquez un nombre, par exemple 20 ou 10.'
    if (Number.isNaN(valeurCoefficient)) locaux.coefficient = 'Indiquez un nombre, par exemple 1 ou 0,5.'
    if (!titre.trim()) locaux.titre = 'Le titre est obligatoire.'
    if (!date) locaux.date = "La date de l'évaluation est obligatoire."
    if (Object.keys(locaux).length > 0) {
      setChamps(locaux)
      setMessage('Vérifiez les champs signalés.')
      return
    }

    setChamps({})
    setMessage(null)
    setEnvoi(true)
    try {
      await envoyer({
        date,
        titre: titre.trim(),
        bareme: valeurBareme,
        coefficient: valeurCoefficient,
        mode,
        compteDansMoyenne: compte,
        publication: publication || null,
      })
    } catch (erreur) {
      const refus = lireRefus(erreur)
      setChamps(refus.champs)
      setMessage(refus.message)
      setEnvoi(false)
    }
  }

  return (
    <form ref={formulaire} onSubmit={soumettre} noValidate>
      <Champ id={`${prefixe}-date`} libelle="Date" erreur={champs.date} aide="Elle décide du trimestre de l'évaluation.">
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </Champ>
      <Champ id={`${prefixe}-titre`} libelle="Titre" erreur={champs.titre} aide="Par exemple « Contrôle n° 3 — le roman ».">
        <input type="text" value={titre} onChange={(e) => setTitre(e.target.value)} maxLength={200} required autoComplete="off" />
      </Champ>
      <div className="champs-cote">
        <Champ id={`${prefixe}-bareme`} libelle="Noté sur" erreur={champs.bareme}>
          <input type="text" inputMode="decimal" value={bareme} onChange={(e) => setBareme(e.target.value)} autoComplete="off" />
        </Champ>
        <Champ id={`${prefixe}-coefficient`} libelle="Coefficient" erreur={champs.coefficient}>
          <input type="text" inputMode="decimal" value={coefficient} onChange={(e) => setCoefficient(e.target.value)} autoComplete="off" />
        </Champ>
      </div>
      <Champ id={`${prefixe}-mode`} libelle="Mode" erreur={champs.mode}>
        <select value={mode} onChange={(e) => setMode(e.target.value)}>
          {MODES.map((m) => (
            <option key={m.valeur} value={m.valeur}>
              {m.libelle}
            </option>
          ))}
        </select>
      </Champ>
      <div className="case">
        <input id={`${prefixe}-compte`} type="checkbox" checked={compte} onChange={(e) => setCompte(e.target.checked)} />
        <label htmlFor={`${prefixe}-compte`}>Compte dans la moyenne</label>
      </div>
      <Champ
        id={`${prefixe}-publication`}
        libelle="Visible des familles à partir du (facultatif)"
        erreur={champs.publication}
        aide="Laissé vide, les notes sont visibles dès leur enregistrement."
      >
        <input type="date" value={publication} onChange={(e) => setPublication(e.target.value)} />
      </Champ>
      {message && (
        <p ref={alerte} role="alert" className="erreur" tabIndex={-1}>
          {message}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={envoi}>
          {envoi ? boutonEnvoi : bouton}
        </button>
        {children}
      </div>
    </form>
  )
}

/** A labelled control (its only child) with its help and error tied by aria-describedby. */
function Champ({ id, libelle, aide, erreur, children }: { id: string; libelle: string; aide?: string; erreur?: string; children: ReactElement }) {
  const decrit = [aide && `${id}-aide`, erreur && `${id}-erreur`].filter(Boolean).join(' ') || undefined
  return (
    <div className="champ">
      <label htmlFor={id}>{libelle}</label>
      {aide && (
        <p id={`${id}-aide`} className="aide">
          {aide}
        </p>
      )}
      {cloneElement(children as ReactElement<Record<string, unknown>>, { id, 'aria-invalid': erreur ? true : undefined, 'aria-describedby': decrit })}
      {erreur && (
        <p id={`${id}-erreur`} className="erreur-champ">
          {erreur}
        </p>
      )}
    </div>
  )
}
