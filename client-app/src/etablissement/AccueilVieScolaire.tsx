import { useCallback, type ReactNode } from 'react'
import { Link } from 'react-router'
import type { Tableau } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { aujourdhui, heure, jourCourt, pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { CHEMIN_TABLEAU, libelleType, nomListe } from '../commun/vieScolaire'
import '../commun/viescolaire.css'
import { CHEMIN_APPELS, CHEMIN_SORTIES, cheminEleve, useUaiVieScolaire, type EleveConnu } from './bureau'
import { ChampRechercheEleve } from './RechercheEleves'

/** How many names a home block lists before « et N autres » sends to the full page. */
const AU_PLUS = 5

function Bloc({ id, titre, children }: { id: string; titre: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="carte section-tableau">
      <h2 id={id}>{titre}</h2>
      {children}
    </section>
  )
}

function LienEleve({ eleve: e }: { eleve: { eleveId: string; nom: string; prenom: string; classe?: string | null } }) {
  const connu: EleveConnu = { nom: e.nom, prenom: e.prenom, classe: e.classe }
  return (
    <>
      <Link to={cheminEleve(e.eleveId)} state={connu}>
        {nomListe(e)}
      </Link>
      {e.classe && ` · ${e.classe}`}
    </>
  )
}

/** « et 3 autres » linking to the page with all of them, when the block shows only the first ones. */
function EtAutres({ total, vers, libelle }: { total: number; vers: string; libelle: string }) {
  if (total <= AU_PLUS) return null
  return (
    <p>
      <Link to={vers}>
        {libelle} ({pluriel(total - AU_PLUS, 'autre', 'autres')})
      </Link>
    </p>
  )
}

/**
 * The desk's work to do on the connected home (CPE; the head's home reuses it): find a pupil, the day's absences to
 * follow, justifications to review, exit requests waiting for a visa, roll calls not taken, pupils over the
 * threshold — with names, each opening its page.
 */
export function BlocsVieScolaire() {
  const moi = useMoi()
  const uai = useUaiVieScolaire(moi)
  if (!uai) return null
  return (
    <>
      <Bloc id="titre-chercher-eleve" titre="Chercher un élève">
        <ChampRechercheEleve />
      </Bloc>
      <Travail uai={uai} />
    </>
  )
}

function Travail({ uai }: { uai: string }) {
  const client = useApi().vieScolaire
  const jour = aujourdhui()
  const chargerTableau = useCallback((signal: AbortSignal) => client.obtenirTableauDeBordVieScolaire(uai, jour, signal), [client, uai, jour])
  const [tableau, rechargerTableau] = useDonnees(chargerTableau)
  const chargerSorties = useCallback((signal: AbortSignal) => client.listerDemandesSortieJour(uai, jour, true, signal), [client, uai, jour])
  const [sorties, rechargerSorties] = useDonnees(chargerSorties)

  return (
    <>
      {tableau.statut !== 'pret' ? (
        <Bloc id="titre-travail-jour" titre="Aujourd'hui">
          <Attente etat={tableau} recharger={rechargerTableau} />
        </Bloc>
      ) : (
        <>
          <AbsencesDuJour tableau={tableau.donnees} />
          <Bloc id="titre-justificatifs-accueil" titre="Justificatifs à examiner">
            <p>
              {tableau.donnees.justificatifsAExaminer === 0
                ? 'Aucun justificatif à examiner.'
                : `${pluriel(tableau.donnees.justificatifsAExaminer, 'justificatif attend', 'justificatifs attendent')} votre décision.`}
            </p>
            {tableau.donnees.justificatifsAExaminer > 0 && (
              <p>
                <Link to={CHEMIN_TABLEAU}>Examiner les justificatifs</Link>
              </p>
            )}
          </Bloc>
        </>
      )}
      <Bloc id="titre-sorties-accueil" titre="Demandes de sortie à viser">
        {sorties.statut !== 'pret' ? (
          <Attente etat={sorties} recharger={rechargerSorties} />
        ) : sorties.donnees.demandes.length === 0 ? (
          <p>Aucune demande de sortie en attente.</p>
        ) : (
          <>
            <ul className="liste-simple">
              {sorties.donnees.demandes.slice(0, AU_PLUS).map(({ eleve, classe, demande: d }) => (
                <li key={d.id}>
                  <LienEleve eleve={{ eleveId: d.eleveId, nom: eleve.nom, prenom: eleve.prenom, classe }} /> —{' '}
                  {d.date === jour ? "aujourd'hui" : jourCourt(d.date)} à {d.heureSortie}
                </li>
              ))}
            </ul>
            <p>
              <Link to={CHEMIN_SORTIES}>Viser les demandes de sortie</Link>
            </p>
          </>
        )}
      </Bloc>
      {tableau.statut === 'pret' && (
        <>
          <Bloc id="titre-appels-accueil" titre="Appels non faits">
            <p>
              {tableau.donnees.appelsNonFaits === 0
                ? 'Tous les appels des cours commencés ont été faits.'
                : pluriel(tableau.donnees.appelsNonFaits, 'cours commencé sans appel', 'cours commencés sans appel')}
            </p>
            {tableau.donnees.appelsNonFaits > 0 && (
              <p>
                <Link to={CHEMIN_APPELS}>Relancer les enseignants</Link>
              </p>
            )}
          </Bloc>
          <Bloc id="titre-seuil-accueil" titre="Élèves au-delà du seuil d'absentéisme">
            {tableau.donnees.elevesAuDessusDuSeuil.length === 0 ? (
              <p>Aucun élève au-delà du seuil ce mois-ci.</p>
            ) : (
              <ul className="liste-simple">
                {tableau.donnees.elevesAuDessusDuSeuil.map((e) => (
                  <li key={e.eleveId}>
                    <LienEleve eleve={e} /> — {pluriel(e.demiJournees, 'demi-journée non justifiée', 'demi-journées non justifiées')}
                  </li>
                ))}
              </ul>
            )}
          </Bloc>
        </>
      )}
    </>
  )
}

function AbsencesDuJour({ tableau: t }: { tableau: Tableau }) {
  const aSuivre = t.absencesDuJour.filter((a) => a.statut === 'non_justifiee' || a.statut === 'refusee')
  return (
    <Bloc id="titre-absences-accueil" titre="Absences du jour à suivre">
      {aSuivre.length === 0 ? (
        <p>Aucune absence à suivre aujourd'hui.</p>
      ) : (
        <>
          <p>{pluriel(aSuivre.length, 'absence ou retard sans justification', 'absences ou retards sans justification')}.</p>
          <ul className="liste-simple">
            {aSuivre.slice(0, AU_PLUS).map((a) => (
              <li key={a.absenceId}>
                <LienEleve eleve={a} /> — {libelleType(a)} à <time dateTime={a.debut}>{heure(a.debut)}</time>
              </li>
            ))}
          </ul>
          <EtAutres total={aSuivre.length} vers={CHEMIN_TABLEAU} libelle="Toutes les absences du jour" />
        </>
      )}
    </Bloc>
  )
}

/** The nurse's home until health records exist: what will come, and what they can do today. */
export function AccueilInfirmerie() {
  return (
    <section aria-labelledby="titre-infirmerie" className="carte section-tableau">
      <h2 id="titre-infirmerie">Infirmerie</h2>
      <p>
        Le registre de l'infirmerie et le dossier de santé des élèves : passages, projets d'accueil individualisés (PAI) et leurs
        consignes d'urgence. Il est réservé à l'infirmerie, aux responsables légaux et à l'élève dès 15 ans, au titre du secret médical.
      </p>
      <ul className="liste-simple">
        <li>
          <Link to="/infirmerie">Ouvrir le registre du jour</Link> et chercher un élève pour enregistrer son passage ;
        </li>
        <li>
          gérer votre mot de passe, vos coordonnées et la double authentification dans <Link to="/compte">Mon compte</Link>.
        </li>
      </ul>
    </section>
  )
}
