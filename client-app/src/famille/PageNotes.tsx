import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCallback, useState, type ChangeEvent, type Ref } from 'react'
import { type MatiereNotes, type NoteDetail, type PeriodeNotes } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useDonnees } from '../commun/useDonnees'
import { ouIntrouvable } from '../commun/appels'
import { aujourdhui, coefficient, dateCourte, dateLongue, etiquettes, nombre, ramenerSurVingt, resultat, surBareme } from '../commun/format'
import { remplacerAdresse, type EleveNotes } from '../commun/suivi'
import '../commun/notes.css'
import { useApi } from '../commun/useApi'
import { parametre, useCible } from './cible'
import { adresseAnnee, anneeDemandee, useAnnees } from './annees'
import { ChoixAnnee } from './ChoixAnnee'
import { Terme } from '../commun/Terme'

/**
 * /notes: a pupil's grades for a period (the current one unless `?periode=` names another; of the current school year
 * unless `?annee=` or the period names another, chosen with « Année scolaire »), the general averages, then
 * subject by subject the averages against the class's, the appraisal and every result. A link to a grade
 * (`?periode=…&matiere=CODE&evaluation=…`, as notifications send) lands on that period with the grade highlighted,
 * scrolled into view and focused; the period chosen on the page is written into the address.
 */
export function PageNotes({ eleve }: { eleve: EleveNotes | null }) {
  const { t } = useTranslation('famille')
  return (
    <>
      <h1>{t('notes.titre')}</h1>
      {!eleve ? (
        <p>{t('notes.reservee')}</p>
      ) : !eleve.acces ? (
        <p>{t('notes.pasAcces', { nom: eleve.nom })}</p>
      ) : (
        // A new pupil starts again from their current period.
        <Releve key={eleve.id} eleveId={eleve.id} nom={eleve.nom} />
      )}
    </>
  )
}

/** Said when the API answers 404: the pupil is not one the caller may see, or the period is not theirs. */
export function NotesIntrouvables() {
  const { t } = useTranslation('famille')
  return (
    <div className="information">
      <p>{t('notes.introuvables')}</p>
      <p>
        <Link to="/">{t('commun:commun.retourAccueil')}</Link>
      </p>
    </div>
  )
}

function Releve({ eleveId, nom }: { eleveId: string; nom: string | null }) {
  const api = useApi()
  const annees = useAnnees(eleveId)
  const [annee, setAnnee] = useState(anneeDemandee)
  const [periodeId, setPeriodeId] = useState(() => parametre('periode') ?? undefined)
  // The grade or subject the address points to: it stays highlighted until another period is chosen.
  const [cible, setCible] = useState(() => ({ matiere: parametre('matiere'), evaluation: parametre('evaluation') }))
  const charger = useCallback(
    (signal: AbortSignal) => ouIntrouvable(api.scolarite.listerNotesEleve(eleveId, annee, periodeId, signal)),
    [api, eleveId, annee, periodeId],
  )
  const [etat, recharger] = useDonnees(charger)
  const notes = etat.statut === 'pret' ? etat.donnees : null
  const { t } = useTranslation('famille')

  // The selector stays while another period loads: its periods are the last ones received (kept as React advises for
  // a value derived from a previous render: set during render, not in an effect).
  const [periodes, setPeriodes] = useState<PeriodeNotes[]>([])
  if (notes && notes.periodes !== periodes) setPeriodes(notes.periodes)

  const choisirPeriode = (e: ChangeEvent<HTMLSelectElement>) => {
    setPeriodeId(e.target.value)
    setCible({ matiere: null, evaluation: null })
    remplacerAdresse(adresseAnnee('/notes', annee, { periode: e.target.value }))
  }

  // Another year opens on its own current period (the last one begun, for a past year).
  const choisirAnnee = (choisie: string | undefined) => {
    setAnnee(choisie)
    setPeriodeId(undefined)
    setPeriodes([])
    setCible({ matiere: null, evaluation: null })
    remplacerAdresse(adresseAnnee('/notes', choisie))
  }

  // The assessment when it is on the page, else its subject (by the assessment, or by the code the address gives).
  const matiereCiblee = notes?.matieres.find((m) => m.notes.some((n) => n.evaluationId === cible.evaluation)) ?? notes?.matieres.find((m) => m.matiereCode === cible.matiere)
  const evaluationCiblee = matiereCiblee?.notes.some((n) => n.evaluationId === cible.evaluation) ? cible.evaluation : null
  const refCible = useCible<HTMLLIElement>(notes !== null && matiereCiblee !== undefined)

  const jour = aujourdhui()
  const selection = periodeId ?? notes?.periode?.id
  return (
    <>
      {(nom || notes) && <p className="situation qui">{[nom, notes?.classe].filter(Boolean).join(' · ')}</p>}
      <ChoixAnnee annees={annees} annee={annee ?? notes?.anneeScolaire} choisir={choisirAnnee} />
      {periodes.length > 1 && selection && (
        <div className="champ">
          <label htmlFor="periode-notes">{t('notes.periode')}</label>
          <select id="periode-notes" value={selection} onChange={choisirPeriode}>
            {periodes.map((p) => (
              <option key={p.id} value={p.id}>
                {p.debut <= jour && jour <= p.fin ? t('commun:format.enCours', { texte: p.libelle }) : p.libelle}
              </option>
            ))}
          </select>
        </div>
      )}
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : !notes ? (
        <NotesIntrouvables />
      ) : !notes.periode ? (
        <p>{t('notes.pasDePeriodes')}</p>
      ) : (
        <>
          <section aria-labelledby="titre-periode" className="carte bilan">
            <h2 id="titre-periode">{notes.periode.libelle}</h2>
            <p className="aide">
              {t('notes.duAu', { debut: dateLongue(notes.periode.debut), fin: dateLongue(notes.periode.fin) })}
            </p>
            <dl className="moyennes">
              <div>
                <dt>{t('notes.moyenneGenerale')}</dt>
                <dd>
                  <strong>{notes.moyenneGenerale != null ? surBareme(notes.moyenneGenerale) : t('notes.pasEncoreDeMoyenne')}</strong>
                </dd>
              </div>
              <div>
                <dt>{t('notes.moyenneGeneraleClasse')}</dt>
                <dd>{notes.moyenneGeneraleClasse != null ? surBareme(notes.moyenneGeneraleClasse) : '—'}</dd>
              </div>
            </dl>
            {notes.periode.bulletinPublie && (
              <p>
                <Link to={adresseAnnee('/bulletins', annee, { periode: notes.periode.id })}>
                  {t('notes.bulletinDu', { periode: notes.periode.libelle })}
                </Link>
              </p>
            )}
          </section>
          {notes.matieres.some((m) => m.notes.length > 0) ? (
            <section aria-labelledby="titre-matieres">
              <h2 id="titre-matieres">{t('notes.parMatiere')}</h2>
              <ul className="cartes">
                {notes.matieres.map((m) => (
                  <Matiere
                    key={m.serviceId}
                    matiere={m}
                    ciblee={m === matiereCiblee}
                    evaluationCiblee={m === matiereCiblee ? evaluationCiblee : null}
                    refCible={refCible}
                  />
                ))}
              </ul>
            </section>
          ) : (
            <p>{t('notes.aucuneNotePeriode')}</p>
          )}
        </>
      )}
    </>
  )
}

interface PropsMatiere {
  matiere: MatiereNotes
  /** The address points to this subject (or to one of its grades: `evaluationCiblee`); `refCible` goes on the target. */
  ciblee: boolean
  evaluationCiblee: string | null
  refCible: Ref<HTMLLIElement>
}

function Matiere({ matiere: m, ciblee, evaluationCiblee, refCible }: PropsMatiere) {
  const matiereSeule = ciblee && !evaluationCiblee
  const { t } = useTranslation('famille')
  return (
    <li
      className={matiereSeule ? 'carte matiere ciblee' : 'carte matiere'}
      ref={matiereSeule ? refCible : undefined}
      tabIndex={matiereSeule ? -1 : undefined}
      aria-label={matiereSeule ? t('notes.matiereSignalee', { matiere: m.matiere }) : undefined}
    >
      <h3>{m.matiere}</h3>
      <dl className="moyennes">
        <div>
          <dt>{t('notes.moyenne')}</dt>
          <dd>
            <strong>{m.moyenne != null ? surBareme(m.moyenne) : t('notes.pasDeMoyenne')}</strong>
          </dd>
        </div>
        <div>
          <dt>{t('notes.moyenneClasse')}</dt>
          <dd>
            {m.moyenneClasse != null ? surBareme(m.moyenneClasse) : '—'}
            {m.min != null && m.max != null && (
              <span className="aide">
                {' '}
                {t('notes.deA', { min: nombre(m.min), max: nombre(m.max) })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>
            <Terme terme={t('notes.coefficient')} definition={t('commun:termes.coefficient')} />
          </dt>
          <dd>{nombre(m.coefficient)}</dd>
        </div>
      </dl>
      {m.appreciation && (
        <p className="appreciation">
          <strong>{t('notes.appreciation')}</strong> {m.appreciation}
        </p>
      )}
      {m.notes.length === 0 ? (
        <p>{t('notes.pasEncoreDeNote')}</p>
      ) : (
        <ul className="resultats" aria-label={t('notes.resultatsEn', { matiere: m.matiere })}>
          {m.notes.map((n) => (
            <Resultat key={n.evaluationId} note={n} refCible={n.evaluationId === evaluationCiblee ? refCible : undefined} />
          ))}
        </ul>
      )}
    </li>
  )
}

function Resultat({ note: n, refCible }: { note: NoteDetail; refCible?: Ref<HTMLLIElement> }) {
  const details = [coefficient(n.coefficient), ramenerSurVingt(n)].filter(Boolean).join(' · ')
  const tags = etiquettes(n)
  const { t } = useTranslation('famille')
  return (
    <li className={refCible ? 'ciblee' : undefined} ref={refCible} tabIndex={refCible ? -1 : undefined}>
      {refCible && <p className="etiquette signalee">{t('notes.noteSignalee')}</p>}
      <p className="resultat">
        <span className="resultat-titre">{n.titre}</span>
        <strong className={n.valeur != null ? 'resultat-note' : 'resultat-note marqueur'}>{resultat(n)}</strong>
      </p>
      <p className="aide">
        <time dateTime={n.date}>{dateCourte(n.date)}</time>
        {details && ` · ${details}`}
        {tags.map((e) => (
          <span key={e} className="etiquette">
            {e}
          </span>
        ))}
      </p>
      {n.moyenneClasse != null && <p className="aide">{t('notes.moyenneClasseDe', { moyenne: surBareme(n.moyenneClasse, n.bareme) })}</p>}
      {n.commentaire && <p className="commentaire">{t('notes.commentaire', { texte: n.commentaire })}</p>}
    </li>
  )
}
