import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import type { AbsenceEleve } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useDonnees } from '../commun/useDonnees'
import { champEtape1, champsDuFormulaire, deposerJustificatif, RefusJustificatif, verifierFichier } from './absences'
import { libelleType, taille } from '../commun/vieScolaire'
import { horaire, jourCourt, jourDe, pluriel } from '../commun/format'
import { useApi } from '../commun/useApi'

const MOTIF_AUTRE = 'autre'

/**
 * « Justifier » in two steps: (1) the absences and the reason, with a comment; (2) a document, photographed or chosen
 * (checked here for its size before a phone spends minutes sending it), then sent in one multipart request.
 */
export function Justifier({
  eleveId,
  absences,
  selection: initiale,
  envoye,
  annuler,
}: {
  eleveId: string
  absences: AbsenceEleve[]
  selection: string[]
  envoye: (n: number) => void
  annuler: () => void
}) {
  const { vieScolaire } = useApi()
  const client = useApi().vieScolaire
  const chargerMotifs = useCallback((signal: AbortSignal) => client.listerMotifsAbsence(signal), [client])
  const [motifs, rechargerMotifs] = useDonnees(chargerMotifs)
  const [etape, setEtape] = useState<1 | 2>(1)
  const [selection, setSelection] = useState<string[]>(initiale)
  const [motif, setMotif] = useState('')
  const [commentaire, setCommentaire] = useState('')
  const [document, setDocument] = useState<File | null>(null)
  const [erreurs, setErreurs] = useState<Record<string, string>>({})
  const [echec, setEchec] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const titre = useRef<HTMLHeadingElement>(null)
  const id = useId()

  // Each step starts at its heading, so that a screen reader and a phone's viewport both land on it.
  useEffect(() => {
    titre.current?.focus()
  }, [etape])

  const libelleMotif = motifs.statut === 'pret' ? motifs.donnees.find((m) => m.code === motif)?.libelle : undefined

  const continuer = (e: FormEvent) => {
    e.preventDefault()
    const locales: Record<string, string> = {}
    if (selection.length === 0) locales.absenceIds = 'Cochez au moins une absence.'
    if (!motif) locales.motif = "Choisissez un motif d'absence."
    if (motif === MOTIF_AUTRE && !commentaire.trim()) locales.commentaire = 'Précisez le motif dans le commentaire : il est obligatoire avec « Autre motif ».'
    setErreurs(locales)
    setEchec(Object.keys(locales).length > 0 ? 'Vérifiez les champs signalés.' : null)
    if (Object.keys(locales).length === 0) setEtape(2)
  }

  const choisirFichier = (e: ChangeEvent<HTMLInputElement>) => {
    const fichier = e.target.files?.[0] ?? null
    e.target.value = '' // the same file may be chosen again after « Retirer »
    if (!fichier) return
    const refus = verifierFichier(fichier)
    setEchec(null)
    if (refus) {
      setDocument(null)
      setErreurs({ document: refus })
      return
    }
    setErreurs({})
    setDocument(fichier)
  }

  const envoyer = async (e: FormEvent) => {
    e.preventDefault()
    if (erreurs.document) return
    setEchec(null)
    setEnvoi(true)
    try {
      await deposerJustificatif(vieScolaire, eleveId, { absenceIds: selection, motif, commentaire, document })
      envoye(selection.length)
    } catch (erreur) {
      const refus = erreur instanceof RefusJustificatif ? erreur.refus : { champs: {}, message: "Le justificatif n'a pas pu être envoyé." }
      const champs = champsDuFormulaire(refus.champs)
      setErreurs(champs)
      setEchec(refus.message)
      if (Object.keys(champs).some(champEtape1)) setEtape(1)
    } finally {
      setEnvoi(false)
    }
  }

  const basculer = (absenceId: string) => {
    setSelection((s) => (s.includes(absenceId) ? s.filter((x) => x !== absenceId) : [...s, absenceId]))
    setErreurs(({ absenceIds: _corrigee, ...autres }) => autres)
  }

  const decrit = (champ: string, aide?: string) => [aide, erreurs[champ] && `${id}-${champ}-erreur`].filter(Boolean).join(' ') || undefined
  const erreur = (champ: string) =>
    erreurs[champ] ? (
      <p id={`${id}-${champ}-erreur`} className="erreur-champ">
        {erreurs[champ]}
      </p>
    ) : null

  return (
    <section aria-labelledby={`${id}-titre`} className="carte formulaire justifier">
      <h2 id={`${id}-titre`} ref={titre} tabIndex={-1}>
        Justifier des absences
      </h2>
      <p className="etape">{etape === 1 ? 'Étape 1 sur 2 : les absences et le motif' : 'Étape 2 sur 2 : le justificatif'}</p>
      {motifs.statut !== 'pret' ? (
        <Attente etat={motifs} recharger={rechargerMotifs} />
      ) : etape === 1 ? (
        <form onSubmit={continuer} noValidate>
          <fieldset aria-describedby={decrit('absenceIds')}>
            <legend>Absences à justifier</legend>
            {erreur('absenceIds')}
            {absences.map((a) => (
              <div key={a.id} className="case">
                <input id={`${id}-${a.id}`} type="checkbox" checked={selection.includes(a.id)} onChange={() => basculer(a.id)} />
                <label htmlFor={`${id}-${a.id}`}>
                  {libelleType(a)} — {jourCourt(jourDe(a.debut))}, {horaire(a.debut, a.fin)}
                  {a.cours && <span className="aide"> · {a.cours}</span>}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="champ">
            <label htmlFor={`${id}-motif`}>Motif</label>
            <select
              id={`${id}-motif`}
              value={motif}
              onChange={(e) => {
                setMotif(e.target.value)
                setErreurs(({ motif: _corrige, ...autres }) => autres)
              }}
              aria-invalid={erreurs.motif ? true : undefined}
              aria-describedby={decrit('motif')}
              required
            >
              <option value="">Choisir un motif</option>
              {motifs.donnees.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.libelle}
                </option>
              ))}
            </select>
            {erreur('motif')}
          </div>
          <div className="champ">
            <label htmlFor={`${id}-commentaire`}>Commentaire</label>
            <p id={`${id}-commentaire-aide`} className="aide">
              Facultatif, sauf avec « Autre motif ». 1000 caractères au plus.
            </p>
            <textarea
              id={`${id}-commentaire`}
              value={commentaire}
              maxLength={1000}
              onChange={(e) => {
                setCommentaire(e.target.value)
                setErreurs(({ commentaire: _corrige, ...autres }) => autres)
              }}
              aria-invalid={erreurs.commentaire ? true : undefined}
              aria-describedby={decrit('commentaire', `${id}-commentaire-aide`)}
            />
            {erreur('commentaire')}
          </div>
          {echec && (
            <p role="alert" className="erreur">
              {echec}
            </p>
          )}
          <div className="actions">
            <button type="submit">Continuer</button>
            <button type="button" className="secondaire" onClick={annuler}>
              Annuler
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={envoyer} noValidate>
          <dl className="details">
            <dt>Absences</dt>
            <dd>{pluriel(selection.length, 'absence ou retard', 'absences ou retards')}</dd>
            <dt>Motif</dt>
            <dd>{libelleMotif ?? motif}</dd>
            {commentaire.trim() && (
              <>
                <dt>Commentaire</dt>
                <dd>{commentaire.trim()}</dd>
              </>
            )}
          </dl>
          <p id={`${id}-document-aide`}>
            Joignez si vous le pouvez un justificatif (certificat médical, convocation…) : une photo ou un fichier PDF, JPEG ou PNG de 5 Mo au plus.
          </p>
          <div className="fichiers" role="group" aria-label="Document justificatif">
            <input
              id={`${id}-photo`}
              type="file"
              accept="image/*"
              capture="environment"
              onChange={choisirFichier}
              aria-describedby={decrit('document', `${id}-document-aide`)}
            />
            <label htmlFor={`${id}-photo`}>Prendre une photo</label>
            <input
              id={`${id}-fichier`}
              type="file"
              accept="image/*,application/pdf"
              onChange={choisirFichier}
              aria-describedby={decrit('document', `${id}-document-aide`)}
            />
            <label htmlFor={`${id}-fichier`}>Choisir un fichier</label>
          </div>
          {erreurs.document && (
            <div className="fichier-choisi">
              <p id={`${id}-document-erreur`} role="alert" className="erreur-champ">
                {erreurs.document}
              </p>
              <button type="button" className="secondaire" onClick={() => setErreurs({})}>
                Ne pas joindre de document
              </button>
            </div>
          )}
          {erreurs.document ? null : document ? (
            <div className="fichier-choisi">
              <p>
                Document joint : <strong>{document.name}</strong> ({taille(document.size)})
              </p>
              <button type="button" className="secondaire" onClick={() => setDocument(null)}>
                Retirer le document
              </button>
            </div>
          ) : (
            <p className="aide">Aucun document joint.</p>
          )}
          {echec && (
            <p role="alert" className="erreur">
              {echec}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={envoi}>
              {envoi ? 'Envoi…' : 'Envoyer le justificatif'}
            </button>
            <button
              type="button"
              className="secondaire"
              onClick={() => {
                setEchec(null)
                setEtape(1)
              }}
            >
              Modifier les absences ou le motif
            </button>
          </div>
          <p role="status">{envoi ? (document ? `Envoi du document (${taille(document.size)})…` : 'Envoi…') : null}</p>
        </form>
      )}
    </section>
  )
}
