import { useCallback } from 'react'
import { Link } from 'react-router'
import type { FormulaireADeposer, SignalementResume } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { horodatage } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { CHEMIN_RECUS, cheminDeposer, cheminSignalement, uaiReception } from './signalement'
import './signalements.css'

/**
 * /signalements: the forms a pupil or a family may fill (harassment, the premises, a question to the secretariat…) and
 * the reports they filed with their state. Staff who receive reports find their queue from here.
 */
export function PageSignalements() {
  const moi = useMoi()
  const client = useApi().communication
  const charger = useCallback(
    (signal: AbortSignal) => Promise.all([client.listerMesFormulairesSignalement(signal), client.listerMesSignalements(signal)]),
    [client],
  )
  const [etat, recharger] = useDonnees(charger)
  return (
    <>
      <h1>Signalements</h1>
      {uaiReception(moi) && (
        <p>
          <Link to={CHEMIN_RECUS}>Signalements reçus</Link>
        </p>
      )}
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : (
        <>
          <Formulaires formulaires={etat.donnees[0]} />
          <MesSignalements signalements={etat.donnees[1]} />
        </>
      )}
    </>
  )
}

function Formulaires({ formulaires }: { formulaires: FormulaireADeposer[] }) {
  return (
    <section aria-labelledby="faire-signalement">
      <h2 id="faire-signalement">Faire un signalement</h2>
      {formulaires.length === 0 ? (
        <p>Aucun formulaire ne vous est proposé pour l'instant.</p>
      ) : (
        <ul className="signalements">
          {formulaires.map((f) => (
            <li key={f.id} className="carte">
              <h3>{f.titre}</h3>
              {f.description && <p>{f.description}</p>}
              {f.confidentiel && <p className="etiquette confidentiel">Confidentiel : lu par la direction et le CPE uniquement</p>}
              <Link to={cheminDeposer(f.id)} className="bouton-lien">
                Remplir « {f.titre} »
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function MesSignalements({ signalements }: { signalements: SignalementResume[] }) {
  return (
    <section aria-labelledby="mes-signalements">
      <h2 id="mes-signalements">Mes signalements</h2>
      {signalements.length === 0 ? (
        <p>Vous n'avez déposé aucun signalement.</p>
      ) : (
        <ul className="signalements">
          {signalements.map((s) => (
            <LigneSignalement key={s.id} signalement={s} />
          ))}
        </ul>
      )}
    </section>
  )
}

/** A report in a list: its title (a link), its state in words, whom it concerns and when it last moved. */
export function LigneSignalement({ signalement: s, avecDeposant = false }: { signalement: SignalementResume; avecDeposant?: boolean }) {
  return (
    <li className={`carte signalement etat-${s.etat}`}>
      <h3>
        <Link to={cheminSignalement(s.id)}>{s.titre}</Link>
      </h3>
      <p>
        <span className={`etiquette etat-${s.etat}`}>{s.etatLibelle}</span>
        {s.confidentiel && <span className="etiquette confidentiel">Confidentiel</span>}
      </p>
      <p className="aide">
        {avecDeposant ? `${s.eleve} · déposé par ${s.deposePar} (${s.profil === 'eleve' ? 'élève' : 'responsable'}) · ` : `Concerne ${s.eleve} · `}
        mis à jour le <time dateTime={s.modifieLe}>{horodatage(s.modifieLe)}</time>
      </p>
    </li>
  )
}
