import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useCallback, useEffect, useRef, useState, type Ref } from 'react'
import type { AbsenceEleve, AbsencesEleve, Moi } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { useDonnees } from '../commun/useDonnees'
import { eleveDesAbsences, premierAJustifier, raisonsRefus, type EleveAbsences } from './absences'
import { descriptionAbsence, libelleType } from '../commun/vieScolaire'
import { horaire, jourDe, jourLong } from '../commun/format'
import { Terme } from '../commun/Terme'
import { avecEleve } from '../commun/suivi'
import { StatutAbsence } from '../commun/StatutAbsence'
import { Justifier } from './Justifier'
import { parametre, useCible } from './cible'
import '../commun/viescolaire.css'
import { useApi } from '../commun/useApi'
import { anneeDemandee, remplacerAnnee, useAnnees } from './annees'
import { ChoixAnnee } from './ChoixAnnee'

/**
 * /absences?eleve=…[&absence=…|&justificatif=…]: a pupil's absences and lateness of the year with their status in words, the counts a family looks
 * at, and « Justifier » for a legal guardian. Without ?eleve= (the SMS's link), a guardian of several children sees the
 * first one with something to justify. `absence=` (the SMS's and notification's link) or `justificatif=` (a decision's)
 * highlights what they name. `annee=` (« Année scolaire ») shows a previous year's, to read: justifying is this year's.
 */
export function PageAbsences({ moi, idChoisi, choisir }: { moi: Moi; idChoisi: string | null; choisir: (id: string) => void }) {
  // Answers read to choose the child are kept for the child's page: one request each, not two.
  const [prechargees] = useState(() => new Map<string, AbsencesEleve>())
  const choixAFaire = idChoisi === null && moi.enfants.length > 1
  const eleve = choixAFaire ? null : eleveDesAbsences(moi, idChoisi)
  const { t } = useTranslation('famille')
  return (
    <>
      <h1>{t('absences.titre')}</h1>
      {choixAFaire ? (
        <Preselection moi={moi} choisir={choisir} prechargees={prechargees} />
      ) : !eleve ? (
        <p>{t('absences.reservee')}</p>
      ) : !eleve.acces ? (
        <p>{t('absences.pasAcces', { nom: eleve.nom })}</p>
      ) : (
        <Suivi key={eleve.id} eleve={eleve} prechargees={prechargees} />
      )}
    </>
  )
}

function Preselection({ moi, choisir, prechargees }: { moi: Moi; choisir: (id: string) => void; prechargees: Map<string, AbsencesEleve> }) {
  const client = useApi().vieScolaire
  const charger = useCallback(
    (signal: AbortSignal) =>
      Promise.all(
        moi.enfants.map((e) =>
          e.domaines.includes('vie_scolaire') ? ouIntrouvable(client.listerAbsencesEleve(e.id, undefined, signal)).catch(() => null) : Promise.resolve(null),
        ),
      ),
    [client, moi.enfants],
  )
  const [etat, recharger] = useDonnees(charger)
  const choisi = useRef(false)
  useEffect(() => {
    if (etat.statut !== 'pret' || choisi.current) return
    choisi.current = true
    etat.donnees.forEach((a) => a && prechargees.set(a.eleveId, a))
    const id = premierAJustifier(
      moi.enfants,
      etat.donnees.map((a) => a?.aJustifier ?? null),
    )
    if (id) choisir(id)
  }, [etat, moi.enfants, choisir, prechargees])
  return <Attente etat={etat.statut === 'pret' ? { statut: 'chargement' } : etat} recharger={recharger} />
}

function Suivi({ eleve: suivi, prechargees }: { eleve: EleveAbsences; prechargees: Map<string, AbsencesEleve> }) {
  const client = useApi().vieScolaire
  const annees = useAnnees(suivi.id)
  const [annee, setAnnee] = useState(anneeDemandee)
  // A previous year's absences are read, not justified.
  const eleve = annee ? { ...suivi, peutJustifier: false } : suivi
  const charger = useCallback(
    async (signal: AbortSignal) => {
      // What the choice of a child read is this year's.
      const deja = annee ? undefined : prechargees.get(suivi.id)
      prechargees.delete(suivi.id)
      // The justifications only add why a refused absence was refused: without them the page still says « Refusée ».
      const [absences, justificatifs] = await Promise.all([
        deja ? Promise.resolve(deja) : ouIntrouvable(client.listerAbsencesEleve(suivi.id, annee, signal)),
        client.listerJustificatifsEleve(suivi.id, signal).catch(() => []),
      ])
      return absences ? { ...absences, raisons: raisonsRefus(justificatifs), justificatifs } : null
    },
    [client, suivi.id, annee, prechargees],
  )
  const [etat, recharger] = useDonnees(charger)
  const [formulaire, setFormulaire] = useState<{ selection: string[] } | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const message = useRef<HTMLParagraphElement>(null)
  const bouton = useRef<HTMLButtonElement>(null)
  const donnees = etat.statut === 'pret' ? etat.donnees : null
  const { t } = useTranslation('famille')

  // The list stays on screen while it reloads after a justification (kept as React advises: set during render).
  const [affichees, setAffichees] = useState<typeof donnees>(null)
  if (donnees && donnees !== affichees) setAffichees(donnees)
  const absences = donnees ?? (etat.statut === 'chargement' ? affichees : null)

  // A link to an absence (SMS, notification) or to the justification a decision was made on: its absences are
  // highlighted, the first one scrolled into view and focused.
  const [cible] = useState(() => ({ absence: parametre('absence'), justificatif: parametre('justificatif') }))
  const justificatif = absences?.justificatifs.find((j) => j.id === cible.justificatif)
  const ciblees = justificatif ? justificatif.absences.map((a) => a.id) : cible.absence ? [cible.absence] : []
  const premiere = absences?.absences.find((a) => ciblees.includes(a.id))
  const refCible = useCible<HTMLLIElement>(premiere !== undefined)

  const choisirAnnee = (choisie: string | undefined) => {
    setAnnee(choisie)
    setAffichees(null)
    setFormulaire(null)
    setSucces(null)
    remplacerAnnee('/absences', choisie)
  }

  const ouvrir = (selection: string[]) => {
    setSucces(null)
    setFormulaire({ selection })
  }

  const envoye = (n: number) => {
    setFormulaire(null)
    setSucces(t('absences.envoye', { n }))
    recharger()
  }

  useEffect(() => {
    if (succes) message.current?.focus()
  }, [succes])

  const annuler = () => {
    setFormulaire(null)
    // The form goes: focus returns to the button that opened it, or to the top of the list.
    requestAnimationFrame(() => bouton.current?.focus())
  }

  return (
    <>
      {eleve.nom && <p className="situation qui">{eleve.nom}</p>}
      <ChoixAnnee annees={annees} annee={annee ?? absences?.anneeScolaire} choisir={choisirAnnee} />
      {!absences ? (
        etat.statut === 'pret' ? (
          <div className="information">
            <p>{t('absences.introuvables')}</p>
            <p>
              <Link to="/">{t('commun:commun.retourAccueil')}</Link>
            </p>
          </div>
        ) : (
          <Attente etat={etat} recharger={recharger} />
        )
      ) : (
        <>
          <dl className="chiffres">
            {!annee && (
              <div>
                <dt>{t('absences.aJustifier')}</dt>
                <dd>{absences.aJustifier}</dd>
              </div>
            )}
            {!annee && (
              <div>
                <dt>{t('absences.demiJourneesMois')}</dt>
                <dd>{absences.demiJourneesNonJustifieesMois}</dd>
              </div>
            )}
            <div>
              <dt>{annee ? t('absences.demiJourneesEn', { annee }) : t('absences.demiJourneesAnnee')}</dt>
              <dd>{absences.demiJourneesAnnee}</dd>
            </div>
          </dl>
          <p className="aide">
            <Terme terme="" definition={t('commun:termes.demiJournee')} libelle={t('absences.demiJournee')} />
          </p>
          <p role="status" tabIndex={-1} ref={message} className={succes ? 'succes' : 'statut-vide'}>
            {succes}
          </p>
          {formulaire ? (
            <Justifier
              eleveId={eleve.id}
              absences={absences.absences.filter((a) => a.justifiable)}
              selection={formulaire.selection}
              envoye={envoye}
              annuler={annuler}
            />
          ) : absences.aJustifier > 0 && eleve.peutJustifier ? (
            <p>
              <button type="button" ref={bouton} onClick={() => ouvrir([])}>
                {t('absences.justifierDes')}
              </button>
            </p>
          ) : absences.aJustifier > 0 && !eleve.nom && !annee ? (
            <p className="information">{t('absences.responsables')}</p>
          ) : null}
          <section aria-labelledby="titre-absences">
            <h2 id="titre-absences">{annee ? t('absences.listeEn', { annee }) : t('absences.listeAnnee')}</h2>
            {absences.absences.length === 0 ? (
              <p>{annee ? t('absences.aucuneEn', { annee }) : t('absences.aucuneAnnee')}</p>
            ) : (
              <ul className="cartes">
                {absences.absences.map((a) => (
                  <Absence
                    key={a.id}
                    absence={a}
                    raison={absences.raisons.get(a.id)}
                    justifier={eleve.peutJustifier && a.justifiable && !formulaire ? () => ouvrir([a.id]) : null}
                    signalee={
                      ciblees.includes(a.id)
                        ? t(justificatif ? 'absences.justificatifSignale' : a.type === 'retard' ? 'absences.retardSignale' : 'absences.absenceSignalee')
                        : null
                    }
                    refCible={a === premiere ? refCible : undefined}
                    cahier={
                      // A lesson missed (a roll call's absence): its page of the cahier de textes (issue 15).
                      a.type === 'absence' && a.cours
                        ? avecEleve('/cahier-de-textes', eleve.nom ? eleve.id : null, { du: jourDe(a.debut), au: jourDe(a.debut), seance: a.debut })
                        : null
                    }
                  />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </>
  )
}

interface PropsAbsence {
  absence: AbsenceEleve
  raison: string | undefined
  justifier: (() => void) | null
  /** The tag of an absence a link pointed to (« Absence signalée »), null for the others. */
  signalee: string | null
  refCible?: Ref<HTMLLIElement>
  /** The missed lesson's page in the cahier de textes, for an absence from a lesson. */
  cahier?: string | null
}

function Absence({ absence: a, raison, justifier, signalee, refCible, cahier }: PropsAbsence) {
  const { t } = useTranslation('famille')
  return (
    <li className={signalee ? 'carte absence ciblee' : 'carte absence'} ref={refCible} tabIndex={refCible ? -1 : undefined}>
      <div>
        {signalee && <p className="etiquette signalee">{signalee}</p>}
        <h3>{libelleType(a)}</h3>
        <p>
          <time dateTime={a.debut}>
            {jourLong(jourDe(a.debut))}, {horaire(a.debut, a.fin)}
          </time>
        </p>
        {a.cours && <p className="aide">{a.cours}</p>}
        {a.motif && <p>{t('absences.motif', { motif: a.motif })}</p>}
        {cahier && (
          <p>
            <Link to={cahier}>
              {t('absences.coursManque')}<span className="visuellement-cache"> : {descriptionAbsence(a)}</span>
            </Link>
          </p>
        )}
      </div>
      <div className="etat-absence">
        <p>
          <StatutAbsence statut={a.statut} />
        </p>
        {a.statut === 'refusee' && raison && <p className="raison-refus">{t('absences.raisonRefus', { raison })}</p>}
        {justifier && (
          <p>
            <button type="button" className="secondaire" onClick={justifier} aria-label={t('absences.justifierDescription', { description: descriptionAbsence(a) })}>
              {t('absences.justifier')}
            </button>
          </p>
        )}
      </div>
    </li>
  )
}
