import { useCallback, useId, useRef, useState, type FormEvent } from 'react'
import type { AutorisationSortie, DemandeSortie, Moi, SortiesEleve } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { aujourdhui, dateLongue, horodatage } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { nomUsuel } from '../commun/vieScolaire'
import '../commun/viescolaire.css'
import { eleveDesAbsences, type EleveAbsences } from './absences'
import { libelleDemande, libelleRegime, sortieDemandee, STATUTS_DEMANDE } from './sorties'

/**
 * /sorties?eleve=…: a pupil's exit authorisations. A legal guardian signs (and changes) the three standing
 * authorisations, asks for a one-off exit and cancels it while the desk has not handled it; the pupil and the other
 * guardians read the same page without its forms. The server decides who may sign (README « Exit authorisations »).
 */
export function PageSorties({ moi, idChoisi }: { moi: Moi; idChoisi: string | null }) {
  const eleve = eleveDesAbsences(moi, idChoisi)
  return (
    <>
      <h1>Sorties</h1>
      {!eleve ? (
        <p>Cette page présente les autorisations de sortie d'un élève : elle est réservée aux élèves et à leurs responsables.</p>
      ) : !eleve.acces ? (
        <p>Vous n'avez pas accès aux sorties de {eleve.nom}.</p>
      ) : (
        <Sorties key={eleve.id} eleve={eleve} />
      )}
    </>
  )
}

function Sorties({ eleve }: { eleve: EleveAbsences }) {
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => ouIntrouvable(client.obtenirSortiesEleve(eleve.id, signal)), [client, eleve.id])
  const [etat, recharger] = useDonnees(charger)
  // What a signature or a request answered replaces what was read: no second request.
  const [apres, setApres] = useState<SortiesEleve | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const message = useRef<HTMLParagraphElement>(null)
  // Only a legal guardian signs (the same rule as justifying absences).
  const signataire = eleve.peutJustifier

  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  const sorties = apres ?? etat.donnees
  if (!sorties) return <p className="information">Sorties introuvables : cet élève n'existe pas, ou vous n'avez pas accès à ses sorties.</p>

  const annoncer = (texte: string, nouvelles: SortiesEleve) => {
    setApres(nouvelles)
    setSucces(texte)
    requestAnimationFrame(() => message.current?.focus())
  }

  return (
    <>
      {eleve.nom && <p className="situation qui">{eleve.nom}</p>}
      <p>Régime : {libelleRegime(sorties.regime)} · année {sorties.anneeScolaire}</p>
      {!signataire && (
        <p className="information">
          {eleve.nom ? 'Seuls les responsables légaux' : 'Vos responsables légaux'} signent les autorisations et demandent les sorties, depuis
          leur espace.
        </p>
      )}
      <p role="status" tabIndex={-1} ref={message} className={succes ? 'succes' : 'statut-vide'}>
        {succes}
      </p>
      <Autorisations
        eleveId={eleve.id}
        sorties={sorties}
        signataire={signataire}
        signees={(s) => annoncer('Autorisations signées : la vie scolaire en est informée.', s)}
      />
      <Demandes
        eleveId={eleve.id}
        sorties={sorties}
        signataire={signataire}
        changees={(texte, demande) =>
          annoncer(texte, { ...sorties, demandes: [demande, ...sorties.demandes.filter((d) => d.id !== demande.id)].sort((a, b) => b.date.localeCompare(a.date)) })
        }
      />
    </>
  )
}

const etatAutorisation = (a: AutorisationSortie) =>
  !a.applicable ? 'Sans objet pour ce régime' : a.accordee == null ? 'Pas encore signée' : a.accordee ? 'Autorisée' : 'Non autorisée'

interface PropsAutorisations {
  eleveId: string
  sorties: SortiesEleve
  signataire: boolean
  signees: (sorties: SortiesEleve) => void
}

function Autorisations({ eleveId, sorties, signataire, signees }: PropsAutorisations) {
  const [formulaire, setFormulaire] = useState(false)
  const bouton = useRef<HTMLButtonElement>(null)
  const fermer = () => {
    setFormulaire(false)
    requestAnimationFrame(() => bouton.current?.focus())
  }
  return (
    <section aria-labelledby="titre-autorisations" className="carte">
      <h2 id="titre-autorisations">Autorisations pour l'année</h2>
      <ul className="liste-autorisations">
        {sorties.autorisations.map((a) => (
          <li key={a.type}>
            <p>
              <strong>{a.libelle}</strong> : {etatAutorisation(a)}
            </p>
            {a.signeePar && a.signeeLe && (
              <p className="aide">
                Signée par {nomUsuel(a.signeePar)} le <time dateTime={a.signeeLe}>{horodatage(a.signeeLe)}</time>
              </p>
            )}
          </li>
        ))}
      </ul>
      {signataire &&
        (formulaire ? (
          <FormulaireAutorisations
            eleveId={eleveId}
            autorisations={sorties.autorisations}
            signees={(s) => {
              setFormulaire(false)
              signees(s)
            }}
            annuler={fermer}
          />
        ) : (
          <button type="button" ref={bouton} onClick={() => setFormulaire(true)}>
            {sorties.autorisations.some((a) => a.accordee != null) ? 'Modifier les autorisations' : 'Signer les autorisations'}
          </button>
        ))}
      {sorties.historique.length > 0 && (
        <details>
          <summary>Historique des signatures ({sorties.historique.length})</summary>
          <ul>
            {sorties.historique.map((h) => (
              <li key={`${h.type} ${h.signeeLe}`}>
                <time dateTime={h.signeeLe}>{horodatage(h.signeeLe)}</time> — {sorties.autorisations.find((a) => a.type === h.type)?.libelle ?? h.type} :{' '}
                {h.accordee ? 'autorisée' : 'non autorisée'} par {nomUsuel(h.signeePar)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}

interface PropsFormulaireAutorisations {
  eleveId: string
  autorisations: AutorisationSortie[]
  signees: (sorties: SortiesEleve) => void
  annuler: () => void
}

function FormulaireAutorisations({ eleveId, autorisations, signees, annuler }: PropsFormulaireAutorisations) {
  const client = useApi().vieScolaire
  const { envoyer, envoi, refus } = useEnvoi()
  const [choix, setChoix] = useState<Record<string, boolean | null>>(() => Object.fromEntries(autorisations.map((a) => [a.type, a.accordee ?? null])))
  const [certifie, setCertifie] = useState(false)
  const [manque, setManque] = useState<string | null>(null)
  const id = useId()

  const signer = async (e: FormEvent) => {
    e.preventDefault()
    const lignes = Object.entries(choix).filter((c): c is [string, boolean] => c[1] !== null)
    const raison = lignes.length === 0 ? 'Choisissez « Oui » ou « Non » pour au moins une autorisation.' : !certifie ? 'Cochez la case pour signer.' : null
    setManque(raison)
    if (raison) return
    const reponse = await envoyer(() =>
      client.signerAutorisationsSortie(eleveId, { autorisations: lignes.map(([type, accordee]) => ({ type, accordee })), jeCertifie: true }),
    )
    if (reponse) signees(reponse)
  }

  return (
    <form onSubmit={(e) => void signer(e)} aria-labelledby={`${id}-titre`} noValidate>
      <h3 id={`${id}-titre`}>Signer les autorisations</h3>
      {autorisations.map((a) => (
        <fieldset key={a.type}>
          <legend>{a.libelle}</legend>
          {!a.applicable && <p className="aide">Sans objet pour le régime actuel : votre choix est gardé si le régime change.</p>}
          {[true, false].map((valeur) => (
            <label key={String(valeur)} className="case">
              <input
                type="radio"
                name={`${id}-${a.type}`}
                checked={choix[a.type] === valeur}
                onChange={() => setChoix({ ...choix, [a.type]: valeur })}
              />{' '}
              {valeur ? 'Oui, autorisé(e)' : 'Non'}
            </label>
          ))}
        </fieldset>
      ))}
      <label className="case">
        <input type="checkbox" checked={certifie} onChange={(e) => setCertifie(e.target.checked)} /> Je certifie être responsable légal(e) de
        l'élève et signe ces autorisations pour l'année scolaire.
      </label>
      {(manque ?? refus.message) && (
        <p role="alert" className="erreur">
          {manque ?? refus.message}
        </p>
      )}
      <p className="boutons">
        <button type="submit" disabled={envoi}>
          {envoi ? 'Signature…' : 'Signer'}
        </button>{' '}
        <button type="button" className="secondaire" onClick={annuler}>
          Annuler
        </button>
      </p>
    </form>
  )
}

interface PropsDemandes {
  eleveId: string
  sorties: SortiesEleve
  signataire: boolean
  changees: (message: string, demande: DemandeSortie) => void
}

function Demandes({ eleveId, sorties, signataire, changees }: PropsDemandes) {
  const [formulaire, setFormulaire] = useState(false)
  const bouton = useRef<HTMLButtonElement>(null)
  const fermer = () => {
    setFormulaire(false)
    requestAnimationFrame(() => bouton.current?.focus())
  }
  return (
    <section aria-labelledby="titre-demandes">
      <h2 id="titre-demandes">Sorties exceptionnelles</h2>
      {signataire &&
        (formulaire ? (
          <FormulaireDemande
            eleveId={eleveId}
            envoyee={(d) => {
              setFormulaire(false)
              changees(`Demande envoyée pour le ${dateLongue(d.date)} : la vie scolaire va l'examiner.`, d)
            }}
            annuler={fermer}
          />
        ) : (
          <p>
            <button type="button" ref={bouton} onClick={() => setFormulaire(true)}>
              Demander une sortie exceptionnelle
            </button>
          </p>
        ))}
      {sorties.demandes.length === 0 ? (
        <p>Aucune demande de sortie exceptionnelle cette année.</p>
      ) : (
        <ul className="cartes">
          {sorties.demandes.map((d) => (
            <Demande key={d.id} demande={d} annulable={signataire && d.statut === 'en_attente'} annulee={(a) => changees('Demande annulée.', a)} />
          ))}
        </ul>
      )}
    </section>
  )
}

function Demande({ demande: d, annulable, annulee }: { demande: DemandeSortie; annulable: boolean; annulee: (d: DemandeSortie) => void }) {
  const client = useApi().vieScolaire
  const { envoyer, envoi, refus } = useEnvoi()
  const [confirmer, setConfirmer] = useState(false)
  const confirmation = useRef<HTMLButtonElement>(null)
  const bouton = useRef<HTMLButtonElement>(null)

  const demanderConfirmation = () => {
    setConfirmer(true)
    requestAnimationFrame(() => confirmation.current?.focus())
  }
  const garder = () => {
    setConfirmer(false)
    requestAnimationFrame(() => bouton.current?.focus())
  }
  const annuler = async () => {
    const reponse = await envoyer(() => client.annulerDemandeSortie(d.id))
    if (reponse) annulee(reponse)
  }

  return (
    <li className="carte demande-sortie">
      <h3>{libelleDemande(d)}</h3>
      <p>
        <span className={`statut statut-${d.statut}`}>{STATUTS_DEMANDE[d.statut] ?? d.statut}</span>
        {d.traiteePar && d.traiteeLe && (
          <span className="aide">
            {' '}
            par {nomUsuel(d.traiteePar)} le <time dateTime={d.traiteeLe}>{horodatage(d.traiteeLe)}</time>
          </span>
        )}
      </p>
      {d.commentaire && <p>Commentaire de la vie scolaire : {d.commentaire}</p>}
      <p>Motif : {d.motif}</p>
      <p className="aide">
        Demandée par {nomUsuel(d.signeePar)} le <time dateTime={d.signeeLe}>{horodatage(d.signeeLe)}</time>
      </p>
      {annulable &&
        (confirmer ? (
          <div role="group" aria-label="Confirmer l'annulation" className="confirmation">
            <p>Annuler cette demande ? La vie scolaire ne l'examinera pas.</p>
            <button type="button" ref={confirmation} onClick={() => void annuler()} disabled={envoi}>
              {envoi ? 'Annulation…' : "Confirmer l'annulation"}
            </button>{' '}
            <button type="button" className="secondaire" onClick={garder}>
              Garder la demande
            </button>
          </div>
        ) : (
          <button type="button" className="secondaire" ref={bouton} onClick={demanderConfirmation} aria-label={`Annuler la demande : ${libelleDemande(d)}`}>
            Annuler la demande
          </button>
        ))}
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
    </li>
  )
}

function FormulaireDemande({ eleveId, envoyee, annuler }: { eleveId: string; envoyee: (d: DemandeSortie) => void; annuler: () => void }) {
  const client = useApi().vieScolaire
  const { envoyer, envoi, refus } = useEnvoi()
  const [saisie, setSaisie] = useState({ date: aujourdhui(), heureSortie: '', heureRetour: '', motif: '' })
  const [certifie, setCertifie] = useState(false)
  const id = useId()
  const erreur = (champ: string) => refus.champs[champ]
  const decrit = (champ: string) => (erreur(champ) ? `${id}-${champ}-erreur` : undefined)

  const envoyerDemande = async (e: FormEvent) => {
    e.preventDefault()
    const demande = await envoyer(() => client.creerDemandeSortie(eleveId, sortieDemandee(saisie, certifie)))
    if (demande) envoyee(demande)
  }

  const champ = (nom: 'date' | 'heureSortie' | 'heureRetour', libelle: string, type: string, requis: boolean) => (
    <div className="champ">
      <label htmlFor={`${id}-${nom}`}>{libelle}</label>
      <input
        id={`${id}-${nom}`}
        type={type}
        required={requis}
        value={saisie[nom]}
        onChange={(e) => setSaisie({ ...saisie, [nom]: e.target.value })}
        aria-invalid={erreur(nom) ? true : undefined}
        aria-describedby={decrit(nom)}
      />
      {erreur(nom) && (
        <p id={`${id}-${nom}-erreur`} className="erreur-champ">
          {erreur(nom)}
        </p>
      )}
    </div>
  )

  return (
    <form onSubmit={(e) => void envoyerDemande(e)} aria-labelledby={`${id}-titre`} className="carte" noValidate>
      <h3 id={`${id}-titre`}>Demande de sortie exceptionnelle</h3>
      {champ('date', 'Jour de la sortie', 'date', true)}
      {champ('heureSortie', 'Heure de sortie', 'time', true)}
      {champ('heureRetour', 'Heure de retour (facultatif)', 'time', false)}
      <div className="champ">
        <label htmlFor={`${id}-motif`}>Motif</label>
        <textarea
          id={`${id}-motif`}
          required
          maxLength={500}
          rows={3}
          value={saisie.motif}
          onChange={(e) => setSaisie({ ...saisie, motif: e.target.value })}
          aria-invalid={erreur('motif') ? true : undefined}
          aria-describedby={decrit('motif')}
        />
        {erreur('motif') && (
          <p id={`${id}-motif-erreur`} className="erreur-champ">
            {erreur('motif')}
          </p>
        )}
      </div>
      <label className="case">
        <input
          type="checkbox"
          checked={certifie}
          onChange={(e) => setCertifie(e.target.checked)}
          aria-invalid={erreur('jeCertifie') ? true : undefined}
          aria-describedby={decrit('jeCertifie')}
        />{' '}
        Je certifie être responsable légal(e) de l'élève, demande qu'il ou elle soit autorisé(e) à quitter l'établissement à ce moment et décharge l'établissement de sa responsabilité
        pendant cette sortie.
      </label>
      {erreur('jeCertifie') && (
        <p id={`${id}-jeCertifie-erreur`} className="erreur-champ">
          {erreur('jeCertifie')}
        </p>
      )}
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <p className="boutons">
        <button type="submit" disabled={envoi}>
          {envoi ? 'Envoi…' : 'Signer et envoyer la demande'}
        </button>{' '}
        <button type="button" className="secondaire" onClick={annuler}>
          Annuler
        </button>
      </p>
    </form>
  )
}
