import { useCallback, useEffect, useRef, useState } from 'react'
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router'
import type { Evaluation, MonService } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { aujourdhui, pluriel } from '../commun/format'
import { MessageErreur } from '../commun/MessageErreur'
import { titreDocument } from '../commun/titre'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { cheminAppreciations, cheminEvaluation, cheminModifierEvaluation, cheminService } from './commun'
import { FilAriane, Jour } from './composants'
import { FormulaireEvaluation } from './FormulaireEvaluation'
import { formaterNombre } from './notes'

/** What a page tells the next one it leads to (navigation state): the sentence to say there. */
export interface Annonce {
  annonce?: string
}

/**
 * /enseignement/services/{id}: the service's assessments, newest first, each to open, change (?modifier={id}: its
 * form in place of its card) or delete (after a confirmation); the form that creates one.
 */
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
  return <ListeEvaluations nom={nom!} {...donnees} />
}

function ListeEvaluations({ nom, service, evaluations }: { nom: string; service: MonService; evaluations: Evaluation[] }) {
  const client = useApi().scolarite
  const [parametres] = useSearchParams()
  const aModifier = parametres.get('modifier')
  const { state } = useLocation()
  const [annonce, setAnnonce] = useState<string | null>((state as Annonce | null)?.annonce ?? null)
  const [supprimees, setSupprimees] = useState<ReadonlySet<string>>(new Set())
  const statut = useRef<HTMLParagraphElement>(null)
  const visibles = evaluations.filter((e) => !supprimees.has(e.id))

  // The result of an action (a change saved on the way here, a deletion) takes the focus: it is read at once.
  useEffect(() => {
    if (annonce) statut.current?.focus()
  }, [annonce])

  const supprimer = async (e: Evaluation) => {
    await client.supprimerEvaluation(e.id)
    setSupprimees((s) => new Set(s).add(e.id))
    setAnnonce(`L'évaluation « ${e.titre} » a été supprimée, avec ses notes.`)
  }

  return (
    <>
      <FilAriane etapes={[{ libelle: 'Mes classes', chemin: '/enseignement' }, { libelle: nom }]} />
      <h1>{nom}</h1>
      <p className="situation">
        {service.libelle} · {service.effectif} élèves
      </p>
      <ul className="liens-page">
        <li>
          <a href="#titre-nouvelle-evaluation">Créer une évaluation</a>
        </li>
        <li>
          <Link to={cheminAppreciations(service.id)}>Appréciations</Link>
        </li>
      </ul>
      <p ref={statut} role="status" tabIndex={-1} className={annonce ? 'succes' : undefined}>
        {annonce}
      </p>
      <section aria-labelledby="titre-evaluations">
        <h2 id="titre-evaluations">Évaluations de l'année</h2>
        {visibles.length === 0 ? (
          <p>Aucune évaluation pour le moment.</p>
        ) : (
          <ul className="cartes">
            {visibles.map((e) =>
              e.id === aModifier ? (
                <ModifierEvaluation key={e.id} evaluation={e} />
              ) : (
                <CarteEvaluation key={e.id} evaluation={e} service={service} supprimer={() => supprimer(e)} />
              ),
            )}
          </ul>
        )}
      </section>
      <NouvelleEvaluation serviceId={service.id} />
    </>
  )
}

function CarteEvaluation({ evaluation: e, service, supprimer }: { evaluation: Evaluation; service: MonService; supprimer: () => Promise<void> }) {
  const complete = e.saisies >= service.effectif
  const [confirmation, setConfirmation] = useState(false)
  const [envoi, setEnvoi] = useState(false)
  const [echec, setEchec] = useState<unknown>(null)
  const question = useRef<HTMLParagraphElement>(null)
  const boutonSupprimer = useRef<HTMLButtonElement>(null)
  const idQuestion = `supprimer-${e.id}`

  const annulee = useRef(false)

  // The question takes the focus when asked; cancelled, the focus goes back to the button that asked.
  useEffect(() => {
    if (confirmation) question.current?.focus()
    else if (annulee.current) boutonSupprimer.current?.focus()
  }, [confirmation])

  const annuler = () => {
    annulee.current = true
    setConfirmation(false)
    setEchec(null)
  }

  const confirmer = async () => {
    setEnvoi(true)
    setEchec(null)
    try {
      await supprimer()
    } catch (erreur) {
      setEchec(erreur)
      setEnvoi(false)
    }
  }

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
      {confirmation ? (
        <div className="confirmation" role="group" aria-labelledby={idQuestion}>
          <p id={idQuestion} ref={question} tabIndex={-1}>
            Supprimer « {e.titre} »
            {e.saisies > 0 && ` et ses ${pluriel(e.saisies, 'résultat saisi', 'résultats saisis')}`} ? Les familles ne les verront
            plus ; c'est définitif.
          </p>
          {echec !== null && <MessageErreur erreur={echec} />}
          <div className="actions">
            <button type="button" className="danger" disabled={envoi} onClick={confirmer}>
              {envoi ? 'Suppression…' : 'Supprimer définitivement'}
            </button>
            <button type="button" className="secondaire" onClick={annuler}>
              Annuler
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <Link to={cheminModifierEvaluation(e.serviceId, e.id)} className="bouton-lien secondaire" aria-label={`Modifier « ${e.titre} »`}>
            Modifier
          </Link>
          <button ref={boutonSupprimer} type="button" className="secondaire" aria-label={`Supprimer « ${e.titre} »`} onClick={() => setConfirmation(true)}>
            Supprimer
          </button>
        </div>
      )}
    </li>
  )
}

/** The card of the assessment being changed: its form; saved or cancelled, back to the list. */
function ModifierEvaluation({ evaluation: e }: { evaluation: Evaluation }) {
  const client = useApi().scolarite
  const aller = useNavigate()
  const titre = useRef<HTMLHeadingElement>(null)
  useEffect(() => titre.current?.focus(), [])
  const envoyer = async (donnees: Parameters<typeof client.modifierEvaluation>[1]) => {
    const modifiee = await client.modifierEvaluation(e.id, donnees)
    aller(cheminService(e.serviceId), { state: { annonce: `L'évaluation « ${modifiee.titre} » a été modifiée.` } satisfies Annonce })
  }
  return (
    <li className="carte formulaire" aria-labelledby={`modifier-${e.id}`}>
      <h3 id={`modifier-${e.id}`} ref={titre} tabIndex={-1}>
        Modifier « {e.titre} »
      </h3>
      <FormulaireEvaluation prefixe="modifier" initiale={e} bouton="Enregistrer les modifications" boutonEnvoi="Enregistrement…" envoyer={envoyer}>
        <Link to={cheminService(e.serviceId)} className="bouton-lien secondaire">
          Annuler
        </Link>
      </FormulaireEvaluation>
    </li>
  )
}

function NouvelleEvaluation({ serviceId }: { serviceId: string }) {
  const aller = useNavigate()
  const client = useApi().scolarite
  const envoyer = async (donnees: Parameters<typeof client.creerEvaluation>[1]) => {
    const creee = await client.creerEvaluation(serviceId, donnees)
    aller(cheminEvaluation(creee.id))
  }
  return (
    <section aria-labelledby="titre-nouvelle-evaluation" className="carte formulaire">
      <h2 id="titre-nouvelle-evaluation">Nouvelle évaluation</h2>
      <FormulaireEvaluation prefixe="nouvelle" bouton="Créer et saisir les notes" boutonEnvoi="Création…" envoyer={envoyer} />
    </section>
  )
}
