import { Link } from 'react-router'
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import {type Moi, type Tableau } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { titreDocument } from '../commun/titre'
import { heure, horodatage, jourCourt, jourLong, pluriel } from '../commun/format'
import { aujourdhui } from '../commun/format'
import { useDonnees } from '../commun/useDonnees'
import { CHEMIN_TABLEAU, decalerJour, etablissementsVieScolaire, jourValide, libelleType, nomListe } from '../commun/vieScolaire'
import { ListeAppelsNonFaits } from './AppelsManquants'
import { CHEMIN_SORTIES, cheminEleve, type EleveConnu } from './bureau'
import { FileJustificatifs } from './FileJustificatifs'
import { StatutAbsence } from '../commun/StatutAbsence'
import '../commun/viescolaire.css'
import { useApi } from '../commun/useApi'

const CANAUX: Record<string, string> = { sms: 'SMS', courriel: 'Courriel', application: 'Application', push: 'Notification push' }
const SORTIES: Record<string, string> = { en_attente: 'En attente du visa', acceptee: 'Acceptée', refusee: 'Refusée', annulee: 'Annulée' }

const cheminJour = (jour: string, auJourdhui: string) => (jour === auJourdhui ? CHEMIN_TABLEAU : `${CHEMIN_TABLEAU}?date=${jour}`)

/**
 * /vie-scolaire?date=…: the CPE's and the head's morning view of their établissement: justifications to review first,
 * then the day's absences and lateness, exclusions, pupils over the threshold, roll calls not taken, failed
 * notifications to follow up by phone, and the day's exit requests. Each part loads on its own: one failing leaves the others.
 */
export function TableauVieScolaire({ moi }: { moi: Moi }) {
  const etablissements = etablissementsVieScolaire(moi)
  const [uai, setUai] = useState(etablissements[0]?.uai)
  const [date] = useState(() => {
    const demandee = new URLSearchParams(window.location.search).get('date')
    return jourValide(demandee) ? demandee : aujourdhui()
  })

  useEffect(() => {
    document.title = titreDocument('Vie scolaire')
  }, [])

  if (!uai) {
    return (
      <>
        <h1>Vie scolaire</h1>
        <p>Cette page est réservée à la vie scolaire des établissements (CPE, direction).</p>
        <p>
          <Link to="/">Retour à l'accueil</Link>
        </p>
      </>
    )
  }

  const auJourdhui = aujourdhui()
  const nom = etablissements.find((e) => e.uai === uai)?.etablissement
  return (
    <>
      <h1>Vie scolaire</h1>
      <p className="situation">
        {nom} · {date === auJourdhui ? `aujourd'hui, ${jourLong(date)}` : jourLong(date)}
      </p>
      {new Set(etablissements.map((e) => e.uai)).size > 1 && (
        <div className="champ">
          <label htmlFor="etablissement-vie-scolaire">Établissement</label>
          <select id="etablissement-vie-scolaire" value={uai} onChange={(e) => setUai(e.target.value)}>
            {[...new Map(etablissements.map((e) => [e.uai, e])).values()].map((e) => (
              <option key={e.uai} value={e.uai}>
                {e.etablissement}
              </option>
            ))}
          </select>
        </div>
      )}
      <nav aria-label="Autres jours" className="jours">
        <Link to={cheminJour(decalerJour(date, -1), auJourdhui)}>
          <span aria-hidden="true">← </span>Jour précédent<span className="visuellement-cache"> ({jourCourt(decalerJour(date, -1))})</span>
        </Link>
        {date !== auJourdhui && <Link to={CHEMIN_TABLEAU}>Aujourd'hui</Link>}
        <Link to={cheminJour(decalerJour(date, 1), auJourdhui)}>
          Jour suivant<span className="visuellement-cache"> ({jourCourt(decalerJour(date, 1))})</span>
          <span aria-hidden="true"> →</span>
        </Link>
      </nav>
      <Tableau key={`${uai} ${date}`} uai={uai} date={date} />
    </>
  )
}

function Section({ id, titre, children }: { id: string; titre: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="carte section-tableau">
      <h2 id={id}>{titre}</h2>
      {children}
    </section>
  )
}

function Tableau({ uai, date }: { uai: string; date: string }) {
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => client.obtenirTableauDeBordVieScolaire(uai, date, signal), [client, uai, date])
  const [etat, recharger] = useDonnees(charger)
  const tableau = etat.statut === 'pret' ? etat.donnees : null
  // A decision leaves the queue at once; the figure follows without reloading the whole dashboard.
  const [decides, setDecides] = useState(0)

  return (
    <>
      {!tableau ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <Chiffres tableau={tableau} decides={decides} />
      )}
      <FileJustificatifs uai={uai} decide={() => setDecides((n) => n + 1)} />
      {tableau && <Jour tableau={tableau} />}
      <ListeAppelsNonFaits uai={uai} date={date} titre="Appels non faits" />
      <EnvoisEnEchec uai={uai} />
      <DemandesSortie uai={uai} date={date} />
    </>
  )
}

function Chiffres({ tableau: t, decides }: { tableau: Tableau; decides: number }) {
  return (
    <>
      <dl className="chiffres" aria-label="Chiffres du jour">
        <div>
          <dt>Absences et retards du jour</dt>
          <dd>{t.absencesDuJour.length}</dd>
        </div>
        <div>
          <dt>Justificatifs à examiner</dt>
          <dd>{Math.max(0, t.justificatifsAExaminer - decides)}</dd>
        </div>
        <div>
          <dt>Appels non faits</dt>
          <dd>{t.appelsNonFaits}</dd>
        </div>
        <div>
          <dt>Non justifiées cette année</dt>
          <dd>
            {t.absencesNonJustifiees} <span className="aide">({pluriel(t.elevesNonJustifies, 'élève', 'élèves')})</span>
          </dd>
        </div>
      </dl>
      {t.detailNonJustifiees.length > 0 && (
        <details className="detail-chiffre">
          <summary>Voir les élèves concernés ({t.detailNonJustifiees.length})</summary>
          <ul className="lignes">
            {t.detailNonJustifiees.map((e) => (
              <li key={e.eleveId}>
                <LienEleve eleve={e} /> · {pluriel(e.absences, 'absence ou retard non justifié', 'absences ou retards non justifiés')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  )
}

/** A pupil's name linking to their page, which the link tells who it is about. */
function LienEleve({ eleve: e }: { eleve: { eleveId: string; nom: string; prenom: string; classe?: string | null } }) {
  const connu: EleveConnu = { nom: e.nom, prenom: e.prenom, classe: e.classe }
  return (
    <>
      <Link to={cheminEleve(e.eleveId)} state={connu}>
        <strong>{nomListe(e)}</strong>
      </Link>
      {e.classe && ` · ${e.classe}`}
    </>
  )
}

function Jour({ tableau: t }: { tableau: Tableau }) {
  return (
    <>
      <Section id="titre-absences-jour" titre="Absences et retards du jour">
        {t.absencesDuJour.length === 0 ? (
          <p>Aucune absence ni aucun retard ce jour-là.</p>
        ) : (
          <ul className="lignes">
            {t.absencesDuJour.map((a) => (
              <li key={a.absenceId}>
                <p>
                  <LienEleve eleve={a} />
                </p>
                <p>
                  {libelleType(a)} · <time dateTime={a.debut}>{heure(a.debut)}</time>
                  {a.cours && ` · ${a.cours}`}
                </p>
                <p>
                  <StatutAbsence statut={a.statut} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="titre-exclusions" titre="Exclusions de cours">
        {t.exclusionsDuJour.length === 0 ? (
          <p>Aucune exclusion de cours ce jour-là.</p>
        ) : (
          <ul className="lignes">
            {t.exclusionsDuJour.map((x) => (
              <li key={`${x.eleveId} ${x.debut}`}>
                <p>
                  <strong>{nomListe(x)}</strong>
                  {x.classe && ` · ${x.classe}`}
                </p>
                <p>
                  <time dateTime={x.debut}>{heure(x.debut)}</time> · {x.cours}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="titre-seuil" titre="Absentéisme : élèves au-delà du seuil">
        <p className="aide">
          Élèves ayant au moins {pluriel(t.seuil, 'demi-journée', 'demi-journées')} d'absence non justifiées ce mois-ci.
        </p>
        {t.elevesAuDessusDuSeuil.length === 0 ? (
          <p>Aucun élève au-delà du seuil ce mois-ci.</p>
        ) : (
          <ul className="lignes">
            {t.elevesAuDessusDuSeuil.map((e) => (
              <li key={e.eleveId}>
                <p>
                  <LienEleve eleve={e} />
                </p>
                <p>{pluriel(e.demiJournees, 'demi-journée non justifiée', 'demi-journées non justifiées')} ce mois-ci</p>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  )
}

function EnvoisEnEchec({ uai }: { uai: string }) {
  const api = useApi()
  const charger = useCallback((signal: AbortSignal) => api.communication.listerEnvoisEtablissement(uai, 'echec', signal), [api, uai])
  const [etat, recharger] = useDonnees(charger)
  return (
    <Section id="titre-envois-echec" titre="Notifications non remises">
      <p className="aide">Messages aux familles qui n'ont pas pu être remis : prévenez-les autrement, par téléphone par exemple.</p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.length === 0 ? (
        <p>Aucune notification en échec.</p>
      ) : (
        <ul className="lignes">
          {etat.donnees.map((e) => (
            <li key={e.id}>
              <p>
                <strong>{e.eleve ?? 'Élève non précisé'}</strong> · {e.sujet}
              </p>
              <p>
                {e.destinataire ?? 'Destinataire inconnu'} · {CANAUX[e.canal] ?? e.canal}
                {e.adresse && ` · ${e.adresse}`}
              </p>
              <p>
                Raison : {e.erreur ?? 'non précisée'} · <time dateTime={e.creeLe}>{horodatage(e.creeLe)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  )
}

function DemandesSortie({ uai, date }: { uai: string; date: string }) {
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => client.listerDemandesSortieJour(uai, date, undefined, signal), [client, uai, date])
  const [etat, recharger] = useDonnees(charger)
  return (
    <Section id="titre-sorties" titre="Demandes de sortie du jour">
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.demandes.length === 0 ? (
        <p>Aucune demande de sortie ce jour-là.</p>
      ) : (
        <>
          <p>
            {pluriel(etat.donnees.enAttente, 'demande attend', 'demandes attendent')} le visa de la vie scolaire.{' '}
            {etat.donnees.enAttente > 0 && <Link to={CHEMIN_SORTIES}>Examiner les demandes en attente</Link>}
          </p>
          <ul className="lignes">
            {etat.donnees.demandes.map(({ eleve, classe, demande: d }) => (
              <li key={d.id}>
                <p>
                  <strong>{nomListe(eleve)}</strong>
                  {classe && ` · ${classe}`}
                </p>
                <p>
                  Sortie à {d.heureSortie}
                  {d.heureRetour && `, retour à ${d.heureRetour}`} · {d.motif}
                </p>
                <p>
                  {SORTIES[d.statut] ?? d.statut} · signée par {d.signeePar.prenom} {d.signeePar.nom}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  )
}
