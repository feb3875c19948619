import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react'
import type { Justificatif } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { statutErreur } from '../commun/appels'
import { horaire, horodatage, jourCourt, jourDe, pluriel } from '../commun/format'
import { lireRefus } from '../commun/erreurs'
import { useDonnees } from '../commun/useDonnees'
import { libelleType, nomListe, nomUsuel, taille } from '../commun/vieScolaire'
import { chargerDocument, EchecDocument, estImage, type DocumentOuvert } from './justificatifs'
import { useApi } from '../commun/useApi'

/**
 * The desk's review queue: each justification waiting for a decision, oldest first, with the pupil, the absences it
 * covers, the reason and comment, its document (fetched with the token), and « Accepter » / « Refuser » (a refusal says
 * why, told to the family). A decided one leaves the queue; a status message says what was done.
 */
export function FileJustificatifs({ uai, decide }: { uai: string; decide: () => void }) {
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => client.listerJustificatifsEtablissement(uai, 'a_examiner', undefined, undefined, signal), [client, uai])
  const [etat, recharger] = useDonnees(charger)
  const [partis, setPartis] = useState<string[]>([])
  const [succes, setSucces] = useState<string | null>(null)
  const titre = useRef<HTMLHeadingElement>(null)

  const retirer = (j: Justificatif, message: string) => {
    setPartis((p) => [...p, j.id])
    setSucces(message)
    decide()
    // The card and its buttons are gone: the keyboard resumes at the queue's heading.
    titre.current?.focus()
  }

  const restants = etat.statut === 'pret' ? etat.donnees.justificatifs.filter((j) => !partis.includes(j.id)) : []
  return (
    <section aria-labelledby="titre-file-justificatifs" className="carte section-tableau">
      <h2 id="titre-file-justificatifs" ref={titre} tabIndex={-1}>
        Justificatifs à examiner
      </h2>
      <p role="status" className={succes ? 'succes' : 'statut-vide'}>
        {succes}
      </p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : restants.length === 0 ? (
        <p>Aucun justificatif à examiner.</p>
      ) : (
        <>
          <ul className="cartes">
            {restants.map((j) => (
              <CarteJustificatif key={j.id} justificatif={j} retirer={(message) => retirer(j, message)} />
            ))}
          </ul>
          {etat.donnees.suivante && <p className="aide">Les suivants apparaîtront une fois ceux-ci traités.</p>}
        </>
      )}
    </section>
  )
}

function CarteJustificatif({ justificatif: j, retirer }: { justificatif: Justificatif; retirer: (message: string) => void }) {
  const client = useApi().vieScolaire
  const [refus, setRefus] = useState(false)
  const [raison, setRaison] = useState('')
  const [erreurRaison, setErreurRaison] = useState<string | null>(null)
  const [echec, setEchec] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const champRaison = useRef<HTMLTextAreaElement>(null)
  const id = useId()
  const eleve = nomListe(j.eleve)
  const absences = j.absences.filter((a) => !a.annuleeLe)

  const decider = async (accepte: boolean) => {
    setEchec(null)
    setEnvoi(true)
    try {
      await client.deciderJustificatif(j.id, accepte ? { accepte: true } : { accepte: false, raison: raison.trim() })
      retirer(
        accepte
          ? `Justificatif de ${nomUsuel(j.eleve)} accepté : ${pluriel(absences.length, 'absence justifiée', 'absences justifiées')}.`
          : `Justificatif de ${nomUsuel(j.eleve)} refusé : la famille est prévenue de la raison.`,
      )
    } catch (erreur) {
      if (statutErreur(erreur) === 409) {
        retirer(`Le justificatif de ${nomUsuel(j.eleve)} avait déjà été traité.`)
        return
      }
      const lu = lireRefus(erreur)
      if (lu.champs.raison) {
        setErreurRaison(lu.champs.raison)
        champRaison.current?.focus()
      }
      setEchec(lu.message)
    } finally {
      setEnvoi(false)
    }
  }

  const refuser = (e: FormEvent) => {
    e.preventDefault()
    if (!raison.trim()) {
      setErreurRaison('Indiquez à la famille la raison du refus.')
      champRaison.current?.focus()
      return
    }
    void decider(false)
  }

  useEffect(() => {
    if (refus) champRaison.current?.focus()
  }, [refus])

  return (
    <li className="carte justificatif">
      <h3>
        {eleve}
        {j.eleve.classe && <span className="aide"> · {j.eleve.classe}</span>}
      </h3>
      <dl className="details">
        <dt>Motif</dt>
        <dd>{j.motifLibelle}</dd>
        {j.commentaire && (
          <>
            <dt>Commentaire</dt>
            <dd>« {j.commentaire} »</dd>
          </>
        )}
        <dt>Envoyé par</dt>
        <dd>
          {nomUsuel(j.deposePar)}, <time dateTime={j.deposeLe}>{horodatage(j.deposeLe)}</time>
        </dd>
        <dt>{absences.length > 1 ? 'Absences' : 'Absence'}</dt>
        <dd>
          <ul className="liste-simple absences-couvertes">
            {absences.map((a) => (
              <li key={a.id}>
                {libelleType(a)} — {jourCourt(jourDe(a.debut))}, {horaire(a.debut, a.fin)}
                {a.cours && ` · ${a.cours}`}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {j.document ? <Document justificatifId={j.id} eleve={eleve} document={j.document} /> : <p className="aide">Aucun document joint.</p>}
      {echec && (
        <p role="alert" className="erreur">
          {echec}
        </p>
      )}
      {!refus ? (
        <div className="actions">
          <button type="button" disabled={envoi} onClick={() => void decider(true)} aria-label={`Accepter le justificatif de ${eleve}`}>
            Accepter
          </button>
          <button type="button" className="secondaire" disabled={envoi} onClick={() => setRefus(true)} aria-label={`Refuser le justificatif de ${eleve}`}>
            Refuser
          </button>
        </div>
      ) : (
        <form onSubmit={refuser} noValidate>
          <div className="champ">
            <label htmlFor={`${id}-raison`}>Raison du refus</label>
            <p id={`${id}-raison-aide`} className="aide">
              Elle est envoyée à la famille, qui pourra justifier à nouveau. 500 caractères au plus.
            </p>
            <textarea
              id={`${id}-raison`}
              ref={champRaison}
              value={raison}
              maxLength={500}
              required
              aria-invalid={erreurRaison ? true : undefined}
              aria-describedby={[`${id}-raison-aide`, erreurRaison && `${id}-raison-erreur`].filter(Boolean).join(' ')}
              onChange={(e) => {
                setRaison(e.target.value)
                setErreurRaison(null)
              }}
            />
            {erreurRaison && (
              <p id={`${id}-raison-erreur`} className="erreur-champ">
                {erreurRaison}
              </p>
            )}
          </div>
          <div className="actions">
            <button type="submit" disabled={envoi} aria-label={`Confirmer le refus du justificatif de ${eleve}`}>
              Confirmer le refus
            </button>
            <button
              type="button"
              className="secondaire"
              onClick={() => {
                setRefus(false)
                setErreurRaison(null)
              }}
              aria-label={`Annuler le refus du justificatif de ${eleve}`}
            >
              Annuler
            </button>
          </div>
        </form>
      )}
    </li>
  )
}

/** « Voir le justificatif »: fetched with the token, an image shown here, a PDF opened in a new tab (or downloaded). */
function Document({ justificatifId, eleve, document: d }: { justificatifId: string; eleve: string; document: NonNullable<Justificatif['document']> }) {
  const client = useApi().vieScolaire
  const [ouvert, setOuvert] = useState<DocumentOuvert | null>(null)
  const [enCours, setEnCours] = useState(false)
  const [echec, setEchec] = useState<string | null>(null)

  useEffect(() => () => (ouvert ? URL.revokeObjectURL(ouvert.url) : undefined), [ouvert])

  const voir = async () => {
    setEchec(null)
    setEnCours(true)
    try {
      const charge = ouvert ?? (await chargerDocument(client, justificatifId, d.nomOriginal))
      setOuvert(charge)
      if (!estImage(charge.type)) window.open(charge.url, '_blank', 'noopener')
    } catch (erreur) {
      setEchec(erreur instanceof EchecDocument ? erreur.message : "Le document n'a pas pu être affiché.")
    } finally {
      setEnCours(false)
    }
  }

  return (
    <div className="document">
      <p>
        Document : {d.nomOriginal} ({taille(d.taille)})
      </p>
      <button type="button" className="secondaire" onClick={() => void voir()} disabled={enCours} aria-label={`Voir le justificatif de ${eleve}`}>
        Voir le justificatif
      </button>
      <p role="status" className="statut-vide">
        {enCours ? 'Chargement du document…' : null}
      </p>
      {echec && (
        <p role="alert" className="erreur">
          {echec}
        </p>
      )}
      {ouvert &&
        (estImage(ouvert.type) ? (
          <img className="apercu" src={ouvert.url} alt={`Justificatif de ${eleve} : ${d.nomOriginal}`} />
        ) : (
          <p className="liens-document">
            <a href={ouvert.url} target="_blank" rel="noopener" aria-label={`Ouvrir ${d.nomOriginal} dans un nouvel onglet`}>
              Ouvrir {d.nomOriginal}
            </a>
            <a href={ouvert.url} download={d.nomOriginal} aria-label={`Télécharger ${d.nomOriginal}`}>
              Télécharger
            </a>
          </p>
        ))}
    </div>
  )
}
