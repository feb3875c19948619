import { useCallback, useEffect, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import type { AVote, ElectionVue, ListeVue, ResultatsElection } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { horodatage, pluriel } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_ELECTIONS, libelleEtat, pourcentage } from './election'
import './elections.css'

/**
 * /elections/:id — one election. An elector votes in three taps: the lists are shown (the page itself), one is chosen
 * (a radio button), the vote is confirmed (one button naming the list). Then « A voté », with the receipt to keep and a
 * form to check that the ballot is in the urn. After closing: the results (the families once the head has published
 * them); the head enters the desk's count and publishes.
 */
export function PageElection() {
  const { id = '' } = useParams()
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.obtenirElection(id, signal), [client, id])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  return <Election election={etat.donnees} />
}

function Election({ election: e }: { election: ElectionVue }) {
  const [vote, setVote] = useState<AVote | null>(null)
  return (
    <>
      <h1>{e.titre}</h1>
      <p className="aide">
        {e.etablissement} · {libelleEtat(e.etat)} · du <time dateTime={e.ouverture}>{horodatage(e.ouverture)}</time> au{' '}
        <time dateTime={e.cloture}>{horodatage(e.cloture)}</time> · {pluriel(e.sieges, 'siège', 'sièges')} à pourvoir
        {e.nombreElecteurs != null && <> · {pluriel(e.nombreElecteurs, 'électeur inscrit', 'électeurs inscrits')}</>}
        {e.votants != null && <> · {pluriel(e.votants, 'votant en ligne', 'votants en ligne')}</>}
      </p>
      {e.peutVoter && !vote ? (
        <Bulletin election={e} aVote={setVote} />
      ) : (
        <>
          {(vote || e.aVoteLe) && <AVoteEncart election={e} vote={vote} />}
          {e.etat === 'ouverte' && !e.electeur && !e.gestionnaire && (
            <p>Vous ne figurez pas sur la liste électorale de cette élection, arrêtée à l'ouverture du scrutin.</p>
          )}
          {e.etat === 'a_venir' && <p>Le vote ouvre le {horodatage(e.ouverture)}.</p>}
          <Listes listes={e.listes} />
        </>
      )}
      {(e.etat === 'close' || e.etat === 'publiee') && (e.gestionnaire || e.etat === 'publiee') && <Resultats election={e} />}
      <p>
        <Link to={CHEMIN_ELECTIONS}>Toutes les élections</Link>
      </p>
    </>
  )
}

function Listes({ listes }: { listes: ListeVue[] }) {
  return (
    <section aria-labelledby="listes-titre">
      <h2 id="listes-titre">Les listes</h2>
      <ol className="listes-candidats">
        {listes.map((l) => (
          <li key={l.id} className="carte">
            <h3>{l.nom}</h3>
            <Candidats liste={l} />
          </li>
        ))}
      </ol>
    </section>
  )
}

const Candidats = ({ liste }: { liste: ListeVue }) => (
  <ol className="candidats">
    {liste.candidats.map((c) => (
      <li key={c.rang}>
        {c.prenom} {c.nom}
      </li>
    ))}
  </ol>
)

/** Taps two and three: choose a list, confirm. The confirmation names the list chosen. */
function Bulletin({ election: e, aVote }: { election: ElectionVue; aVote: (v: AVote) => void }) {
  const client = useApi().communication
  const [choix, setChoix] = useState<string | null>(null)
  const { envoyer, envoi, refus } = useEnvoi()
  const choisie = e.listes.find((l) => l.id === choix)
  const voter = async () => {
    if (!choix) return
    const fait = await envoyer(() => client.voterElection(e.id, { listeId: choix }))
    if (fait) aVote(fait)
  }
  return (
    <form
      className="bulletin"
      onSubmit={(ev) => {
        ev.preventDefault()
        void voter()
      }}
    >
      <fieldset>
        <legend>Choisissez une liste</legend>
        {e.listes.map((l) => (
          <div key={l.id} className="carte choix-liste">
            <input type="radio" id={`liste-${l.id}`} name="liste" value={l.id} checked={choix === l.id} onChange={() => setChoix(l.id)} />
            <label htmlFor={`liste-${l.id}`}>
              <strong>{l.nom}</strong>
            </label>
            <Candidats liste={l} />
          </div>
        ))}
      </fieldset>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <p aria-live="polite" className="aide">
        {choisie ? `Votre choix : « ${choisie.nom} ». Votre vote est secret et définitif.` : 'Aucune liste choisie.'}
      </p>
      <button type="submit" disabled={!choisie || envoi}>
        {envoi ? 'Envoi…' : choisie ? `Confirmer mon vote pour « ${choisie.nom} »` : 'Confirmer mon vote'}
      </button>
    </form>
  )
}

/** « A voté », focused after the vote; the receipt (shown once) and its check. */
function AVoteEncart({ election: e, vote }: { election: ElectionVue; vote: AVote | null }) {
  const titre = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (vote) titre.current?.focus()
  }, [vote])
  const le = vote?.aVoteLe ?? e.aVoteLe ?? ''
  return (
    <section className="carte a-vote" aria-labelledby="a-vote-titre">
      <h2 id="a-vote-titre" ref={titre} tabIndex={-1}>
        A voté
      </h2>
      <p role="status" className="succes">
        Votre vote est enregistré, le <time dateTime={le}>{horodatage(le)}</time>. Il est secret : personne, pas même l'établissement, ne peut savoir pour
        quelle liste vous avez voté.
      </p>
      {vote && (
        <p>
          Votre reçu (notez-le, il ne sera plus affiché) : <strong className="recu">{vote.recu}</strong>
        </p>
      )}
      <VerifierRecu electionId={e.id} recuInitial={vote?.recu ?? ''} />
    </section>
  )
}

function VerifierRecu({ electionId, recuInitial }: { electionId: string; recuInitial: string }) {
  const client = useApi().communication
  const [code, setCode] = useState(recuInitial)
  const [present, setPresent] = useState<boolean | null>(null)
  const { envoyer, envoi, refus } = useEnvoi()
  const verifier = async () => {
    const r = await envoyer(() => client.verifierRecuElection(electionId, { code }))
    if (r) setPresent(r.present)
  }
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault()
        void verifier()
      }}
    >
      <label htmlFor="recu">Vérifier que mon bulletin est dans l'urne (reçu)</label>
      <input id="recu" value={code} onChange={(ev) => setCode(ev.target.value)} autoComplete="off" aria-describedby="recu-reponse" />
      {refus.champs.code && <p className="erreur-champ">{refus.champs.code}</p>}
      <button type="submit" className="secondaire" disabled={envoi}>
        Vérifier
      </button>
      <p id="recu-reponse" aria-live="polite">
        {present === true && 'Votre bulletin est dans l’urne.'}
        {present === false && 'Aucun bulletin ne correspond à ce reçu.'}
        {refus.message && !refus.champs.code && refus.message}
      </p>
    </form>
  )
}

/** The results; for the head, the desk's count and the publication. */
function Resultats({ election: e }: { election: ElectionVue }) {
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.obtenirResultatsElection(e.id, signal), [client, e.id])
  const [etat, rechargerResultats] = useDonnees(charger)
  const { envoyer, envoi, refus } = useEnvoi()
  const [annonce, setAnnonce] = useState<string | null>(null)
  const [publiee, setPubliee] = useState(e.etat === 'publiee')
  const bouton = useRef<HTMLHeadingElement>(null)
  const publier = async () => {
    const fait = await envoyer(() => client.publierResultatsElection(e.id).then(() => true))
    if (fait) {
      // The page stays as it is (a reload would lose the announcement); the focus goes to the results' heading.
      setPubliee(true)
      setAnnonce('Résultats publiés aux familles.')
      bouton.current?.focus()
    }
  }
  return (
    <section aria-labelledby="resultats-titre">
      <h2 id="resultats-titre" ref={bouton} tabIndex={-1}>
        Résultats
      </h2>
      <p role="status">{annonce}</p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={rechargerResultats} />
      ) : (
        <TableauResultats resultats={etat.donnees} />
      )}
      {e.gestionnaire && !publiee && (
        <>
          {e.correspondance && (
            <Bureau
              election={e}
              saisi={() => {
                setAnnonce('Dépouillement du bureau enregistré.')
                rechargerResultats()
              }}
            />
          )}
          {refus.message && (
            <p role="alert" className="erreur">
              {refus.message}
            </p>
          )}
          <button type="button" disabled={envoi} onClick={() => void publier()}>
            Publier les résultats aux familles
          </button>
        </>
      )}
    </section>
  )
}

function TableauResultats({ resultats: r }: { resultats: ResultatsElection }) {
  return (
    <>
      <p>
        {pluriel(r.inscrits, 'inscrit', 'inscrits')}, {pluriel(r.votants, 'votant', 'votants')} (participation {pourcentage(r.participation)}),{' '}
        {pluriel(r.blancsNuls, 'bulletin blanc ou nul', 'bulletins blancs ou nuls')}, {pluriel(r.exprimes, 'suffrage exprimé', 'suffrages exprimés')}.
      </p>
      <div className="tableau-election">
        <table>
          <caption>Voix et sièges par liste (plus fort reste)</caption>
          <thead>
            <tr>
              <th scope="col">Liste</th>
              <th scope="col">Voix</th>
              <th scope="col">Sièges</th>
            </tr>
          </thead>
          <tbody>
            {r.listes.map((l) => (
              <tr key={l.id}>
                <th scope="row">{l.nom}</th>
                <td>{l.voix}</td>
                <td>{l.sieges}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Élus</h3>
      <ul className="liste-simple">
        {r.listes
          .filter((l) => l.elus.length > 0)
          .map((l) => (
            <li key={l.id}>
              {l.nom} : {l.elus.join(', ')}
            </li>
          ))}
      </ul>
    </>
  )
}

/** The desk's count: voters, blank and spoilt, each list's votes. */
function Bureau({ election: e, saisi }: { election: ElectionVue; saisi: () => void }) {
  const client = useApi().communication
  const [votants, setVotants] = useState('0')
  const [blancsNuls, setBlancsNuls] = useState('0')
  const [voix, setVoix] = useState<Record<string, string>>({})
  const { envoyer, envoi, refus } = useEnvoi()
  const enregistrer = async () => {
    const fait = await envoyer(() =>
      client
        .saisirResultatsBureauElection(e.id, {
          votants: Number(votants),
          blancsNuls: Number(blancsNuls),
          voix: e.listes.map((l) => ({ listeId: l.id, voix: Number(voix[l.id] ?? '0') })),
        })
        .then(() => true),
    )
    if (fait) saisi()
  }
  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault()
        void enregistrer()
      }}
    >
      <fieldset>
        <legend>Dépouillement du bureau (votes par correspondance et à l'urne)</legend>
        <label htmlFor="bureau-votants">Votants au bureau</label>
        <input id="bureau-votants" type="number" min={0} inputMode="numeric" value={votants} onChange={(ev) => setVotants(ev.target.value)} />
        {refus.champs.votants && <p className="erreur-champ">{refus.champs.votants}</p>}
        <label htmlFor="bureau-blancs">Bulletins blancs ou nuls</label>
        <input id="bureau-blancs" type="number" min={0} inputMode="numeric" value={blancsNuls} onChange={(ev) => setBlancsNuls(ev.target.value)} />
        {e.listes.map((l) => (
          <div key={l.id}>
            <label htmlFor={`bureau-${l.id}`}>Voix de « {l.nom} »</label>
            <input
              id={`bureau-${l.id}`}
              type="number"
              min={0}
              inputMode="numeric"
              value={voix[l.id] ?? '0'}
              onChange={(ev) => setVoix({ ...voix, [l.id]: ev.target.value })}
            />
          </div>
        ))}
      </fieldset>
      {refus.message && !refus.champs.votants && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <button type="submit" className="secondaire" disabled={envoi}>
        Enregistrer le dépouillement du bureau
      </button>
    </form>
  )
}
