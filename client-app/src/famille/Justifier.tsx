import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AbsenceEleve } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useDonnees } from '../commun/useDonnees'
import { champEtape1, champsDuFormulaire, deposerJustificatif, RefusJustificatif, verifierFichier } from './absences'
import { libelleType, taille } from '../commun/vieScolaire'
import { horaire, jourCourt, jourDe } from '../commun/format'
import { avecElement } from '../i18n/insertion'
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
  const { t } = useTranslation('famille')
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
    if (selection.length === 0) locales.absenceIds = t('justifier.cochez')
    if (!motif) locales.motif = t('justifier.choisissezMotif')
    if (motif === MOTIF_AUTRE && !commentaire.trim()) locales.commentaire = t('justifier.precisez')
    setErreurs(locales)
    setEchec(Object.keys(locales).length > 0 ? t('commun:erreurs.champs') : null)
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
      const refus = erreur instanceof RefusJustificatif ? erreur.refus : { champs: {}, message: t('justifier.pasEnvoye') }
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
        {t('justifier.titre')}
      </h2>
      <p className="etape">{etape === 1 ? t('justifier.etape1') : t('justifier.etape2')}</p>
      {motifs.statut !== 'pret' ? (
        <Attente etat={motifs} recharger={rechargerMotifs} />
      ) : etape === 1 ? (
        <form onSubmit={continuer} noValidate>
          <fieldset aria-describedby={decrit('absenceIds')}>
            <legend>{t('justifier.absencesAJustifier')}</legend>
            {erreur('absenceIds')}
            {absences.map((a) => (
              <div key={a.id} className="case">
                <input id={`${id}-${a.id}`} type="checkbox" checked={selection.includes(a.id)} onChange={() => basculer(a.id)} />
                <label htmlFor={`${id}-${a.id}`}>
                  {t('justifier.absence', { type: libelleType(a), jour: jourCourt(jourDe(a.debut)), horaire: horaire(a.debut, a.fin) })}
                  {a.cours && <span className="aide"> · {a.cours}</span>}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="champ">
            <label htmlFor={`${id}-motif`}>{t('justifier.motif')}</label>
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
              <option value="">{t('justifier.choisirMotif')}</option>
              {motifs.donnees.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.libelle}
                </option>
              ))}
            </select>
            {erreur('motif')}
          </div>
          <div className="champ">
            <label htmlFor={`${id}-commentaire`}>{t('justifier.commentaire')}</label>
            <p id={`${id}-commentaire-aide`} className="aide">
              {t('justifier.commentaireAide')}
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
            <button type="submit">{t('justifier.continuer')}</button>
            <button type="button" className="secondaire" onClick={annuler}>
              {t('justifier.annuler')}
            </button>
          </div>
        </form>
      ) : (
        <form onSubmit={envoyer} noValidate>
          <dl className="details">
            <dt>{t('justifier.absences')}</dt>
            <dd>{t('justifier.nombre', { n: selection.length })}</dd>
            <dt>{t('justifier.motif')}</dt>
            <dd>{libelleMotif ?? motif}</dd>
            {commentaire.trim() && (
              <>
                <dt>{t('justifier.commentaire')}</dt>
                <dd>{commentaire.trim()}</dd>
              </>
            )}
          </dl>
          <p id={`${id}-document-aide`}>
            {t('justifier.documentAide')}
          </p>
          <div className="fichiers" role="group" aria-label={t('justifier.document')}>
            <input
              id={`${id}-photo`}
              type="file"
              accept="image/*"
              capture="environment"
              onChange={choisirFichier}
              aria-describedby={decrit('document', `${id}-document-aide`)}
            />
            <label htmlFor={`${id}-photo`}>{t('justifier.photo')}</label>
            <input
              id={`${id}-fichier`}
              type="file"
              accept="image/*,application/pdf"
              onChange={choisirFichier}
              aria-describedby={decrit('document', `${id}-document-aide`)}
            />
            <label htmlFor={`${id}-fichier`}>{t('justifier.fichier')}</label>
          </div>
          {erreurs.document && (
            <div className="fichier-choisi">
              <p id={`${id}-document-erreur`} role="alert" className="erreur-champ">
                {erreurs.document}
              </p>
              <button type="button" className="secondaire" onClick={() => setErreurs({})}>
                {t('justifier.sansDocument')}
              </button>
            </div>
          )}
          {erreurs.document ? null : document ? (
            <div className="fichier-choisi">
              <p>
                {avecElement((nom) => t('justifier.joint', { nom, taille: taille(document.size) }), <strong>{document.name}</strong>)}
              </p>
              <button type="button" className="secondaire" onClick={() => setDocument(null)}>
                {t('justifier.retirer')}
              </button>
            </div>
          ) : (
            <p className="aide">{t('justifier.aucunDocument')}</p>
          )}
          {echec && (
            <p role="alert" className="erreur">
              {echec}
            </p>
          )}
          <div className="actions">
            <button type="submit" disabled={envoi}>
              {envoi ? t('justifier.envoi') : t('justifier.envoyer')}
            </button>
            <button
              type="button"
              className="secondaire"
              onClick={() => {
                setEchec(null)
                setEtape(1)
              }}
            >
              {t('justifier.modifier')}
            </button>
          </div>
          <p role="status">{envoi ? (document ? t('justifier.envoiDocument', { taille: taille(document.size) }) : t('justifier.envoi')) : null}</p>
        </form>
      )}
    </section>
  )
}
