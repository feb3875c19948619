import { cloneElement, useCallback, useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react'
import type { Evaluation, MonService } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { lireRefus } from '../commun/erreurs'
import { useDonnees } from '../commun/useDonnees'
import { Link, useNavigate } from 'react-router'
import { ouIntrouvable } from '../commun/appels'
import { aujourdhui } from '../commun/format'
import { titreDocument } from '../commun/titre'
import { useApi } from '../commun/useApi'
import { cheminEvaluation } from './commun'
import { FilAriane, Jour } from './composants'
import { formaterNombre } from './notes'

const MODES = [
  { valeur: 'normale', libelle: 'Normale' },
  { valeur: 'bonus', libelle: 'Bonus : seuls les points au-dessus de 10/20 comptent' },
  { valeur: 'facultative', libelle: 'Facultative : ne compte que si elle relève la moyenne' },
]

/** /enseignement/services/{id}: the service's assessments, newest first, and the form that creates one. */
export function ServiceEvaluations({ serviceId }: { serviceId: string }) {
  const client = useApi().scolarite
  const charger = useCallback(
    async (signal: AbortSignal) => {
      const [enseignement, evaluations] = await Promise.all([
        client.obtenirMonEnseignement(signal),
        ouIntrouvable(client.listerEvaluations(serviceId, undefined, signal)),
      ])
      const service = enseignement.services.find((s) => s.id === serviceId)
      return service && evaluations ? { service, evaluations } : null
    },
    [client, serviceId],
  )
  const [etat, recharger] = useDonnees(charger)
  const donnees = etat.statut === 'pret' ? etat.donnees : null
  const nom = donnees ? `${donnees.service.matiere} — ${donnees.service.code}` : null

  useEffect(() => {
    document.title = titreDocument(nom ?? 'Évaluations')
  }, [nom])

  if (etat.statut !== 'pret') {
    return (
      <>
        <FilAriane etapes={[{ libelle: 'Mes classes', chemin: '/enseignement' }, { libelle: 'Évaluations' }]} />
        <h1>Évaluations</h1>
        <Attente etat={etat} recharger={recharger} />
      </>
    )
  }
  if (!donnees) {
    return (
      <>
        <h1>Classe introuvable</h1>
        <p>Ce service d'enseignement n'existe pas ou ne vous est pas attribué.</p>
        <p>
          <Link to="/enseignement">Retour à mes classes</Link>
        </p>
      </>
    )
  }

  const { service, evaluations } = donnees
  return (
    <>
      <FilAriane etapes={[{ libelle: 'Mes classes', chemin: '/enseignement' }, { libelle: nom! }]} />
      <h1>{nom}</h1>
      <p className="situation">
        {service.libelle} · {service.effectif} élèves
      </p>
      <p>
        <a href="#titre-nouvelle-evaluation">Créer une évaluation</a>
      </p>
      <section aria-labelledby="titre-evaluations">
        <h2 id="titre-evaluations">Évaluations de l'année</h2>
        {evaluations.length === 0 ? (
          <p>Aucune évaluation pour le moment.</p>
        ) : (
          <ul className="cartes">
            {evaluations.map((e) => (
              <CarteEvaluation key={e.id} evaluation={e} service={service} />
            ))}
          </ul>
        )}
      </section>
      <NouvelleEvaluation serviceId={serviceId} />
    </>
  )
}

function CarteEvaluation({ evaluation: e, service }: { evaluation: Evaluation; service: MonService }) {
  const complete = e.saisies >= service.effectif
  return (
    <li className="carte evaluation">
      <div className="entete-evaluation">
        <h3>
          <Link to={cheminEvaluation(e.id)}>{e.titre}</Link>
        </h3>
        <p className="date">
          <Jour jour={e.date} />
        </p>
      </div>
      <dl className="details">
        <dt>Barème</dt>
        <dd>sur {formaterNombre(e.bareme)}</dd>
        <dt>Coefficient</dt>
        <dd>{formaterNombre(e.coefficient)}</dd>
        <dt>Résultats saisis</dt>
        <dd>
          {e.saisies} / {service.effectif}
          {!complete && e.saisies > 0 && ' (incomplet)'}
        </dd>
        <dt>Moyenne de la classe</dt>
        <dd>{e.moyenne === null || e.moyenne === undefined ? '—' : `${formaterNombre(e.moyenne)} / ${formaterNombre(e.bareme)}`}</dd>
        {e.mode !== 'normale' && (
          <>
            <dt>Mode</dt>
            <dd>{e.mode === 'bonus' ? 'Bonus' : 'Facultative'}</dd>
          </>
        )}
        {!e.compteDansMoyenne && (
          <>
            <dt>Moyenne</dt>
            <dd>Ne compte pas</dd>
          </>
        )}
        {e.publication && e.publication > aujourdhui() && (
          <>
            <dt>Visible des familles</dt>
            <dd>
              à partir du <Jour jour={e.publication} />
            </dd>
          </>
        )}
      </dl>
    </li>
  )
}

/** « 20 », « 12,5 », « 0.5 » → the number; empty → null (the server's default); anything else → NaN. */
function lireNombre(texte: string): number | null {
  const t = texte.trim()
  if (t === '') return null
  return /^\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : Number.NaN
}

const ORDRE_CHAMPS = ['date', 'titre', 'bareme', 'coefficient', 'mode', 'publication'] as const

function NouvelleEvaluation({ serviceId }: { serviceId: string }) {
  const aller = useNavigate()
  const client = useApi().scolarite
  const [date, setDate] = useState(() => aujourdhui())
  const [titre, setTitre] = useState('')
  const [bareme, setBareme] = useState('20')
  const [coefficient, setCoefficient] = useState('1')
  const [mode, setMode] = useState('normale')
  const [compte, setCompte] = useState(true)
  const [publication, setPublication] = useState('')
  const [champs, setChamps] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const formulaire = useRef<HTMLFormElement>(null)

  // After a refusal, the first field in error takes the focus: its message is read with it.
  useEffect(() => {
    const premier = ORDRE_CHAMPS.find((c) => champs[c])
    if (premier) formulaire.current?.querySelector<HTMLElement>(`#nouvelle-${premier}`)?.focus()
  }, [champs])

  const envoyer = async (e: FormEvent) => {
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
      const creee = await client.creerEvaluation(serviceId, {
        date,
        titre: titre.trim(),
        bareme: valeurBareme,
        coefficient: valeurCoefficient,
        mode,
        compteDansMoyenne: compte,
        publication: publication || null,
      })
      aller(cheminEvaluation(creee.id))
    } catch (erreur) {
      const refus = lireRefus(erreur)
      setChamps(refus.champs)
      setMessage(refus.message)
      setEnvoi(false)
    }
  }

  return (
    <section aria-labelledby="titre-nouvelle-evaluation" className="carte formulaire">
      <h2 id="titre-nouvelle-evaluation">Nouvelle évaluation</h2>
      <form ref={formulaire} onSubmit={envoyer} noValidate>
        <Champ id="nouvelle-date" libelle="Date" erreur={champs.date} aide="Elle décide du trimestre de l'évaluation.">
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </Champ>
        <Champ id="nouvelle-titre" libelle="Titre" erreur={champs.titre} aide="Par exemple « Contrôle n° 3 — le roman ».">
          <input type="text" value={titre} onChange={(e) => setTitre(e.target.value)} maxLength={200} required autoComplete="off" />
        </Champ>
        <div className="champs-cote">
          <Champ id="nouvelle-bareme" libelle="Noté sur" erreur={champs.bareme}>
            <input type="text" inputMode="decimal" value={bareme} onChange={(e) => setBareme(e.target.value)} autoComplete="off" />
          </Champ>
          <Champ id="nouvelle-coefficient" libelle="Coefficient" erreur={champs.coefficient}>
            <input type="text" inputMode="decimal" value={coefficient} onChange={(e) => setCoefficient(e.target.value)} autoComplete="off" />
          </Champ>
        </div>
        <Champ id="nouvelle-mode" libelle="Mode" erreur={champs.mode}>
          <select value={mode} onChange={(e) => setMode(e.target.value)}>
            {MODES.map((m) => (
              <option key={m.valeur} value={m.valeur}>
                {m.libelle}
              </option>
            ))}
          </select>
        </Champ>
        <div className="case">
          <input id="nouvelle-compte" type="checkbox" checked={compte} onChange={(e) => setCompte(e.target.checked)} />
          <label htmlFor="nouvelle-compte">Compte dans la moyenne</label>
        </div>
        <Champ
          id="nouvelle-publication"
          libelle="Visible des familles à partir du (facultatif)"
          erreur={champs.publication}
          aide="Laissé vide, les notes sont visibles dès leur enregistrement."
        >
          <input type="date" value={publication} onChange={(e) => setPublication(e.target.value)} />
        </Champ>
        {message && (
          <p role="alert" className="erreur">
            {message}
          </p>
        )}
        <button type="submit" disabled={envoi}>
          Créer et saisir les notes
        </button>
      </form>
    </section>
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
