import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import type { ChargeJour, CoursSeance, DevoirSaisi, LienSaisi, PieceJointe, Seance } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { messageErreur } from '../commun/erreurs'
import { dateLongue, horaire, horodatage, jourDe } from '../commun/format'
import { titreDocument } from '../commun/titre'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import '../commun/cahier-de-textes.css'
import { cheminCahier, instantLocal, libelleChargeJour } from './cahierDeTextes'

const param = (nom: string) => new URLSearchParams(window.location.search).get(nom)

/**
 * /enseignement/services/{id}/cahier-de-textes?debut=…&fin=…: the teacher writes a lesson's page (what was done, files,
 * links, homework) as a draft, published now or at a chosen time. Without a lesson named, the service's lessons of the
 * last two weeks, each with the state of its page.
 */
export function CahierDeTextesService({ serviceId }: { serviceId: string }) {
  const debut = param('debut')
  const fin = param('fin')
  useEffect(() => {
    document.title = titreDocument('Cahier de textes')
  }, [])
  return debut && fin && !Number.isNaN(Date.parse(debut)) && !Number.isNaN(Date.parse(fin)) ? (
    <Editeur key={debut} serviceId={serviceId} debut={new Date(debut).toISOString()} fin={new Date(fin).toISOString()} />
  ) : (
    <Lecons serviceId={serviceId} />
  )
}

const etatPage = (s: Seance | undefined | null) =>
  !s ? 'Rien d’écrit' : !s.publieLe ? 'Brouillon' : Date.parse(s.publieLe) > Date.now() ? `Publiée le ${horodatage(s.publieLe)}` : 'Publiée'

function Lecons({ serviceId }: { serviceId: string }) {
  const client = useApi().scolarite
  const [bornes] = useState(() => {
    const au = jourDe(new Date().toISOString())
    const du = jourDe(new Date(Date.now() - 13 * 86_400_000).toISOString())
    return { du, au }
  })
  const charger = useCallback(
    (signal: AbortSignal) => ouIntrouvable(client.listerSeancesService(serviceId, bornes.du, bornes.au, signal)),
    [client, serviceId, bornes],
  )
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <><h1>Cahier de textes</h1><Attente etat={etat} recharger={recharger} /></>
  if (!etat.donnees) return <><h1>Cahier de textes</h1><p className="information">Service introuvable.</p></>
  const { matiere, division, cours } = etat.donnees
  return (
    <>
      <h1>Cahier de textes</h1>
      <p className="situation">
        {matiere} — {division}
      </p>
      {cours.length === 0 ? (
        <p>Aucun cours ces deux dernières semaines.</p>
      ) : (
        <ul className="cartes">
          {[...cours].reverse().map((c) => (
            <li key={c.debut} className="carte">
              <h2>
                <Link to={cheminCahier(serviceId, c.debut, c.fin)}>
                  {dateLongue(jourDe(c.debut))}, {horaire(c.debut, c.fin)}
                </Link>
              </h2>
              <p className="aide">
                {c.statut === 'annule' ? 'Cours annulé · ' : ''}
                {etatPage(c.seance)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

interface DevoirForm {
  cle: string
  id: string | null
  pourLe: string
  consigne: string
  dureeMinutes: number
  aRendre: boolean
  evaluation: boolean
}

let compteur = 0
const nouveauDevoir = (pourLe: string): DevoirForm => ({
  cle: `n${++compteur}`,
  id: null,
  pourLe,
  consigne: '',
  dureeMinutes: 20,
  aRendre: false,
  evaluation: false,
})

function Editeur({ serviceId, debut, fin }: { serviceId: string; debut: string; fin: string }) {
  const client = useApi().scolarite
  const jour = jourDe(debut)
  const charger = useCallback(
    async (signal: AbortSignal) => {
      const [seances, charge] = await Promise.all([
        ouIntrouvable(client.listerSeancesService(serviceId, jour, jour, signal)),
        ouIntrouvable(client.obtenirChargeDevoirs(serviceId, fin, undefined, undefined, signal)),
      ])
      return seances && charge ? { seances, charge } : null
    },
    [client, serviceId, jour, fin],
  )
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <><h1>Cahier de textes</h1><Attente etat={etat} recharger={recharger} /></>
  if (!etat.donnees) return <><h1>Cahier de textes</h1><p className="information">Service introuvable, ou ce n'est pas le vôtre.</p></>
  const { seances, charge } = etat.donnees
  const cours: CoursSeance | undefined = seances.cours.find((c) => Date.parse(c.debut) === Date.parse(debut))
  return (
    <>
      <h1>Cahier de textes</h1>
      <p className="situation">
        {seances.matiere} — {seances.division} · {dateLongue(jour)}, {horaire(debut, fin)}
      </p>
      <p>
        <Link to={cheminCahier(serviceId)}>Autres cours de ce service</Link>
      </p>
      {!seances.modifiable ? (
        <p className="information">Seul l'enseignant de ce service écrit son cahier de textes.</p>
      ) : (
        <Formulaire
          serviceId={serviceId}
          debut={debut}
          fin={fin}
          seance={cours?.seance ?? null}
          pourLeSuggere={charge.pourLe ?? jour}
          charge={charge.jours}
        />
      )}
    </>
  )
}

interface PropsFormulaire {
  serviceId: string
  debut: string
  fin: string
  seance: Seance | null
  pourLeSuggere: string
  charge: ChargeJour[]
}

function Formulaire({ serviceId, debut, fin, seance: initiale, pourLeSuggere, charge }: PropsFormulaire) {
  const client = useApi().scolarite
  const id = useId()
  const [seance, setSeance] = useState<Seance | null>(initiale)
  const [titre, setTitre] = useState(initiale?.titre ?? '')
  const editeur = useRef<HTMLDivElement>(null)
  const [liens, setLiens] = useState<LienSaisi[]>(initiale?.liens.map((l) => ({ url: l.url, libelle: l.libelle })) ?? [])
  const [devoirs, setDevoirs] = useState<DevoirForm[]>(
    initiale?.devoirs.map((d) => ({ cle: d.id, id: d.id, pourLe: d.pourLe, consigne: d.consigne, dureeMinutes: d.dureeMinutes, aRendre: d.aRendre, evaluation: d.evaluation })) ?? [],
  )
  const [quand, setQuand] = useState('')
  const [succes, setSucces] = useState<string | null>(null)
  const { envoyer, envoi, refus } = useEnvoi()
  const message = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    // The editor's HTML is set once (React must not rewrite what the teacher is typing); it is sanitised by the server.
    if (editeur.current) editeur.current.innerHTML = initiale?.contenuHtml ?? ''
  }, [initiale])

  const commande = (nom: string, valeur?: string) => {
    editeur.current?.focus()
    document.execCommand(nom, false, valeur)
  }
  const lien = () => {
    const url = window.prompt('Adresse du lien (https://…)')
    if (url && /^(https?:\/\/|mailto:)/i.test(url.trim())) commande('createLink', url.trim())
  }

  const enregistrer = async (publication: 'brouillon' | 'maintenant' | 'programmee', e?: FormEvent) => {
    e?.preventDefault()
    setSucces(null)
    const devoirsSaisis: DevoirSaisi[] = devoirs.map((d) => ({
      id: d.id ?? undefined,
      pourLe: d.pourLe,
      consigne: d.consigne,
      dureeMinutes: d.dureeMinutes,
      aRendre: d.aRendre,
      evaluation: d.evaluation,
    }))
    const reponse = await envoyer(() =>
      client.enregistrerSeance(serviceId, {
        debut,
        fin,
        titre,
        contenuHtml: editeur.current?.innerHTML ?? '',
        liens: liens.filter((l) => l.url.trim() !== ''),
        devoirs: devoirsSaisis,
        publication,
        publieLe: publication === 'programmee' ? (instantLocal(quand) ?? undefined) : undefined,
      }),
    )
    if (reponse) {
      setSeance(reponse)
      setDevoirs(reponse.devoirs.map((d) => ({ cle: d.id, id: d.id, pourLe: d.pourLe, consigne: d.consigne, dureeMinutes: d.dureeMinutes, aRendre: d.aRendre, evaluation: d.evaluation })))
      setSucces(
        publication === 'brouillon'
          ? 'Brouillon enregistré : les familles ne le voient pas.'
          : publication === 'maintenant'
            ? 'Publié : élèves et familles le voient.'
            : `Programmé : élèves et familles le verront le ${horodatage(reponse.publieLe!)}.`,
      )
      requestAnimationFrame(() => message.current?.focus())
    }
  }

  const changerDevoir = (cle: string, modif: Partial<DevoirForm>) => setDevoirs((ds) => ds.map((d) => (d.cle === cle ? { ...d, ...modif } : d)))
  const chargeDu = (jour: string) => charge.find((c) => c.jour === jour)

  return (
    <form onSubmit={(e) => void enregistrer('maintenant', e)} className="formulaire">
      <p role="status" tabIndex={-1} ref={message} className={succes ? 'succes' : 'statut-vide'}>
        {succes}
      </p>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      {seance && <p className="aide">État : {etatPage(seance)}</p>}
      <div className="champ">
        <label htmlFor={`${id}-titre`}>Titre</label>
        <input id={`${id}-titre`} value={titre} onChange={(e) => setTitre(e.target.value)} maxLength={200} placeholder="Par défaut : la matière et le jour" />
      </div>
      <div className="champ">
        <span id={`${id}-contenu`}>Ce qui a été fait</span>
        <div className="barre-outils" role="toolbar" aria-label="Mise en forme">
          <button type="button" onClick={() => commande('bold')} aria-label="Gras">
            <strong>G</strong>
          </button>
          <button type="button" onClick={() => commande('italic')} aria-label="Italique">
            <em>I</em>
          </button>
          <button type="button" onClick={() => commande('insertUnorderedList')} aria-label="Liste à puces">
            •
          </button>
          <button type="button" onClick={lien} aria-label="Lien">
            🔗
          </button>
        </div>
        <div
          ref={editeur}
          className="editeur texte-riche"
          contentEditable
          role="textbox"
          aria-multiline="true"
          aria-labelledby={`${id}-contenu`}
          suppressContentEditableWarning
        />
        {refus.champs.contenuHtml && <p className="erreur">{refus.champs.contenuHtml}</p>}
      </div>

      <fieldset>
        <legend>Liens</legend>
        {liens.map((l, i) => (
          <div key={i} className="champ">
            <label>
              Adresse
              <input type="url" value={l.url} onChange={(e) => setLiens((ls) => ls.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)))} />
            </label>
            <label>
              Libellé
              <input value={l.libelle ?? ''} onChange={(e) => setLiens((ls) => ls.map((x, j) => (j === i ? { ...x, libelle: e.target.value } : x)))} />
            </label>
            {refus.champs[`liens[${i}].url`] && <p className="erreur">{refus.champs[`liens[${i}].url`]}</p>}
            <button type="button" onClick={() => setLiens((ls) => ls.filter((_, j) => j !== i))}>
              Retirer ce lien
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setLiens((ls) => [...ls, { url: '', libelle: '' }])}>
          Ajouter un lien
        </button>
      </fieldset>

      <fieldset>
        <legend>Devoirs</legend>
        {devoirs.map((d, i) => (
          <div key={d.cle} className="carte">
            <div className="champ">
              <label htmlFor={`${id}-pour-${d.cle}`}>Pour le</label>
              <input
                id={`${id}-pour-${d.cle}`}
                type="date"
                value={d.pourLe}
                onChange={(e) => changerDevoir(d.cle, { pourLe: e.target.value })}
                aria-describedby={`${id}-charge-${d.cle}`}
              />
              <p className="aide" id={`${id}-charge-${d.cle}`}>
                Déjà pour ce jour dans la classe : {libelleChargeJour(chargeDu(d.pourLe))}
              </p>
              {refus.champs[`devoirs[${i}].pourLe`] && <p className="erreur">{refus.champs[`devoirs[${i}].pourLe`]}</p>}
            </div>
            <div className="champ">
              <label htmlFor={`${id}-consigne-${d.cle}`}>À faire</label>
              <textarea
                id={`${id}-consigne-${d.cle}`}
                value={d.consigne.replace(/<[^>]*>/g, '')}
                onChange={(e) => changerDevoir(d.cle, { consigne: e.target.value })}
                rows={3}
              />
              {refus.champs[`devoirs[${i}].consigne`] && <p className="erreur">{refus.champs[`devoirs[${i}].consigne`]}</p>}
            </div>
            <div className="champ">
              <label htmlFor={`${id}-duree-${d.cle}`}>Temps estimé (minutes)</label>
              <input
                id={`${id}-duree-${d.cle}`}
                type="number"
                min={0}
                max={600}
                step={5}
                value={d.dureeMinutes}
                onChange={(e) => changerDevoir(d.cle, { dureeMinutes: Number(e.target.value) })}
              />
            </div>
            <label className="coche">
              <input type="checkbox" checked={d.aRendre} onChange={(e) => changerDevoir(d.cle, { aRendre: e.target.checked })} /> À rendre
            </label>
            <label className="coche">
              <input type="checkbox" checked={d.evaluation} onChange={(e) => changerDevoir(d.cle, { evaluation: e.target.checked })} /> Contrôle
            </label>
            <button type="button" onClick={() => setDevoirs((ds) => ds.filter((x) => x.cle !== d.cle))}>
              Retirer ce devoir
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setDevoirs((ds) => [...ds, nouveauDevoir(pourLeSuggere)])}>
          Donner un devoir
        </button>
        {charge.length > 0 && (
          <details>
            <summary>Charge de la classe ces cinq semaines</summary>
            <ul className="charge-jours">
              {charge.map((c) => (
                <li key={c.jour}>
                  {dateLongue(c.jour)} : {libelleChargeJour(c)}
                </li>
              ))}
            </ul>
          </details>
        )}
      </fieldset>

      <fieldset>
        <legend>Publication</legend>
        <button type="button" disabled={envoi} onClick={() => void enregistrer('brouillon')}>
          Enregistrer le brouillon
        </button>
        <button type="submit" disabled={envoi}>
          Publier maintenant
        </button>
        <div className="champ">
          <label htmlFor={`${id}-quand`}>Publier le</label>
          <input id={`${id}-quand`} type="datetime-local" value={quand} onChange={(e) => setQuand(e.target.value)} />
          {refus.champs.publieLe && <p className="erreur">{refus.champs.publieLe}</p>}
          <button type="button" disabled={envoi || !quand} onClick={() => void enregistrer('programmee')}>
            Programmer
          </button>
        </div>
      </fieldset>

      {seance ? (
        <Fichiers serviceId={serviceId} seance={seance} changee={setSeance} />
      ) : (
        <p className="aide">Enregistrez d'abord le cours (brouillon ou publié) pour y joindre des fichiers.</p>
      )}
    </form>
  )
}

function Fichiers({ serviceId, seance, changee }: { serviceId: string; seance: Seance; changee: (s: Seance) => void }) {
  const client = useApi().scolarite
  const id = useId()
  const champ = useRef<HTMLInputElement>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const joindre = async () => {
    const fichier = champ.current?.files?.[0]
    if (!fichier) return
    setErreur(null)
    if (fichier.size > 10 * 1024 * 1024) {
      setErreur('Ce fichier dépasse 10 Mo.')
      return
    }
    setEnvoi(true)
    try {
      const piece = await client.deposerPieceJointe(serviceId, seance.id, { data: fichier, fileName: fichier.name })
      changee({ ...seance, piecesJointes: [...seance.piecesJointes, piece] })
      if (champ.current) champ.current.value = ''
    } catch (e) {
      setErreur(messageErreur(e))
    } finally {
      setEnvoi(false)
    }
  }
  const retirer = async (p: PieceJointe) => {
    setErreur(null)
    try {
      await client.supprimerPieceJointe(serviceId, seance.id, p.id)
      changee({ ...seance, piecesJointes: seance.piecesJointes.filter((x) => x.id !== p.id) })
    } catch (e) {
      setErreur(messageErreur(e))
    }
  }
  return (
    <fieldset>
      <legend>Fichiers</legend>
      <ul>
        {seance.piecesJointes.map((p) => (
          <li key={p.id}>
            {p.nom}{' '}
            <button type="button" onClick={() => void retirer(p)}>
              Retirer<span className="visuellement-cache"> {p.nom}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="champ">
        <label htmlFor={`${id}-fichier`}>Joindre un fichier (PDF, image, document bureautique, 10 Mo au plus)</label>
        <input id={`${id}-fichier`} ref={champ} type="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls" />
        <button type="button" disabled={envoi} onClick={() => void joindre()}>
          Joindre
        </button>
      </div>
      {erreur && (
        <p role="alert" className="erreur">
          {erreur}
        </p>
      )}
    </fieldset>
  )
}
