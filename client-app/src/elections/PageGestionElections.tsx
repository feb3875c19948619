import { useCallback, useRef, useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { Attente } from '../commun/Attente'
import { etablissementsAdministres } from '../commun/direction'
import { horodatage, pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_ELECTIONS, instantParis, libelleEtat, lireCandidats } from './election'
import './elections.css'

interface ListeSaisie {
  cle: number
  nom: string
  candidats: string
}

/**
 * /elections/gestion — the head's page (issue 17): the établissement's elections, and the form to set one up (title,
 * seats, the window in Paris time to the minute, postal votes or not, the lists with their candidates one per line).
 */
export function PageGestionElections() {
  const moi = useMoi()
  const uai = etablissementsAdministres(moi)[0]?.uai ?? null
  if (!uai) return <p>Seule la direction de l'établissement organise les élections des parents.</p>
  return <Gestion uai={uai} />
}

function Gestion({ uai }: { uai: string }) {
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.listerElectionsEtablissement(uai, signal), [client, uai])
  const [etat, recharger] = useDonnees(charger)
  return (
    <>
      <h1>Élections des parents</h1>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.length === 0 ? (
        <p>Aucune élection n'est organisée.</p>
      ) : (
        <ul className="elections">
          {etat.donnees.map((e) => (
            <li key={e.id} className="carte">
              <h2>
                <Link to={`${CHEMIN_ELECTIONS}/${e.id}`}>{e.titre}</Link>
              </h2>
              <p className="aide">
                {libelleEtat(e.etat)} · du <time dateTime={e.ouverture}>{horodatage(e.ouverture)}</time> au{' '}
                <time dateTime={e.cloture}>{horodatage(e.cloture)}</time> · {pluriel(e.sieges, 'siège', 'sièges')} · {pluriel(e.listes, 'liste', 'listes')}
              </p>
              {e.nombreElecteurs != null && (
                <p>
                  {pluriel(e.votants, 'votant', 'votants')} en ligne sur {pluriel(e.nombreElecteurs, 'électeur', 'électeurs')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <Formulaire uai={uai} />
    </>
  )
}

function Formulaire({ uai }: { uai: string }) {
  const client = useApi().communication
  const naviguer = useNavigate()
  const prochaine = useRef(2)
  const [titre, setTitre] = useState("Élection des représentants des parents au conseil d'administration")
  const [sieges, setSieges] = useState('5')
  const [ouverture, setOuverture] = useState('')
  const [cloture, setCloture] = useState('')
  const [correspondance, setCorrespondance] = useState(true)
  const [listes, setListes] = useState<ListeSaisie[]>([{ cle: 1, nom: '', candidats: '' }])
  const { envoyer, envoi, refus } = useEnvoi()
  const changer = (cle: number, champ: 'nom' | 'candidats', valeur: string) =>
    setListes(listes.map((l) => (l.cle === cle ? { ...l, [champ]: valeur } : l)))

  const creer = async () => {
    const creee = await envoyer(() =>
      client.creerElection(uai, {
        titre,
        sieges: Number(sieges),
        ouverture: instantParis(ouverture),
        cloture: instantParis(cloture),
        correspondance,
        listes: listes.map((l) => ({ nom: l.nom, candidats: lireCandidats(l.candidats) })),
      }),
    )
    if (creee) void naviguer(`${CHEMIN_ELECTIONS}/${creee.id}`)
  }

  const erreur = (champ: string) =>
    Object.entries(refus.champs)
      .filter(([cle]) => cle === champ || cle.startsWith(`${champ}.`) || cle.startsWith(`${champ}[`))
      .map(([, message]) => message)
      .join(' ')

  return (
    <form
      onSubmit={(ev) => {
        ev.preventDefault()
        void creer()
      }}
      aria-labelledby="nouvelle-election"
    >
      <h2 id="nouvelle-election">Organiser une élection</h2>
      <label htmlFor="election-titre">Titre</label>
      <input id="election-titre" value={titre} onChange={(ev) => setTitre(ev.target.value)} />
      {erreur('titre') && <p className="erreur-champ">{erreur('titre')}</p>}
      <label htmlFor="election-sieges">Sièges à pourvoir</label>
      <input id="election-sieges" type="number" min={1} max={50} inputMode="numeric" value={sieges} onChange={(ev) => setSieges(ev.target.value)} />
      {erreur('sieges') && <p className="erreur-champ">{erreur('sieges')}</p>}
      <label htmlFor="election-ouverture">Ouverture du vote (heure de Paris)</label>
      <input id="election-ouverture" type="datetime-local" value={ouverture} onChange={(ev) => setOuverture(ev.target.value)} />
      {erreur('ouverture') && <p className="erreur-champ">{erreur('ouverture')}</p>}
      <label htmlFor="election-cloture">Clôture du vote (heure de Paris)</label>
      <input id="election-cloture" type="datetime-local" value={cloture} onChange={(ev) => setCloture(ev.target.value)} />
      {erreur('cloture') && <p className="erreur-champ">{erreur('cloture')}</p>}
      <p>
        <input id="election-correspondance" type="checkbox" checked={correspondance} onChange={(ev) => setCorrespondance(ev.target.checked)} />
        <label htmlFor="election-correspondance">Compter aussi les votes par correspondance et à l'urne (saisis par le bureau)</label>
      </p>
      {listes.map((l, i) => (
        <fieldset key={l.cle} className="liste-saisie">
          <legend>Liste {i + 1}</legend>
          <label htmlFor={`liste-nom-${l.cle}`}>Nom de la liste {i + 1}</label>
          <input id={`liste-nom-${l.cle}`} value={l.nom} onChange={(ev) => changer(l.cle, 'nom', ev.target.value)} />
          <label htmlFor={`liste-candidats-${l.cle}`}>Candidats de la liste {i + 1}, dans l'ordre, un par ligne</label>
          <p className="aide" id={`liste-aide-${l.cle}`}>
            Nom Prénom JJ/MM/AAAA (la date de naissance départage les égalités).
          </p>
          <textarea
            id={`liste-candidats-${l.cle}`}
            aria-describedby={`liste-aide-${l.cle}`}
            value={l.candidats}
            onChange={(ev) => changer(l.cle, 'candidats', ev.target.value)}
          />
          {erreur(`listes[${i}]`) && <p className="erreur-champ">{erreur(`listes[${i}]`)}</p>}
        </fieldset>
      ))}
      {erreur('listes') && <p className="erreur-champ">{erreur('listes')}</p>}
      <p>
        <button
          type="button"
          className="secondaire"
          onClick={() => setListes([...listes, { cle: prochaine.current++, nom: '', candidats: '' }])}
        >
          Ajouter une liste
        </button>
      </p>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <button type="submit" disabled={envoi}>
        {envoi ? 'Envoi…' : "Créer l'élection"}
      </button>
    </form>
  )
}
