import { useId, useRef, useState, type FormEvent } from 'react'
import type { SuiviLectureAnnonce } from '../api/ent-client'
import { messageErreur } from '../commun/erreurs'
import { horodatage } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useEnvoi } from '../commun/useEnvoi'
import { taille } from '../commun/vieScolaire'
import { Telecharger } from './PageAnnonces'

/** The day (yyyy-mm-dd, the browser's zone) of an instant: the form's « last day of publication ». */
function jourLocal(iso: string): string {
  const d = new Date(iso)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/**
 * The announcement as its families read it, on its follow-up page, and — for its author and the direction — « Modifier »
 * (title, text, last day, files; the audience and the acknowledgement stay as published) and « Retirer » (after a
 * confirmation: it disappears for its recipients at once; this follow-up keeps it, marked withdrawn).
 */
export function GestionAnnonce({ suivi, change }: { suivi: SuiviLectureAnnonce; change: (message: string) => void }) {
  const [modifier, setModifier] = useState(false)
  return (
    <section className="carte annonce" aria-labelledby="annonce-texte">
      <h3 id="annonce-texte">L'annonce</h3>
      {suivi.retireeLe && (
        <p className="erreur" role="note">
          Retirée le <time dateTime={suivi.retireeLe}>{horodatage(suivi.retireeLe)}</time> : ses destinataires ne la voient plus. Les lectures et
          confirmations restent ci-dessous.
        </p>
      )}
      <p className="aide">
        {suivi.audience} · du <time dateTime={suivi.visibleDu}>{horodatage(suivi.visibleDu)}</time>
        {suivi.visibleAu && (
          <>
            {' '}
            au <time dateTime={suivi.visibleAu}>{horodatage(suivi.visibleAu)}</time>
          </>
        )}
        {suivi.modifieeLe && (
          <>
            {' '}
            · modifiée le <time dateTime={suivi.modifieeLe}>{horodatage(suivi.modifieeLe)}</time>
          </>
        )}
      </p>
      {modifier ? (
        <Correction
          suivi={suivi}
          fini={(message) => {
            setModifier(false)
            if (message) change(message)
          }}
        />
      ) : (
        <>
          <p className="texte">{suivi.texte}</p>
          {suivi.piecesJointes.length > 0 && (
            <ul className="liste-simple">
              {suivi.piecesJointes.map((p) => (
                <li key={p.id}>
                  <Telecharger annonceId={suivi.id} piece={p} />
                </li>
              ))}
            </ul>
          )}
          {suivi.modifiable && (
            <div className="actions">
              <button type="button" className="secondaire" onClick={() => setModifier(true)}>
                Modifier l'annonce
              </button>
              <Retrait suivi={suivi} retiree={change} />
            </div>
          )}
        </>
      )}
    </section>
  )
}

function Retrait({ suivi, retiree }: { suivi: SuiviLectureAnnonce; retiree: (message: string) => void }) {
  const client = useApi().communication
  const { envoyer, envoi, refus } = useEnvoi()
  const [confirmer, setConfirmer] = useState(false)
  const confirmation = useRef<HTMLButtonElement>(null)
  const bouton = useRef<HTMLButtonElement>(null)

  const retirer = async () => {
    const fait = await envoyer(() => client.retirerAnnonce(suivi.id).then(() => true))
    if (fait) retiree('Annonce retirée : ses destinataires ne la voient plus.')
  }

  return confirmer ? (
    <div role="group" aria-label="Confirmer le retrait" className="confirmation">
      <p>Retirer cette annonce ? Elle disparaît aussitôt pour ses destinataires ; son suivi reste ici. Ce retrait est définitif.</p>
      <button type="button" ref={confirmation} disabled={envoi} onClick={() => void retirer()}>
        {envoi ? 'Retrait…' : 'Confirmer le retrait'}
      </button>{' '}
      <button
        type="button"
        className="secondaire"
        onClick={() => {
          setConfirmer(false)
          requestAnimationFrame(() => bouton.current?.focus())
        }}
      >
        Garder l'annonce
      </button>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
    </div>
  ) : (
    <button
      type="button"
      className="secondaire"
      ref={bouton}
      onClick={() => {
        setConfirmer(true)
        requestAnimationFrame(() => confirmation.current?.focus())
      }}
    >
      Retirer l'annonce
    </button>
  )
}

function Correction({ suivi, fini }: { suivi: SuiviLectureAnnonce; fini: (message: string | null) => void }) {
  const client = useApi().communication
  const id = useId()
  const { envoyer, envoi, refus } = useEnvoi()
  const [titre, setTitre] = useState(suivi.titre)
  const [texte, setTexte] = useState(suivi.texte)
  const [fin, setFin] = useState(suivi.visibleAu ? jourLocal(suivi.visibleAu) : '')
  const [retires, setRetires] = useState<string[]>([])
  const [fichiers, setFichiers] = useState<File[]>([])
  const [echecs, setEchecs] = useState<string[]>([])

  const enregistrer = async (e: FormEvent) => {
    e.preventDefault()
    const fait = await envoyer(() =>
      client
        .modifierAnnonce(suivi.id, {
          titre,
          texte,
          visibleDu: suivi.visibleDu,
          // The last day shown: the end of publication is the next midnight, as at publication.
          visibleAu: fin ? new Date(`${fin}T23:59:59`).toISOString() : null,
        })
        .then(() => true),
    )
    if (!fait) return
    // Files: the removed ones, then the added ones; one refused does not undo the correction (said below).
    const refuses: string[] = []
    for (const pieceId of retires) {
      await client.supprimerPieceJointeAnnonce(suivi.id, pieceId).catch((err: unknown) => refuses.push(messageErreur(err)))
    }
    for (const fichier of fichiers) {
      await client.deposerPieceJointeAnnonce(suivi.id, { data: fichier, fileName: fichier.name }).catch((err: unknown) => {
        refuses.push(`${fichier.name} : ${messageErreur(err)}`)
      })
    }
    if (refuses.length > 0) {
      setEchecs(refuses)
      return
    }
    fini('Annonce modifiée : ses destinataires voient la nouvelle version.')
  }

  const erreur = (champ: string) =>
    refus.champs[champ] ? (
      <p id={`${id}-${champ}-erreur`} className="erreur-champ">
        {refus.champs[champ]}
      </p>
    ) : null
  const decrit = (champ: string) => (refus.champs[champ] ? `${id}-${champ}-erreur` : undefined)
  const restants = suivi.piecesJointes.filter((p) => !retires.includes(p.id)).length

  return (
    <form className="formulaire-annonce" onSubmit={(e) => void enregistrer(e)} noValidate>
      <p className="aide">
        Les destinataires ({suivi.audience}) et l'accusé de lecture ne changent plus une fois l'annonce publiée : pour un autre public, retirez-la et
        publiez-en une nouvelle.
      </p>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      {echecs.length > 0 && (
        <div role="alert" className="erreur">
          <p>L'annonce est modifiée, mais ces fichiers n'ont pas pu être retirés ou joints :</p>
          <ul>
            {echecs.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="champ">
        <label htmlFor={`${id}-titre`}>Titre</label>
        <input
          id={`${id}-titre`}
          type="text"
          value={titre}
          maxLength={200}
          required
          aria-invalid={refus.champs.titre ? true : undefined}
          aria-describedby={decrit('titre')}
          onChange={(e) => setTitre(e.target.value)}
        />
        {erreur('titre')}
      </div>
      <div className="champ">
        <label htmlFor={`${id}-texte`}>Texte</label>
        <textarea
          id={`${id}-texte`}
          value={texte}
          maxLength={10000}
          required
          aria-invalid={refus.champs.texte ? true : undefined}
          aria-describedby={decrit('texte')}
          onChange={(e) => setTexte(e.target.value)}
        />
        {erreur('texte')}
      </div>
      {suivi.piecesJointes.length > 0 && (
        <fieldset className="choix-audience">
          <legend>Fichiers joints</legend>
          {suivi.piecesJointes.map((p) => (
            <label key={p.id}>
              <input
                type="checkbox"
                checked={retires.includes(p.id)}
                onChange={() => setRetires(retires.includes(p.id) ? retires.filter((r) => r !== p.id) : [...retires, p.id])}
              />
              Retirer {p.nom} <span className="aide">({taille(p.taille)})</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="champ">
        <label htmlFor={`${id}-fichiers`}>Ajouter des fichiers (facultatif)</label>
        <p id={`${id}-fichiers-aide`} className="aide">
          PDF, image JPEG ou PNG, document Word, Excel, PowerPoint ou OpenDocument ; 10 Mo et 5 fichiers au plus par annonce.
        </p>
        <input
          id={`${id}-fichiers`}
          type="file"
          multiple
          accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
          aria-describedby={`${id}-fichiers-aide`}
          onChange={(e) => setFichiers([...(e.target.files ?? [])].slice(0, Math.max(0, 5 - restants)))}
        />
      </div>
      <div className="champ">
        <label htmlFor={`${id}-fin`}>Dernier jour de publication (facultatif)</label>
        <input id={`${id}-fin`} type="date" value={fin} aria-describedby={decrit('visibleAu')} onChange={(e) => setFin(e.target.value)} />
        {erreur('visibleAu')}
      </div>
      <div className="actions">
        <button type="submit" disabled={envoi}>
          {envoi ? 'Enregistrement…' : 'Enregistrer les modifications'}
        </button>
        <button type="button" className="secondaire" onClick={() => fini(null)}>
          Annuler
        </button>
      </div>
    </form>
  )
}
