import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { ConseilClasse, EleveConseil, LigneConseil, PeriodeScolaire } from '../api/ent-client'
import { statutErreur } from '../commun/appels'
import { lireRefus } from '../commun/erreurs'
import { pluriel } from '../commun/format'
import { Raccourci } from '../commun/Raccourci'
import { titreDocument } from '../commun/titre'
import { useApi } from '../commun/useApi'
import { cheminConseil } from './commun'
import { ChoixPeriode, FilAriane, useRetenirSiModifie } from './composants'
import { formaterNombre } from './notes'
import { PageDePeriode } from './PageDePeriode'
import { erreursParLigne } from './periodes'

const LONGUEUR_MAX = 1000

/** The council's decisions, as the report card names them. */
export const DECISIONS = [
  { code: 'felicitations', libelle: 'Félicitations' },
  { code: 'compliments', libelle: 'Compliments' },
  { code: 'encouragements', libelle: 'Encouragements' },
  { code: 'mise_en_garde_travail', libelle: 'Mise en garde (travail)' },
  { code: 'mise_en_garde_comportement', libelle: 'Mise en garde (comportement)' },
  { code: 'avertissement', libelle: 'Avertissement' },
]

const libelleDecision = (code: string | null | undefined) => DECISIONS.find((d) => d.code === code)?.libelle ?? 'Aucune'

/** What the head teacher types for a pupil. */
interface Ligne {
  appreciation: string
  decision: string
}

const lignesDe = (c: ConseilClasse): Record<string, Ligne> =>
  Object.fromEntries(c.eleves.map((e) => [e.eleveId, { appreciation: e.appreciationGenerale ?? '', decision: e.decision ?? '' }]))

/** Only what changed is sent: null leaves the stored value, empty removes it (the API's rule). */
export function ligneModifiee(eleveId: string, avant: Ligne, apres: Ligne): LigneConseil | null {
  const appreciation = apres.appreciation.trim()
  const changeTexte = appreciation !== avant.appreciation
  const changeDecision = apres.decision !== avant.decision
  if (!changeTexte && !changeDecision) return null
  return { eleveId, appreciationGenerale: changeTexte ? appreciation : null, decision: changeDecision ? apres.decision : null }
}

/**
 * /enseignement/classes/{id}/conseil?periode={id}: the head teacher's class council — each pupil's general average,
 * the general appraisal and the council's decision, saved at once; read only once the report cards are published.
 */
export function PageConseil({ classeId }: { classeId: string }) {
  const client = useApi().scolarite
  const chargerPeriode = useCallback(
    (periodeId: string, signal: AbortSignal) => client.obtenirConseilClasse(classeId, periodeId, signal),
    [client, classeId],
  )
  return (
    <PageDePeriode
      titre="Conseil de classe"
      introuvable="Conseil de classe introuvable"
      pourquoi="Cette classe ou cette période n'existe pas, ou vous n'en êtes pas le professeur principal."
      chargerPeriode={chargerPeriode}
    >
      {({ periodes, periode, donnees }) => <Saisie periodes={periodes} periode={periode} conseil={donnees} />}
    </PageDePeriode>
  )
}

function Saisie({ periodes, periode, conseil: initial }: { periodes: PeriodeScolaire[]; periode: PeriodeScolaire; conseil: ConseilClasse }) {
  const client = useApi().scolarite
  const [conseil, setConseil] = useState(initial)
  const [lignes, setLignes] = useState(() => lignesDe(initial))
  const [publie, setPublie] = useState<string | null>(periode.bulletinsPubliesLe ? 'publie' : null)
  const [erreurs, setErreurs] = useState<Record<string, string>>({})
  const [echec, setEchec] = useState<string | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const alerte = useRef<HTMLDivElement>(null)
  const champs = useRef(new Map<string, HTMLTextAreaElement | HTMLSelectElement | null>())

  const enregistrees = lignesDe(conseil)
  const envois = conseil.eleves.map((e) => ligneModifiee(e.eleveId, enregistrees[e.eleveId], lignes[e.eleveId])).filter((l) => l !== null)
  useRetenirSiModifie(publie ? 0 : envois.length)
  const ecrit = conseil.estProfesseurPrincipal

  useEffect(() => {
    document.title = titreDocument(`Conseil de classe : ${conseil.classe}, ${periode.libelle}`)
  }, [conseil.classe, periode.libelle])

  const changer = (eleveId: string, champ: keyof Ligne, valeur: string) => {
    setLignes((l) => ({ ...l, [eleveId]: { ...l[eleveId], [champ]: valeur } }))
    setSucces(null)
  }

  const enregistrer = async (e: FormEvent) => {
    e.preventDefault()
    setSucces(null)
    setEchec(null)
    if (envois.length === 0) {
      setSucces('Aucune modification à enregistrer.')
      return
    }
    setEnvoi(true)
    try {
      const nouveau = await client.saisirConseilClasse(conseil.classeId, periode.id, { eleves: envois })
      setConseil(nouveau)
      setLignes(lignesDe(nouveau))
      setErreurs({})
      setSucces(`Conseil enregistré pour ${pluriel(envois.length, 'élève', 'élèves')}.`)
    } catch (erreur) {
      const refus = lireRefus(erreur)
      const { parEleve, autres } = erreursParLigne(
        refus.champs,
        envois.map((l) => l.eleveId),
      )
      setErreurs(parEleve)
      if (statutErreur(erreur) === 409) {
        setPublie(refus.message)
        requestAnimationFrame(() => alerte.current?.focus())
        return
      }
      const premier = conseil.eleves.find((x) => parEleve[x.eleveId])
      setEchec(`Rien n'a été enregistré. ${autres.join(' ') || (premier ? 'Corrigez les lignes signalées.' : refus.message)}`)
      if (premier) champs.current.get(premier.eleveId)?.focus()
    } finally {
      setEnvoi(false)
    }
  }

  return (
    <>
      <FilAriane etapes={[{ libelle: 'Mes classes', chemin: '/enseignement' }, { libelle: `Conseil de classe, ${conseil.classe}` }]} />
      <h1>
        Conseil de classe — {conseil.classe}, {periode.libelle}
      </h1>
      <p className="situation">
        {pluriel(conseil.eleves.length, 'élève', 'élèves')}
        {conseil.moyenneGeneraleClasse != null && ` · moyenne générale de la classe ${formaterNombre(conseil.moyenneGeneraleClasse)}/20`}
      </p>
      <ChoixPeriode periodes={periodes} choisie={periode.id} chemin={(id) => cheminConseil(conseil.classeId, id)} />
      {publie ? (
        <div ref={alerte} tabIndex={-1} className="information" role={publie === 'publie' ? undefined : 'alert'}>
          <p>
            {publie === 'publie'
              ? "Les bulletins de cette période sont publiés : les familles les lisent tels quels. Pour modifier une appréciation ou un avis du conseil, demandez à la direction de retirer d'abord la publication."
              : publie}
          </p>
        </div>
      ) : (
        <p className="aide" id="aide-conseil">
          {ecrit
            ? `L'appréciation générale fait ${LONGUEUR_MAX} caractères au plus ; vidée, elle est effacée. `
            : "Seul le professeur principal écrit l'appréciation générale. "}
          Rien n'est enregistré avant « Enregistrer ».
        </p>
      )}
      {conseil.eleves.length === 0 ? (
        <p>Aucun élève dans cette classe.</p>
      ) : publie ? (
        <ul className="appreciations lecture" aria-label="Élèves">
          {conseil.eleves.map((e) => (
            <li key={e.eleveId} className="appreciation">
              <p className="eleve-appreciation">
                <strong>{e.nom}</strong> {e.prenom} <span className="moyenne">{moyenne(e)}</span>
              </p>
              <p className="texte">{e.appreciationGenerale || <em>Pas d'appréciation générale.</em>}</p>
              <p>Décision du conseil : {libelleDecision(e.decision)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <form onSubmit={enregistrer} noValidate className="saisie-appreciations">
          <Raccourci cible="enregistrer-conseil">Aller à « Enregistrer »</Raccourci>
          <ul className="appreciations" aria-label="Élèves">
            {conseil.eleves.map((e) => {
              const id = `conseil-${e.eleveId}`
              const ligne = lignes[e.eleveId]
              const decrit = [`${id}-moyenne`, erreurs[e.eleveId] && `${id}-erreur`].filter(Boolean).join(' ')
              const modifiee = envois.some((l) => l.eleveId === e.eleveId)
              return (
                <li key={e.eleveId} className={modifiee ? 'appreciation modifiee' : 'appreciation'}>
                  <div className="eleve-appreciation">
                    <h2 className="nom-conseil">
                      <strong>{e.nom}</strong> {e.prenom}
                    </h2>
                    <span id={`${id}-moyenne`} className="moyenne">
                      {moyenne(e)}
                    </span>
                  </div>
                  {ecrit ? (
                    <div className="champ">
                      <label htmlFor={`${id}-appreciation`}>Appréciation générale pour {`${e.prenom} ${e.nom}`}</label>
                      <textarea
                        id={`${id}-appreciation`}
                        ref={(el) => {
                          champs.current.set(e.eleveId, el)
                        }}
                        rows={2}
                        maxLength={LONGUEUR_MAX}
                        value={ligne.appreciation}
                        aria-invalid={erreurs[e.eleveId] ? true : undefined}
                        aria-describedby={decrit}
                        onChange={(x) => changer(e.eleveId, 'appreciation', x.target.value)}
                      />
                    </div>
                  ) : (
                    <p className="texte">{e.appreciationGenerale || <em>Pas d'appréciation générale.</em>}</p>
                  )}
                  <div className="champ">
                    <label htmlFor={`${id}-decision`}>Décision du conseil pour {`${e.prenom} ${e.nom}`}</label>
                    <select
                      id={`${id}-decision`}
                      ref={(el) => {
                        if (!ecrit) champs.current.set(e.eleveId, el)
                      }}
                      value={ligne.decision}
                      aria-invalid={erreurs[e.eleveId] ? true : undefined}
                      aria-describedby={erreurs[e.eleveId] ? `${id}-erreur` : undefined}
                      onChange={(x) => changer(e.eleveId, 'decision', x.target.value)}
                    >
                      <option value="">Aucune</option>
                      {DECISIONS.map((d) => (
                        <option key={d.code} value={d.code}>
                          {d.libelle}
                        </option>
                      ))}
                    </select>
                  </div>
                  {erreurs[e.eleveId] && (
                    <p id={`${id}-erreur`} className="erreur-champ">
                      {erreurs[e.eleveId]}
                    </p>
                  )}
                </li>
              )
            })}
          </ul>
          <div className="barre-saisie">
            {echec && (
              <p role="alert" className="erreur">
                {echec}
              </p>
            )}
            <div className="actions-saisie">
              <button id="enregistrer-conseil" type="submit" disabled={envoi}>
                {envoi ? 'Enregistrement…' : 'Enregistrer'}
              </button>
              <p className="aide">
                {envois.length === 0 ? 'Aucune modification en attente.' : pluriel(envois.length, 'élève modifié, non enregistré', 'élèves modifiés, non enregistrés')}
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

const moyenne = (e: EleveConseil) => (e.moyenneGenerale == null ? 'Pas de moyenne' : `Moyenne générale ${formaterNombre(e.moyenneGenerale)}/20`)
