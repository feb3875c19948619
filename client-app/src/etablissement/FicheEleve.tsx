import { useCallback, useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { Attente } from '../commun/Attente'
import { dateCourteAnnee, horodatage, pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { StatutAbsence } from '../commun/StatutAbsence'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { descriptionAbsence, nomUsuel } from '../commun/vieScolaire'
import '../commun/viescolaire.css'
import { AbsenceTelephone } from './AbsenceTelephone'
import { CHEMIN_ELEVES, useUaiVieScolaire, type EleveConnu } from './bureau'

const MOYENS: Record<string, string> = { telephone: 'par téléphone', accueil: "à l'accueil", courriel: 'par courriel', carnet: 'par le carnet' }
const SORTIES: Record<string, string> = { en_attente: 'En attente du visa', acceptee: 'Acceptée', refusee: 'Refusée', annulee: 'Annulée' }
const REGIMES: Record<string, string> = { externe: 'Externe', demi_pensionnaire: 'Demi-pensionnaire', interne: 'Interne' }

/** Reads the history state a link left (EleveConnu), or nothing from a typed or shared address. */
function lireConnu(etat: unknown): EleveConnu | null {
  if (!etat || typeof etat !== 'object') return null
  const e = etat as Partial<EleveConnu>
  return typeof e.nom === 'string' && typeof e.prenom === 'string' ? (e as EleveConnu) : null
}

/**
 * /vie-scolaire/eleves/:eleveId: what the desk (CPE, head) sees of a pupil's school life — the year's absences and
 * lateness, the exit authorisations and requests — and the form to record a family's call. What the API refuses
 * (a pupil of another établissement, a person who is not of the desk) reads « introuvable ».
 */
export function FicheEleve() {
  const moi = useMoi()
  const uai = useUaiVieScolaire(moi)
  const { eleveId = '' } = useParams()
  const connu = lireConnu(useLocation().state)
  const nom = connu ? nomUsuel(connu) : null
  const [version, setVersion] = useState(0)

  return (
    <>
      <h1>{nom ?? "Fiche de l'élève"}</h1>
      {connu?.classe && <p className="situation">Classe : {connu.classe}</p>}
      <p>
        <Link to={CHEMIN_ELEVES}>Chercher un autre élève</Link>
      </p>
      {uai ? (
        <>
          <AbsenceTelephone uai={uai} eleveId={eleveId} eleve={connu} enregistree={() => setVersion((v) => v + 1)} />
          <Absences key={version} eleveId={eleveId} />
          <Sorties eleveId={eleveId} />
        </>
      ) : (
        <p>Cette page est réservée à la vie scolaire des établissements (CPE, direction).</p>
      )}
    </>
  )
}

function Absences({ eleveId }: { eleveId: string }) {
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => client.listerAbsencesEleve(eleveId, undefined, signal), [client, eleveId])
  const [etat, recharger] = useDonnees(charger)
  return (
    <section aria-labelledby="titre-absences-eleve" className="carte section-tableau">
      <h2 id="titre-absences-eleve">Absences et retards de l'année</h2>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <>
          <p>
            {pluriel(etat.donnees.aJustifier, 'absence ou retard à justifier', 'absences ou retards à justifier')} ·{' '}
            {pluriel(etat.donnees.demiJourneesNonJustifieesMois, 'demi-journée non justifiée', 'demi-journées non justifiées')} ce mois-ci ·{' '}
            {pluriel(etat.donnees.demiJourneesAnnee, "demi-journée d'absence", "demi-journées d'absence")} cette année
          </p>
          {etat.donnees.absences.length === 0 ? (
            <p>Aucune absence ni aucun retard cette année.</p>
          ) : (
            <ul className="lignes">
              {etat.donnees.absences.map((a) => (
                <li key={a.id}>
                  <p>{descriptionAbsence(a)}</p>
                  <p>
                    <StatutAbsence statut={a.statut} />
                    {a.motif && ` · ${a.motif}`}
                  </p>
                  {a.signaleePar && (
                    <p className="aide">
                      Signalée par {a.signaleePar}
                      {a.moyen && ` ${MOYENS[a.moyen] ?? a.moyen}`}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}

function Sorties({ eleveId }: { eleveId: string }) {
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => client.obtenirSortiesEleve(eleveId, signal), [client, eleveId])
  const [etat, recharger] = useDonnees(charger)
  return (
    <section aria-labelledby="titre-sorties-eleve" className="carte section-tableau">
      <h2 id="titre-sorties-eleve">Sorties</h2>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <>
          <p>Régime : {etat.donnees.regime ? (REGIMES[etat.donnees.regime] ?? etat.donnees.regime) : 'non renseigné'}</p>
          <h3>Autorisations de l'année</h3>
          <ul className="liste-simple">
            {etat.donnees.autorisations.map((a) => (
              <li key={a.type}>
                {a.libelle} : {a.accordee == null ? 'non signée' : a.accordee ? 'accordée' : 'refusée'}
                {!a.applicable && ' (sans objet pour son régime)'}
                {a.signeePar && a.signeeLe && (
                  <span className="aide">
                    {' '}
                    — {nomUsuel(a.signeePar)}, <time dateTime={a.signeeLe}>{horodatage(a.signeeLe)}</time>
                  </span>
                )}
              </li>
            ))}
          </ul>
          <h3>Demandes de sortie</h3>
          {etat.donnees.demandes.length === 0 ? (
            <p>Aucune demande de sortie cette année.</p>
          ) : (
            <ul className="liste-simple">
              {etat.donnees.demandes.map((d) => (
                <li key={d.id}>
                  {dateCourteAnnee(d.date)} à {d.heureSortie} · {d.motif} · {SORTIES[d.statut] ?? d.statut}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
