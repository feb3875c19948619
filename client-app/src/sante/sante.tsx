import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import type { DossierSante, PassageInfirmerie, Pai } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { enregistrerFichier, ouIntrouvable } from '../commun/appels'
import { messageErreur } from '../commun/erreurs'
import { aujourdhui, dateLongue, heure, horodatage } from '../commun/format'
import { useEspace, useMoi } from '../commun/page'
import { estInfirmier } from '../commun/profils'
import { eleveDesNotes, estEleve } from '../commun/suivi'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { decalerJour, jourValide } from '../commun/vieScolaire'
import './sante.css'

export const CHEMIN_INFIRMERIE = '/infirmerie'
export const cheminDossierInfirmerie = (eleveId: string) => `${CHEMIN_INFIRMERIE}/eleves/${eleveId}`

/** The infirmary's words, as the server names them (its catalogues say the same). */
export const MOTIFS: [string, string][] = [
  ['malaise', 'Malaise'],
  ['douleur', 'Douleur (tête, ventre…)'],
  ['blessure', 'Blessure'],
  ['traitement', "Prise d'un traitement"],
  ['ecoute', "Besoin d'écoute"],
  ['autre', 'Autre'],
]

export const ISSUES: [string, string, boolean][] = [
  ['retour_classe', 'Retour en classe', false],
  ['famille_appelee', 'Famille appelée, retour en classe', false],
  ['retour_domicile', 'Rentre au domicile avec sa famille', true],
  ['urgences', 'Secours appelés (15, 18)', true],
]

/** The nurse's établissement, from their profile. */
const uaiInfirmerie = (moi: ReturnType<typeof useMoi>) => moi.profils.find((p) => p.profil === 'personnel' && p.fonction === 'infirmier')?.uai ?? null

/** « PAI » spelled out once for families: plain words first (issue 19's tooltip rule). */
function TitrePai() {
  return (
    <h2 id="titre-pai">
      <abbr title="Projet d'accueil individualisé">PAI</abbr> (projet d'accueil individualisé)
    </h2>
  )
}

function FichePai({ pai, telecharger }: { pai: Pai; telecharger?: () => void }) {
  return (
    <dl className="fiche-pai">
      {pai.allergies && (
        <>
          <dt>Allergies</dt>
          <dd>{pai.allergies}</dd>
        </>
      )}
      {pai.traitements && (
        <>
          <dt>Traitements</dt>
          <dd>{pai.traitements}</dd>
        </>
      )}
      {pai.conduiteATenir && (
        <>
          <dt>Au quotidien</dt>
          <dd>{pai.conduiteATenir}</dd>
        </>
      )}
      <dt>En cas d'urgence</dt>
      <dd className="consignes-urgence">{pai.consignesUrgence}</dd>
      <dt>Mis à jour</dt>
      <dd>{horodatage(pai.modifieLe)}</dd>
      {pai.document && telecharger && (
        <>
          <dt>Document signé</dt>
          <dd>
            <button type="button" className="bouton-lien" onClick={telecharger}>
              Télécharger le PAI signé
            </button>
          </dd>
        </>
      )}
    </dl>
  )
}

function ListePassages({ passages, cible }: { passages: PassageInfirmerie[]; cible?: string | null }) {
  const surligne = useRef<HTMLLIElement>(null)
  useEffect(() => {
    // Arriving from a notification: the visit it told of takes the focus (scrolled to, and read first).
    if (cible) surligne.current?.focus()
  }, [cible])
  if (passages.length === 0) return <p>Aucun passage à l'infirmerie cette année ni l'an dernier.</p>
  return (
    <ul className="cartes passages-infirmerie">
      {passages.map((p) => (
        <li
          key={p.id}
          className={`carte passage${p.id === cible ? ' cible' : ''}`}
          ref={p.id === cible ? surligne : undefined}
          tabIndex={p.id === cible ? -1 : undefined}
          aria-label={p.id === cible ? `Passage signalé, ${horodatage(p.arrivee)}` : undefined}
        >
          <h3>
            <time dateTime={p.arrivee}>{horodatage(p.arrivee)}</time>
            {p.depart && <> – {heure(p.depart)}</>} · {p.motifLibelle}
          </h3>
          <p>
            <strong>{p.issueLibelle}</strong>
            {p.famillePrevenue && ' · famille prévenue aussitôt'}
          </p>
          {p.soins && <p>Soins : {p.soins}</p>}
          {p.observations && <p>Observations : {p.observations}</p>}
        </li>
      ))}
    </ul>
  )
}

/**
 * /sante (issue 18): a child's school health record for their legal guardians (?eleve=…), or the pupil's own from 15
 * years old: the PAI and the infirmary visits kept. The server decides who may read it; a refusal says who does.
 */
export function Sante() {
  const moi = useMoi()
  const { idChoisi } = useEspace()
  const [params] = useSearchParams()
  const enfant = eleveDesNotes(moi, idChoisi)
  const client = useApi().vieScolaire
  const eleveId = enfant?.id ?? null
  const charger = useCallback(
    (signal: AbortSignal) => (eleveId ? ouIntrouvable(client.obtenirDossierSante(eleveId, signal)) : Promise.resolve(null)),
    [client, eleveId],
  )
  const [etat, recharger] = useDonnees(charger)
  const telecharger = async () => {
    if (!eleveId) return
    const fichier = await client.telechargerDocumentPai(eleveId)
    enregistrerFichier(fichier.data, fichier.fileName ?? 'pai.pdf')
  }

  return (
    <>
      <h1>Santé{enfant?.nom ? ` — ${enfant.nom}` : ''}</h1>
      {!enfant ? (
        <p>Cette page présente le dossier de santé scolaire d'un élève à ses responsables légaux.</p>
      ) : etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : !etat.donnees ? (
        <p className="information">
          {estEleve(moi) && !enfant.nom
            ? "Ton dossier de santé est consulté par tes responsables légaux et l'infirmerie jusqu'à tes 15 ans. L'infirmerie reste là si tu as besoin."
            : "Le dossier de santé d'un élève est réservé à ses responsables légaux, à l'infirmerie de l'établissement et à l'élève dès 15 ans."}
        </p>
      ) : (
        <DossierFamille dossier={etat.donnees} cible={params.get('passage')} telecharger={() => void telecharger()} />
      )}
      <p className="aide">
        Seuls l'infirmier·ère de l'établissement, les responsables légaux et l'élève dès 15 ans lisent ce dossier ; les professeurs ne voient que les consignes
        d'urgence du PAI. Chaque lecture est inscrite au journal des accès. Les passages sont gardés l'année scolaire en cours et la précédente.
      </p>
    </>
  )
}

function DossierFamille({ dossier, cible, telecharger }: { dossier: DossierSante; cible: string | null; telecharger: () => void }) {
  return (
    <>
      <section aria-labelledby="titre-pai">
        <TitrePai />
        {dossier.pai ? <FichePai pai={dossier.pai} telecharger={telecharger} /> : <p>Pas de PAI. Parlez-en à l'infirmerie si votre enfant a besoin d'un traitement ou d'un régime particulier.</p>}
      </section>
      <section aria-labelledby="titre-passages">
        <h2 id="titre-passages">Passages à l'infirmerie</h2>
        <ListePassages passages={dossier.passages} cible={cible} />
      </section>
    </>
  )
}

/**
 * /infirmerie (issue 18): the nurse's day — the visits of the day (?jour=…) with the pupil and class, and the search to
 * open a pupil's record when they walk in.
 */
export function Infirmerie() {
  const moi = useMoi()
  const uai = uaiInfirmerie(moi)
  const [params, setParams] = useSearchParams()
  const demande = params.get('jour')
  const jour = jourValide(demande) ? demande : aujourdhui()
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => client.listerPassagesInfirmerieJour(uai ?? '', jour, signal), [client, uai, jour])
  const [etat, recharger] = useDonnees(charger)
  if (!uai || !estInfirmier(moi)) return <p>Cette page est réservée à l'infirmerie de l'établissement.</p>

  return (
    <>
      <h1>Infirmerie</h1>
      <RechercheEleve uai={uai} />
      <section aria-labelledby="titre-registre">
        <h2 id="titre-registre">Passages du {dateLongue(jour)}</h2>
        <nav aria-label="Jours" className="navigation-jours">
          <button type="button" className="bouton-lien" onClick={() => setParams({ jour: decalerJour(jour, -1) })}>
            Jour précédent
          </button>
          {jour < aujourdhui() && (
            <button type="button" className="bouton-lien" onClick={() => setParams({ jour: decalerJour(jour, 1) })}>
              Jour suivant
            </button>
          )}
        </nav>
        {etat.statut !== 'pret' ? (
          <Attente etat={etat} recharger={recharger} />
        ) : etat.donnees.passages.length === 0 ? (
          <p>Aucun passage enregistré ce jour.</p>
        ) : (
          <ul className="cartes">
            {etat.donnees.passages.map((p) => (
              <li key={p.passage.id} className="carte">
                <h3>
                  <Link to={cheminDossierInfirmerie(p.eleveId)}>{p.eleve}</Link>
                  {p.classe && ` · ${p.classe}`}
                </h3>
                <p>
                  {heure(p.passage.arrivee)} · {p.passage.motifLibelle} · <strong>{p.passage.issueLibelle}</strong>
                  {p.passage.famillePrevenue && ' · famille prévenue'}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

function RechercheEleve({ uai }: { uai: string }) {
  const id = useId()
  const client = useApi().identite
  const [q, setQ] = useState('')
  const [cherche, setCherche] = useState<string | null>(null)
  const charger = useCallback((signal: AbortSignal) => (cherche ? client.rechercherEleves(uai, cherche, signal) : Promise.resolve(null)), [client, uai, cherche])
  const [etat, recharger] = useDonnees(charger)
  const chercher = (e: FormEvent) => {
    e.preventDefault()
    setCherche(q.trim())
  }
  return (
    <section aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>Ouvrir le dossier d'un élève</h2>
      <form onSubmit={chercher} className="recherche-eleve">
        <label htmlFor={`${id}-q`}>Nom ou prénom de l'élève</label>
        <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
        <button type="submit">Chercher</button>
      </form>
      {cherche &&
        (etat.statut !== 'pret' ? (
          <Attente etat={etat} recharger={recharger} />
        ) : (
          <>
            <p role="status">{etat.donnees?.length ? `${etat.donnees.length} élève(s) trouvé(s).` : 'Aucun élève trouvé.'}</p>
            {!!etat.donnees?.length && (
              <ul className="lignes">
                {etat.donnees.map((e) => (
                  <li key={e.eleveId}>
                    <Link to={cheminDossierInfirmerie(e.eleveId)}>
                      {e.prenom} {e.nom}
                    </Link>
                    {e.classe && ` · ${e.classe}`}
                  </li>
                ))}
              </ul>
            )}
          </>
        ))}
    </section>
  )
}

/** « 2026-12-04T10:15 » for a datetime-local field, in the browser's time (the nurse's). */
function maintenantLocal() {
  const d = new Date()
  d.setSeconds(0, 0)
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

/**
 * /infirmerie/eleves/:eleveId (issue 18): the nurse records a visit (the family told at once when the pupil goes home or
 * the emergency services come) and keeps the pupil's PAI and its signed document.
 */
export function DossierInfirmerie() {
  const { eleveId = '' } = useParams()
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => ouIntrouvable(client.obtenirDossierSante(eleveId, signal)), [client, eleveId])
  const [etat, recharger] = useDonnees(charger)
  const statut = useRef<HTMLParagraphElement>(null)
  const [annonce, setAnnonce] = useState<string | null>(null)
  const annoncer = (texte: string) => {
    setAnnonce(texte)
    recharger()
  }
  useEffect(() => {
    if (annonce) statut.current?.focus()
  }, [annonce])

  return (
    <>
      <h1>Dossier de santé</h1>
      <p>
        <Link to={CHEMIN_INFIRMERIE}>Retour à l'infirmerie</Link>
      </p>
      <p role="status" tabIndex={-1} ref={statut} className="annonce-etat">
        {annonce}
      </p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : !etat.donnees?.modifiable ? (
        <p className="information">Ce dossier est réservé à l'infirmerie de l'établissement de l'élève.</p>
      ) : (
        <>
          <NouveauPassage eleveId={eleveId} annoncer={annoncer} />
          <section aria-labelledby="titre-passages">
            <h2 id="titre-passages">Passages (cette année et l'an dernier)</h2>
            <ListePassages passages={etat.donnees.passages} />
          </section>
          <EditeurPai eleveId={eleveId} pai={etat.donnees.pai ?? null} annoncer={annoncer} />
        </>
      )}
    </>
  )
}

function NouveauPassage({ eleveId, annoncer }: { eleveId: string; annoncer: (texte: string) => void }) {
  const id = useId()
  const client = useApi().vieScolaire
  const { envoyer, envoi, refus } = useEnvoi()
  const [arrivee, setArrivee] = useState(maintenantLocal)
  const [motif, setMotif] = useState('')
  const [issue, setIssue] = useState('')
  const [soins, setSoins] = useState('')
  const [observations, setObservations] = useState('')
  const alerte = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (refus.message) alerte.current?.focus()
  }, [refus])
  const prevenir = ISSUES.find(([code]) => code === issue)?.[2] ?? false

  const enregistrer = async (e: FormEvent) => {
    e.preventDefault()
    const cree = await envoyer(() =>
      client.enregistrerPassageInfirmerie(eleveId, {
        arrivee: arrivee ? new Date(arrivee).toISOString() : null,
        motif: motif || null,
        issue: issue || null,
        soins: soins || null,
        observations: observations || null,
      }),
    )
    if (!cree) return
    setMotif('')
    setIssue('')
    setSoins('')
    setObservations('')
    setArrivee(maintenantLocal())
    annoncer(cree.famillePrevenue ? 'Passage enregistré. La famille est prévenue (SMS et application).' : 'Passage enregistré.')
  }
  const erreur = (champ: string) =>
    refus.champs[champ] ? (
      <p id={`${id}-${champ}-erreur`} className="erreur-champ">
        {refus.champs[champ]}
      </p>
    ) : null
  const decrit = (champ: string) => (refus.champs[champ] ? `${id}-${champ}-erreur` : undefined)

  return (
    <section aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>Enregistrer un passage</h2>
      <form onSubmit={(e) => void enregistrer(e)} noValidate className="formulaire-sante">
        {refus.message && (
          <p role="alert" className="erreur" tabIndex={-1} ref={alerte}>
            {refus.message}
          </p>
        )}
        <div className="champ">
          <label htmlFor={`${id}-arrivee`}>Arrivée</label>
          <input id={`${id}-arrivee`} type="datetime-local" value={arrivee} onChange={(e) => setArrivee(e.target.value)} aria-describedby={decrit('arrivee')} />
          {erreur('arrivee')}
        </div>
        <fieldset className="choix" aria-describedby={decrit('motif')}>
          <legend>Motif</legend>
          {MOTIFS.map(([code, libelle]) => (
            <label key={code}>
              <input type="radio" name={`${id}-motif`} value={code} checked={motif === code} onChange={() => setMotif(code)} />
              {libelle}
            </label>
          ))}
          {erreur('motif')}
        </fieldset>
        <div className="champ">
          <label htmlFor={`${id}-soins`}>Soins donnés</label>
          <textarea id={`${id}-soins`} value={soins} onChange={(e) => setSoins(e.target.value)} rows={3} maxLength={2000} aria-describedby={decrit('soins')} />
          {erreur('soins')}
        </div>
        <div className="champ">
          <label htmlFor={`${id}-observations`}>Observations</label>
          <textarea id={`${id}-observations`} value={observations} onChange={(e) => setObservations(e.target.value)} rows={2} maxLength={2000} />
          {erreur('observations')}
        </div>
        <fieldset className="choix" aria-describedby={decrit('issue')}>
          <legend>Issue</legend>
          {ISSUES.map(([code, libelle, famille]) => (
            <label key={code}>
              <input type="radio" name={`${id}-issue`} value={code} checked={issue === code} onChange={() => setIssue(code)} />
              {libelle}
              {famille && <span className="aide"> — la famille est prévenue aussitôt</span>}
            </label>
          ))}
          {erreur('issue')}
        </fieldset>
        {prevenir && <p className="information">Les responsables légaux recevront aussitôt un SMS et une notification : ils ne verront pas le motif ni les soins dans le message.</p>}
        <div className="actions">
          <button type="submit" disabled={envoi}>
            {envoi ? 'Enregistrement…' : 'Enregistrer le passage'}
          </button>
        </div>
      </form>
    </section>
  )
}

function EditeurPai({ eleveId, pai, annoncer }: { eleveId: string; pai: Pai | null; annoncer: (texte: string) => void }) {
  const id = useId()
  const client = useApi().vieScolaire
  const { envoyer, envoi, refus } = useEnvoi()
  const [saisie, setSaisie] = useState({
    allergies: pai?.allergies ?? '',
    traitements: pai?.traitements ?? '',
    conduiteATenir: pai?.conduiteATenir ?? '',
    consignesUrgence: pai?.consignesUrgence ?? '',
  })
  const [fichier, setFichier] = useState<File | null>(null)
  const [erreurFichier, setErreurFichier] = useState<string | null>(null)
  const alerte = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (refus.message) alerte.current?.focus()
  }, [refus])

  const enregistrer = async (e: FormEvent) => {
    e.preventDefault()
    const fait = await envoyer(() =>
      client.definirPai(eleveId, {
        allergies: saisie.allergies || null,
        traitements: saisie.traitements || null,
        conduiteATenir: saisie.conduiteATenir || null,
        consignesUrgence: saisie.consignesUrgence || null,
      }),
    )
    if (fait) annoncer('PAI enregistré. Les professeurs de l’élève voient « PAI : voir l’infirmerie » et les consignes d’urgence.')
  }
  const deposer = async () => {
    if (!fichier) return
    setErreurFichier(null)
    try {
      await client.deposerDocumentPai(eleveId, { data: fichier, fileName: fichier.name })
      setFichier(null)
      annoncer('Document du PAI déposé.')
    } catch (erreur) {
      setErreurFichier(messageErreur(erreur))
    }
  }
  const champ = (cle: keyof typeof saisie, libelle: string, aide?: string) => (
    <div className="champ">
      <label htmlFor={`${id}-${cle}`}>{libelle}</label>
      {aide && (
        <p className="aide" id={`${id}-${cle}-aide`}>
          {aide}
        </p>
      )}
      <textarea
        id={`${id}-${cle}`}
        value={saisie[cle]}
        onChange={(e) => setSaisie({ ...saisie, [cle]: e.target.value })}
        rows={3}
        maxLength={2000}
        aria-describedby={[aide ? `${id}-${cle}-aide` : '', refus.champs[cle] ? `${id}-${cle}-erreur` : ''].filter(Boolean).join(' ') || undefined}
      />
      {refus.champs[cle] && (
        <p id={`${id}-${cle}-erreur`} className="erreur-champ">
          {refus.champs[cle]}
        </p>
      )}
    </div>
  )

  return (
    <section aria-labelledby="titre-pai">
      <TitrePai />
      <form onSubmit={(e) => void enregistrer(e)} noValidate className="formulaire-sante">
        {refus.message && (
          <p role="alert" className="erreur" tabIndex={-1} ref={alerte}>
            {refus.message}
          </p>
        )}
        {champ('allergies', 'Allergies')}
        {champ('traitements', 'Traitements', 'Lesquels, et où ils sont rangés.')}
        {champ('conduiteATenir', 'Au quotidien')}
        {champ('consignesUrgence', "Consignes d'urgence (obligatoire)", 'Ce que les professeurs font si l’élève fait un malaise ou une crise : ils ne voient que cela.')}
        <div className="actions">
          <button type="submit" disabled={envoi}>
            {envoi ? 'Enregistrement…' : 'Enregistrer le PAI'}
          </button>
        </div>
      </form>
      {pai && (
        <div className="champ">
          <label htmlFor={`${id}-document`}>{pai.document ? 'Remplacer le document signé' : 'Joindre le document signé'} (PDF, JPEG ou PNG, 5 Mo au plus)</label>
          <input
            id={`${id}-document`}
            type="file"
            accept="application/pdf,image/jpeg,image/png"
            onChange={(e) => setFichier(e.target.files?.[0] ?? null)}
            aria-describedby={erreurFichier ? `${id}-document-erreur` : undefined}
          />
          {erreurFichier && (
            <p id={`${id}-document-erreur`} className="erreur-champ" role="alert">
              {erreurFichier}
            </p>
          )}
          <button type="button" disabled={!fichier} onClick={() => void deposer()}>
            Déposer le document
          </button>
        </div>
      )}
    </section>
  )
}
