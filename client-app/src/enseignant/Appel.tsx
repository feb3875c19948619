import { Link } from 'react-router'
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react'
import type { FeuilleAppel } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { titreDocument } from '../commun/titre'
import { FilAriane } from './composants'
import { lireRefus } from '../commun/erreurs'
import { useDonnees } from '../commun/useDonnees'
import {
  appelOuvert,
  basculer,
  compter,
  corpsAppel,
  ERREUR_MINUTES,
  erreursParEleve,
  libelleEtat,
  lignesDe,
  lignesInvalides,
  marquer,
  minutesLues,
  modifications,
  RETARDS_RAPIDES,
  type EtatAppel,
  type LigneAppel,
} from './appel'
import { CHEMIN_APPEL, nomListe } from '../commun/vieScolaire'
import { heure, horaire, jourDe, jourLong, pluriel } from '../commun/format'
import '../commun/viescolaire.css'
import { useApi } from '../commun/useApi'
import { Raccourci } from '../commun/Raccourci'
import { IndicateurPai } from '../sante/IndicateurPai'

/** /appel/{serviceId}?debut=…&fin=…: a lesson's roll call, taken (or corrected the same day) in one request. */
export function Appel({ serviceId }: { serviceId: string }) {
  const client = useApi().vieScolaire
  const [{ debut, fin }] = useState(() => {
    const parametres = new URLSearchParams(window.location.search)
    return { debut: parametres.get('debut'), fin: parametres.get('fin') ?? undefined }
  })
  const charger = useCallback(
    async (signal: AbortSignal) => (debut ? ouIntrouvable(client.obtenirAppel(serviceId, debut, fin, signal)) : null),
    [client, serviceId, debut, fin],
  )
  const [etat, recharger] = useDonnees(charger)

  useEffect(() => {
    if (etat.statut !== 'pret' || !etat.donnees) document.title = titreDocument('Appel')
  }, [etat])

  if (etat.statut !== 'pret') {
    return (
      <>
        <FilAriane etapes={[{ libelle: 'Appel', chemin: CHEMIN_APPEL }, { libelle: "Feuille d'appel" }]} />
        <h1>Appel</h1>
        <Attente etat={etat} recharger={recharger} />
      </>
    )
  }
  if (!etat.donnees) {
    return (
      <>
        <h1>Cours introuvable</h1>
        <p>Ce cours n'existe pas ou n'est pas l'un des vôtres.</p>
        <p>
          <Link to={CHEMIN_APPEL}>Retour à mes cours du jour</Link>
        </p>
      </>
    )
  }
  return <Feuille initiale={etat.donnees} />
}

function Feuille({ initiale }: { initiale: FeuilleAppel }) {
  const client = useApi().vieScolaire
  const [feuille, setFeuille] = useState(initiale)
  const [enregistrees, setEnregistrees] = useState(() => lignesDe(initiale))
  const [lignes, setLignes] = useState(enregistrees)
  const [ouverte, setOuverte] = useState<string | null>(null)
  const [autreDuree, setAutreDuree] = useState<string | null>(null)
  const [erreurs, setErreurs] = useState<Record<string, string>>({})
  const [echec, setEchec] = useState<string | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const [annonce, setAnnonce] = useState('')
  const [envoi, setEnvoi] = useState(false)
  const bascules = useRef(new Map<string, HTMLButtonElement | null>())

  const compteurs = compter(lignes)
  const enAttente = feuille.fait ? modifications(lignes, enregistrees) : 0
  const ouvert = appelOuvert(feuille.debut)
  const jour = jourDe(feuille.debut)
  const titre = `${feuille.cours}, ${heure(feuille.debut)}`

  useEffect(() => {
    document.title = titreDocument(`Appel : ${titre}`)
  }, [titre])

  // Leaving with marks not sent asks first: a lost roll call means families not told.
  const nonEnvoye = feuille.modifiable && (feuille.fait ? enAttente > 0 : modifications(lignes, lignesDe(initiale)) > 0)
  useEffect(() => {
    if (!nonEnvoye) return
    const retenir = (e: BeforeUnloadEvent) => {
      e.preventDefault()
      e.returnValue = ''
    }
    window.addEventListener('beforeunload', retenir)
    return () => window.removeEventListener('beforeunload', retenir)
  }, [nonEnvoye])

  const changer = (eleveId: string, nouvelle: (l: LigneAppel) => LigneAppel) => {
    const avant = lignes.find((l) => l.eleveId === eleveId)
    if (!avant) return
    const apres = nouvelle(avant)
    setLignes((ls) => ls.map((l) => (l.eleveId === eleveId ? apres : l)))
    setErreurs(({ [eleveId]: _corrigee, ...autres }) => autres)
    setSucces(null)
    // Said to screen readers: the button's own text changes, but not every reader repeats it.
    setAnnonce(`${nomListe(apres)} : ${libelleEtat(apres).texte}`)
  }

  const fermer = (eleveId: string) => {
    setOuverte(null)
    setAutreDuree(null)
    bascules.current.get(eleveId)?.focus()
  }

  const choisir = (eleveId: string, etat: EtatAppel, minutes = '') => {
    changer(eleveId, (l) => marquer(l, etat, minutes))
    fermer(eleveId)
  }

  const valider = async (e: FormEvent) => {
    e.preventDefault()
    setSucces(null)
    const invalides = lignesInvalides(lignes)
    if (invalides.length > 0) {
      setErreurs(Object.fromEntries(invalides.map((l) => [l.eleveId, ERREUR_MINUTES])))
      setEchec(`Rien n'a été envoyé : indiquez les minutes de retard de ${invalides.map(nomListe).join(', ')}.`)
      setOuverte(invalides[0].eleveId)
      setAutreDuree(invalides[0].eleveId)
      return
    }
    const corps = corpsAppel(feuille, lignes)
    setEchec(null)
    setEnvoi(true)
    try {
      const nouvelle = await client.faireAppel(feuille.serviceId, corps)
      const relues = lignesDe(nouvelle)
      setFeuille(nouvelle)
      setEnregistrees(relues)
      setLignes(relues)
      setErreurs({})
      setOuverte(null)
      const c = compter(relues)
      setSucces(
        c.absents + c.retards > 0
          ? 'Appel enregistré — les familles des absents sont prévenues.'
          : c.exclus > 0
            ? 'Appel enregistré — aucun absent.'
            : 'Appel enregistré — tous les élèves sont présents.',
      )
    } catch (erreur) {
      const refus = lireRefus(erreur)
      const { parEleve, autres } = erreursParEleve(refus, corps)
      setErreurs(parEleve)
      const noms = lignes.filter((l) => parEleve[l.eleveId]).map(nomListe)
      setEchec(
        noms.length > 0
          ? `L'appel n'a pas été enregistré : vérifiez ${noms.join(', ')}.${autres.length ? ` ${autres.join(' ')}` : ''}`
          : `L'appel n'a pas été enregistré. ${autres.join(' ') || refus.message || ''}`.trim(),
      )
      const premiere = lignes.find((l) => parEleve[l.eleveId])
      if (premiere) bascules.current.get(premiere.eleveId)?.focus()
    } finally {
      setEnvoi(false)
    }
  }

  const modifiable = feuille.modifiable && ouvert
  return (
    <>
      <FilAriane etapes={[{ libelle: 'Appel', chemin: CHEMIN_APPEL }, { libelle: titre }]} />
      <h1>{feuille.cours}</h1>
      <p className="situation">
        {jourLong(jour)} · <time dateTime={feuille.debut}>{horaire(feuille.debut, feuille.fin)}</time> · {pluriel(lignes.length, 'élève', 'élèves')}
      </p>
      <p className="etat-cours">
        {feuille.fait ? (
          <strong>
            Appel fait <span aria-hidden="true">✓</span>
            {feuille.faitLe && ` à ${heure(feuille.faitLe)}`}
            {feuille.modifieLe && feuille.faitLe && feuille.modifieLe !== feuille.faitLe && `, corrigé à ${heure(feuille.modifieLe)}`}
          </strong>
        ) : (
          'Appel pas encore fait'
        )}
      </p>
      {!feuille.modifiable ? (
        <p className="information">Cet appel ne peut plus être corrigé ici : adressez-vous à la vie scolaire.</p>
      ) : !ouvert ? (
        <p className="information">Ce cours n'a pas commencé : l'appel s'ouvre 15 minutes avant son début.</p>
      ) : (
        <p className="aide" id="aide-appel">
          Touchez un élève pour le marquer absent, touchez-le encore pour le remettre présent. « Retard, exclu » propose les autres cas.
          Rien n'est envoyé avant « Valider l'appel ».
        </p>
      )}
      {lignes.length === 0 ? (
        <p>Aucun élève dans cette classe ou ce groupe.</p>
      ) : !modifiable ? (
        <ul className="appel lecture" aria-label="Élèves">
          {lignes.map((l) => {
            const { texte, signe } = libelleEtat(l)
            return (
              <li key={l.eleveId} className={`eleve-appel etat-${l.etat}`}>
                <span className="nom-eleve">
                  <strong>{l.nom}</strong> {l.prenom}
                </span>
                <span className="etat-eleve">
                  <span aria-hidden="true">{signe} </span>
                  {texte}
                </span>
                {l.pai && <IndicateurPai eleveId={l.eleveId} nom={nomListe(l)} />}
              </li>
            )
          })}
        </ul>
      ) : (
        <form onSubmit={valider} noValidate>
          <Raccourci cible="valider-appel">Aller à « Valider l'appel »</Raccourci>
          <ul className="appel" aria-label="Élèves" aria-describedby="aide-appel">
            {lignes.map((l) => (
              <Eleve
                key={l.eleveId}
                ligne={l}
                ouverte={ouverte === l.eleveId}
                autreDuree={autreDuree === l.eleveId}
                erreur={erreurs[l.eleveId]}
                refBascule={(el) => {
                  bascules.current.set(l.eleveId, el)
                }}
                basculer={() => changer(l.eleveId, basculer)}
                ouvrir={() => {
                  setOuverte(ouverte === l.eleveId ? null : l.eleveId)
                  setAutreDuree(null)
                }}
                choisir={(etat, minutes) => choisir(l.eleveId, etat, minutes)}
                autre={() => {
                  changer(l.eleveId, (x) => marquer(x, 'retard', x.etat === 'retard' ? x.minutes : ''))
                  setAutreDuree(l.eleveId)
                }}
                taper={(minutes) => changer(l.eleveId, (x) => marquer(x, 'retard', minutes))}
                fermer={() => fermer(l.eleveId)}
              />
            ))}
          </ul>

          <div className="barre-saisie barre-appel">
            {echec && (
              <p role="alert" className="erreur">
                {echec}
              </p>
            )}
            <dl className="stats-saisie" aria-label="Compteurs">
              <div>
                <dt>Présents</dt>
                <dd>{compteurs.presents}</dd>
              </div>
              <div>
                <dt>Absents</dt>
                <dd>{compteurs.absents}</dd>
              </div>
              <div>
                <dt>Retards</dt>
                <dd>{compteurs.retards}</dd>
              </div>
              {compteurs.exclus > 0 && (
                <div>
                  <dt>Exclus</dt>
                  <dd>{compteurs.exclus}</dd>
                </div>
              )}
            </dl>
            <div className="actions-saisie">
              <button id="valider-appel" type="submit" disabled={envoi}>
                {envoi ? 'Envoi…' : feuille.fait ? "Valider l'appel corrigé" : "Valider l'appel"}
              </button>
              {feuille.fait && (
                <p className="aide">
                  {enAttente === 0 ? 'Aucune correction en attente.' : pluriel(enAttente, 'correction non envoyée', 'corrections non envoyées')}
                </p>
              )}
              <p role="status" className={succes ? 'succes' : undefined}>
                {succes}
              </p>
            </div>
          </div>
          <p role="status" className="visuellement-cache">
            {annonce}
          </p>
        </form>
      )}
      <p>
        <Link to={CHEMIN_APPEL}>Retour à mes cours du jour</Link>
      </p>
    </>
  )
}

interface ProprietesEleve {
  ligne: LigneAppel
  ouverte: boolean
  autreDuree: boolean
  erreur: string | undefined
  refBascule: (el: HTMLButtonElement | null) => void
  basculer: () => void
  ouvrir: () => void
  choisir: (etat: EtatAppel, minutes?: string) => void
  autre: () => void
  taper: (minutes: string) => void
  fermer: () => void
}

/** A pupil's line: one big button (present ↔ absent), and « Retard, exclu » for the rest. */
function Eleve({ ligne: l, ouverte, autreDuree, erreur, refBascule, basculer, ouvrir, choisir, autre, taper, fermer }: ProprietesEleve) {
  const { texte, signe } = libelleEtat(l)
  const nom = nomListe(l)
  const id = `eleve-${l.eleveId}`
  const minutes = minutesLues(l.minutes)
  return (
    <li className={`eleve-appel etat-${l.etat}`}>
      <div className="ligne-appel">
        <button
          type="button"
          ref={refBascule}
          className="bascule"
          onClick={basculer}
          // The name is said as it reads, state included, the same in every browser: « Dupont Marie, Absent ».
          aria-label={`${nom}, ${texte}`}
          aria-describedby={erreur ? `${id}-erreur` : undefined}
        >
          <span className="nom-eleve">
            <strong>{l.nom}</strong> {l.prenom}
          </span>
          <span className="etat-eleve">
            <span aria-hidden="true" className="signe">
              {signe}
            </span>{' '}
            {texte}
          </span>
        </button>
        <button
          type="button"
          className="secondaire plus"
          aria-label={`Retard, exclu : ${nom}`}
          aria-expanded={ouverte}
          aria-controls={`${id}-autres`}
          onClick={ouvrir}
        >
          Retard, exclu
        </button>
      </div>
      {l.pai && <IndicateurPai eleveId={l.eleveId} nom={nom} />}
      {erreur && (
        <p id={`${id}-erreur`} className="erreur-champ">
          {erreur}
        </p>
      )}
      <div id={`${id}-autres`} hidden={!ouverte} className="autres-etats" role="group" aria-label={`Autres états : ${nom}`}>
        {ouverte && (
          <>
            <p className="aide">Retard :</p>
            <div className="choix">
              {RETARDS_RAPIDES.map((m) => (
                <button
                  key={m}
                  type="button"
                  className="secondaire"
                  aria-pressed={l.etat === 'retard' && minutes === m}
                  onClick={() => choisir('retard', String(m))}
                >
                  {m} min
                </button>
              ))}
              <button
                type="button"
                className="secondaire"
                aria-pressed={l.etat === 'retard' && (autreDuree || (minutes !== null && !RETARDS_RAPIDES.includes(minutes)))}
                onClick={autre}
              >
                Autre durée
              </button>
            </div>
            {(autreDuree || (l.etat === 'retard' && minutes !== null && !RETARDS_RAPIDES.includes(minutes))) && (
              <div className="champ minutes">
                <label htmlFor={`${id}-minutes`}>Minutes de retard</label>
                <input
                  id={`${id}-minutes`}
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  autoFocus
                  value={l.minutes}
                  aria-invalid={erreur ? true : undefined}
                  aria-describedby={erreur ? `${id}-erreur` : undefined}
                  onChange={(e) => taper(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault()
                      fermer()
                    }
                  }}
                />
              </div>
            )}
            <div className="choix">
              <button type="button" className="secondaire" aria-pressed={l.etat === 'exclu'} onClick={() => choisir('exclu')}>
                Exclu du cours
              </button>
              <button type="button" className="secondaire" aria-pressed={l.etat === 'present'} onClick={() => choisir('present')}>
                Présent
              </button>
              <button type="button" className="secondaire" aria-pressed={l.etat === 'absent'} onClick={() => choisir('absent')}>
                Absent
              </button>
            </div>
            <button type="button" className="secondaire fermer" onClick={fermer}>
              Fermer
            </button>
          </>
        )}
      </div>
    </li>
  )
}
