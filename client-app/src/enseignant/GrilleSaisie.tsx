import { Link } from 'react-router'
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { GrilleNotes, LigneSaisie } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { lireRefus } from '../commun/erreurs'
import { useDonnees } from '../commun/useDonnees'
import { ouIntrouvable } from '../commun/appels'
import { titreDocument } from '../commun/titre'
import { pluriel } from '../commun/format'
import { useApi } from '../commun/useApi'
import { Raccourci } from '../commun/Raccourci'
import { cheminService } from './commun'
import { FilAriane, Jour } from './composants'
import { formaterNombre, libelleMarqueur, lireSaisie, MARQUEURS, resultatDe, statistiques, texteResultat, type Saisie } from './notes'

/** /enseignement/evaluations/{id}: the whole class's results of one assessment, entered and saved at once. */
export function GrilleSaisie({ evaluationId }: { evaluationId: string }) {
  const client = useApi().scolarite
  const charger = useCallback((signal: AbortSignal) => ouIntrouvable(client.obtenirGrilleNotes(evaluationId, signal)), [client, evaluationId])
  const [etat, recharger] = useDonnees(charger)

  useEffect(() => {
    if (etat.statut !== 'pret') document.title = titreDocument('Saisie des notes')
  }, [etat.statut])

  if (etat.statut !== 'pret') {
    return (
      <>
        <FilAriane etapes={[{ libelle: 'Mes classes', chemin: '/enseignement' }, { libelle: 'Saisie des notes' }]} />
        <h1>Saisie des notes</h1>
        <Attente etat={etat} recharger={recharger} />
      </>
    )
  }
  if (!etat.donnees) {
    return (
      <>
        <h1>Évaluation introuvable</h1>
        <p>Cette évaluation n'existe pas, a été supprimée ou n'est pas l'une des vôtres.</p>
        <p>
          <Link to="/enseignement">Retour à mes classes</Link>
        </p>
      </>
    )
  }
  return <Saisie initiale={etat.donnees} />
}

/** A pupil's line as it is being edited: the cell's text as typed, and the comment. */
interface Ligne {
  eleveId: string
  nom: string
  prenom: string
  texte: string
  commentaire: string
}

const lignesDe = (grille: GrilleNotes): Ligne[] =>
  grille.eleves.map((e) => ({ eleveId: e.eleveId, nom: e.nom, prenom: e.prenom, texte: texteResultat(e), commentaire: e.commentaire ?? '' }))

const nomComplet = (l: { prenom: string; nom: string }) => `${l.prenom} ${l.nom}`

/** What failed, per pupil: the result cell and the comment each may have their own message. */
type ErreursLigne = { resultat?: string; commentaire?: string }

// The server keeps no comment without a result: say so rather than lose it silently.
const SEUL_COMMENTAIRE = "Un commentaire seul n'est pas enregistré : saisissez aussi une note ou une lettre (A, D, N, R), ou videz-le."

function erreursLocales(saisie: Saisie, commentaire: string): ErreursLigne {
  const erreurs: ErreursLigne = {}
  if (saisie.type === 'invalide') erreurs.resultat = saisie.message
  if (saisie.type === 'vide' && commentaire.trim()) erreurs.commentaire = SEUL_COMMENTAIRE
  return erreurs
}

const aDesErreurs = (e: ErreursLigne | undefined) => !!(e?.resultat || e?.commentaire)


function Saisie({ initiale }: { initiale: GrilleNotes }) {
  const client = useApi().scolarite
  const [grille, setGrille] = useState(initiale)
  const [lignes, setLignes] = useState(() => lignesDe(initiale))
  // Errors of a cell show once the teacher has left it (not while a word is half typed), or after « Enregistrer ».
  const [vues, setVues] = useState<ReadonlySet<string>>(new Set())
  const [erreursServeur, setErreursServeur] = useState<Record<string, ErreursLigne>>({})
  // The summary read out (role="alert") when saving failed or was refused before sending.
  const [echec, setEchec] = useState<string | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const [active, setActive] = useState(0)
  const [avecCommentaires, setAvecCommentaires] = useState(() => initiale.eleves.some((e) => e.commentaire))
  const resultats = useRef<(HTMLInputElement | null)[]>([])
  const commentaires = useRef<(HTMLInputElement | null)[]>([])
  const bouton = useRef<HTMLButtonElement>(null)

  const { evaluation } = grille
  const bareme = evaluation.bareme
  const enregistrees = useMemo(() => new Map(grille.eleves.map((e) => [e.eleveId, e])), [grille])

  const lues = lignes.map((l) => {
    const saisie = lireSaisie(l.texte, bareme)
    const avant = enregistrees.get(l.eleveId)
    const resultat = resultatDe(saisie)
    const modifiee =
      saisie.type === 'invalide' ||
      (resultat.valeur ?? null) !== (avant?.valeur ?? null) ||
      (resultat.marqueur ?? null) !== (avant?.marqueur ?? null) ||
      l.commentaire.trim() !== (avant?.commentaire ?? '')
    const locales = erreursLocales(saisie, l.commentaire)
    const serveur = erreursServeur[l.eleveId]
    const erreurs: ErreursLigne = vues.has(l.eleveId)
      ? { resultat: locales.resultat ?? serveur?.resultat, commentaire: locales.commentaire ?? serveur?.commentaire }
      : (serveur ?? {})
    return { ligne: l, saisie, resultat, modifiee, locales, erreurs }
  })
  const stats = statistiques(
    lues.map((l) => l.resultat),
    grille.nonRenduCompteZero,
  )
  const modifiees = lues.filter((l) => l.modifiee).length
  const commentairesVisibles = avecCommentaires || lues.some((l) => l.erreurs.commentaire)

  useEffect(() => {
    document.title = titreDocument(`Saisie des notes : ${evaluation.titre}, ${grille.matiere} ${grille.libelle}`)
  }, [evaluation.titre, grille.matiere, grille.libelle])

  // Leaving (a link, a reload, closing the tab) with unsaved results asks first.
  useEffect(() => {
    if (modifiees === 0) return
    const retenir = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = '' // older browsers ask only when this is set
    }
    window.addEventListener('beforeunload', retenir)
    return () => window.removeEventListener('beforeunload', retenir)
  }, [modifiees])

  const modifier = (i: number, champ: 'texte' | 'commentaire', valeur: string) => {
    // A marker's letter alone reads better in capitals: « A », not « a ».
    const texte = champ === 'texte' && /^[adnr]$/i.test(valeur) ? valeur.toUpperCase() : valeur
    const eleveId = lignes[i].eleveId
    setLignes((ls) => ls.map((l, j) => (j === i ? { ...l, [champ]: texte } : l)))
    setVues((v) => {
      if (!v.has(eleveId)) return v
      const suivantes = new Set(v)
      suivantes.delete(eleveId)
      return suivantes
    })
    setErreursServeur((e) => {
      if (!e[eleveId]) return e
      const { [eleveId]: _corrigee, ...autres } = e
      return autres
    })
    setSucces(null)
  }

  const voir = (eleveId: string) => setVues((v) => (v.has(eleveId) ? v : new Set(v).add(eleveId)))

  const colonnes = { resultat: resultats, commentaire: commentaires }
  type Colonne = keyof typeof colonnes

  const aller = (colonne: Colonne, i: number) => {
    const cible = colonnes[colonne].current[i]
    if (!cible) return
    cible.focus()
    cible.select()
  }

  // Enter or ↓: next pupil (Enter on the last one reaches « Enregistrer »); ↑: previous; Escape: back to the saved value.
  const clavier = (colonne: Colonne, i: number) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey) return
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault()
      if (i + 1 < lignes.length) aller(colonne, i + 1)
      else if (e.key === 'Enter') bouton.current?.focus()
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      if (i > 0) aller(colonne, i - 1)
    } else if (e.key === 'Escape') {
      const avant = enregistrees.get(lignes[i].eleveId)
      const champ = colonne === 'resultat' ? 'texte' : 'commentaire'
      modifier(i, champ, champ === 'texte' ? (avant ? texteResultat(avant) : '') : (avant?.commentaire ?? ''))
    }
  }

  const marquer = (lettre: string) => {
    modifier(active, 'texte', lettre)
    resultats.current[active]?.focus()
  }

  const enregistrer = async (e: FormEvent) => {
    e.preventDefault()
    setSucces(null)
    setVues(new Set(lignes.map((l) => l.eleveId)))

    const refusees = lues.filter((l) => aDesErreurs(l.locales))
    if (refusees.length > 0) {
      setEchec(
        `${pluriel(refusees.length, "résultat n'est pas valable", 'résultats ne sont pas valables')} : ` +
          `${refusees.map((l) => nomComplet(l.ligne)).join(', ')} — rien n'a été envoyé, corrigez puis enregistrez.`,
      )
      aller('resultat', lues.indexOf(refusees[0]))
      return
    }

    const notes: LigneSaisie[] = lues.map(({ ligne, resultat }) => ({
      eleveId: ligne.eleveId,
      valeur: resultat.valeur ?? null,
      marqueur: resultat.marqueur ?? null,
      commentaire: ligne.commentaire.trim() || null,
    }))
    setEchec(null)
    setEnvoi(true)
    try {
      const nouvelle = await client.saisirNotes(evaluation.id, { notes })
      setGrille(nouvelle)
      setLignes(lignesDe(nouvelle))
      setErreursServeur({})
      setVues(new Set())
      const n = statistiques(nouvelle.eleves, nouvelle.nonRenduCompteZero).saisies
      setSucces(`${pluriel(n, 'résultat enregistré', 'résultats enregistrés')}.`)
    } catch (erreur) {
      const refus = lireRefus(erreur)
      const parEleve: Record<string, ErreursLigne> = {}
      const autres: string[] = []
      for (const [cle, message] of Object.entries(refus.champs)) {
        // notes[3].valeur: the fourth line sent, i.e. the fourth pupil of the grid.
        const trouve = /^notes\[(\d+)\](?:\.(\w+))?$/i.exec(cle)
        const eleveId = trouve ? notes[Number(trouve[1])]?.eleveId : undefined
        if (!eleveId) {
          autres.push(message)
          continue
        }
        const champ = trouve![2]?.toLowerCase() === 'commentaire' ? 'commentaire' : 'resultat'
        const deja = parEleve[eleveId]?.[champ]
        parEleve[eleveId] = { ...parEleve[eleveId], [champ]: deja ? `${deja} ${message}` : message }
      }
      setErreursServeur(parEleve)
      const noms = lignes.filter((l) => parEleve[l.eleveId]).map(nomComplet)
      if (noms.length > 0) {
        setEchec(
          `${pluriel(noms.length, "note n'a pas été enregistrée", "notes n'ont pas été enregistrées")} : ${noms.join(', ')}` +
            ` — rien n'a été enregistré, corrigez puis réessayez.${autres.length ? ` ${autres.join(' ')}` : ''}`,
        )
        aller('resultat', lignes.findIndex((l) => parEleve[l.eleveId]))
      } else {
        setEchec(`Rien n'a été enregistré. ${autres.join(' ') || refus.message || ''} Vos saisies restent sur cette page.`.replace(/\s+/g, ' '))
      }
    } finally {
      setEnvoi(false)
    }
  }

  const eleveActif = lignes[active] ?? lignes[0]
  const saisieActive = lues[active]?.saisie
  const etapes = [
    { libelle: 'Mes classes', chemin: '/enseignement' },
    { libelle: `${grille.matiere} — ${grille.libelle}`, chemin: cheminService(evaluation.serviceId) },
    { libelle: evaluation.titre },
  ]

  return (
    <>
      <FilAriane etapes={etapes} />
      <h1>{evaluation.titre}</h1>
      <p className="situation">
        {grille.matiere} — {grille.libelle} · <Jour jour={evaluation.date} /> · noté sur {formaterNombre(bareme)} · coefficient{' '}
        {formaterNombre(evaluation.coefficient)}
        {evaluation.mode !== 'normale' && ` · ${evaluation.mode === 'bonus' ? 'bonus' : 'facultative'}`}
        {!evaluation.compteDansMoyenne && ' · ne compte pas dans la moyenne'}
      </p>
      <p id="aide-saisie" className="aide aide-saisie">
        Tapez la note (12,5 ou 12.5) ou une lettre : <kbd>A</kbd> Absent, <kbd>D</kbd> Dispensé, <kbd>N</kbd> Non noté,{' '}
        <kbd>R</kbd> Non rendu. <kbd>Entrée</kbd> ou <kbd>↓</kbd> : élève suivant, <kbd>↑</kbd> : précédent, <kbd>Échap</kbd> :
        annuler la case. Une case vide efface le résultat.
        {grille.nonRenduCompteZero && ' Non rendu compte 0 dans la moyenne.'} Rien n'est enregistré avant « Enregistrer ».
      </p>
      {grille.eleves.length === 0 ? (
        <p>Aucun élève dans cette classe ou ce groupe.</p>
      ) : (
        <form onSubmit={enregistrer} noValidate className="saisie-notes">
          <Raccourci cible="enregistrer-notes">Aller à « Enregistrer »</Raccourci>
          <div className="case">
            <input id="afficher-commentaires" type="checkbox" checked={commentairesVisibles} onChange={(e) => setAvecCommentaires(e.target.checked)} />
            <label htmlFor="afficher-commentaires">Afficher les commentaires</label>
          </div>
          <div className="defilement-tableau">
            <table className="grille-notes" aria-describedby="aide-saisie">
              <caption className="visuellement-cache">
                Résultats de {lignes.length} élèves, sur {formaterNombre(bareme)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Élève</th>
                  <th scope="col">Résultat sur {formaterNombre(bareme)}</th>
                  {commentairesVisibles && <th scope="col">Commentaire</th>}
                </tr>
              </thead>
              <tbody>
                {lues.map(({ ligne: l, saisie, modifiee, erreurs }, i) => {
                  const id = `resultat-${l.eleveId}`
                  const decrit = [saisie.type === 'marqueur' && `${id}-marqueur`, erreurs.resultat && `${id}-erreur`].filter(Boolean).join(' ')
                  const idCommentaire = `commentaire-${l.eleveId}`
                  return (
                    <tr key={l.eleveId} className={modifiee ? 'modifiee' : undefined}>
                      <th scope="row">
                        <span className="nom">{l.nom}</span> {l.prenom}
                      </th>
                      <td>
                        <div className="cellule-resultat">
                          <input
                            id={id}
                            ref={(el) => {
                              resultats.current[i] = el
                            }}
                            type="text"
                            inputMode="decimal"
                            enterKeyHint={i + 1 < lignes.length ? 'next' : 'done'}
                            autoComplete="off"
                            autoCapitalize="characters"
                            spellCheck={false}
                            aria-label={`Résultat de ${nomComplet(l)}`}
                            aria-invalid={erreurs.resultat ? true : undefined}
                            aria-describedby={decrit || undefined}
                            value={l.texte}
                            onChange={(e) => modifier(i, 'texte', e.target.value)}
                            onKeyDown={clavier('resultat', i)}
                            onFocus={(e) => {
                              setActive(i)
                              e.currentTarget.select()
                            }}
                            onBlur={() => voir(l.eleveId)}
                          />
                          {saisie.type === 'marqueur' && (
                            <span id={`${id}-marqueur`} className="marqueur">
                              {libelleMarqueur(saisie.marqueur)}
                            </span>
                          )}
                        </div>
                        {erreurs.resultat && (
                          <p id={`${id}-erreur`} className="erreur-champ">
                            {erreurs.resultat}
                          </p>
                        )}
                        {modifiee && <span className="visuellement-cache"> (modifié, non enregistré)</span>}
                      </td>
                      {commentairesVisibles && (
                        <td>
                          <input
                            id={idCommentaire}
                            ref={(el) => {
                              commentaires.current[i] = el
                            }}
                            type="text"
                            className="commentaire"
                            maxLength={500}
                            autoComplete="off"
                            enterKeyHint={i + 1 < lignes.length ? 'next' : 'done'}
                            aria-label={`Commentaire pour ${nomComplet(l)}`}
                            aria-invalid={erreurs.commentaire ? true : undefined}
                            aria-describedby={erreurs.commentaire ? `${idCommentaire}-erreur` : undefined}
                            value={l.commentaire}
                            onChange={(e) => modifier(i, 'commentaire', e.target.value)}
                            onKeyDown={clavier('commentaire', i)}
                            onBlur={() => voir(l.eleveId)}
                          />
                          {erreurs.commentaire && (
                            <p id={`${idCommentaire}-erreur`} className="erreur-champ">
                              {erreurs.commentaire}
                            </p>
                          )}
                        </td>
                      )}
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>

          <div className="barre-saisie">
            {echec && (
              <p role="alert" className="erreur">
                {echec}
              </p>
            )}
            <div className="marqueurs-tactiles" role="group" aria-labelledby="marqueur-pour">
              <span id="marqueur-pour">Pour {eleveActif && nomComplet(eleveActif)} :</span>
              {MARQUEURS.map((m) => (
                <button
                  key={m.marqueur}
                  type="button"
                  className="secondaire"
                  // Keeps the focus (and the tablet's keyboard) in the pupil's cell.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => marquer(m.lettre)}
                  aria-pressed={saisieActive?.type === 'marqueur' && saisieActive.marqueur === m.marqueur}
                >
                  {m.libelle}
                </button>
              ))}
            </div>
            <dl className="stats-saisie">
              <div>
                <dt>Saisis</dt>
                <dd>
                  {stats.saisies} / {lignes.length}
                </dd>
              </div>
              <div>
                <dt>Moyenne</dt>
                <dd>{stats.moyenne === null ? '—' : formaterNombre(stats.moyenne)}</dd>
              </div>
              <div>
                <dt>Min</dt>
                <dd>{stats.min === null ? '—' : formaterNombre(stats.min)}</dd>
              </div>
              <div>
                <dt>Max</dt>
                <dd>{stats.max === null ? '—' : formaterNombre(stats.max)}</dd>
              </div>
            </dl>
            <div className="actions-saisie">
              <button id="enregistrer-notes" ref={bouton} type="submit" disabled={envoi}>
                {envoi ? 'Enregistrement…' : 'Enregistrer'}
              </button>
              <p className="aide">
                {modifiees === 0
                  ? 'Aucune modification en attente.'
                  : `${pluriel(modifiees, 'modification non enregistrée', 'modifications non enregistrées')}`}
              </p>
              <p role="status" className={succes ? 'succes' : undefined}>
                {succes}
              </p>
            </div>
          </div>
        </form>
      )}
    </>
  )
}
