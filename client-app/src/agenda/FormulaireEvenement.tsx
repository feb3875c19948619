import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { ContexteAgenda, EvenementAgenda, EvenementSaisi, PieceJointeEvenement } from '../api/ent-client'
import { messageErreur } from '../commun/erreurs'
import { useApi } from '../commun/useApi'
import { lireRefus } from '../commun/erreurs'
import { CATEGORIES, PROFILS_INVITES } from './calendrier'

interface Brouillon {
  categorie: string
  titre: string
  description: string
  lieu: string
  jourDebut: string
  jourFin: string
  journee: boolean
  heureDebut: string
  heureFin: string
  divisions: string[]
  profils: string[]
}

const vide = (jour: string): Brouillon => ({
  categorie: 'reunion_parents',
  titre: '',
  description: '',
  lieu: '',
  jourDebut: jour,
  jourFin: '',
  journee: false,
  heureDebut: '17:30',
  heureFin: '19:00',
  divisions: [],
  profils: PROFILS_INVITES.map(([cle]) => cle),
})

const depuis = (e: EvenementAgenda): Brouillon => ({
  categorie: e.categorie,
  titre: e.titre,
  description: e.description ?? '',
  lieu: e.lieu ?? '',
  jourDebut: e.jourDebut.slice(0, 10),
  jourFin: e.jourFin.slice(0, 10) === e.jourDebut.slice(0, 10) ? '' : e.jourFin.slice(0, 10),
  journee: !e.heureDebut,
  heureDebut: e.heureDebut ?? '17:30',
  heureFin: e.heureFin ?? '19:00',
  divisions: e.audience.divisions.map((d) => d.id),
  profils: e.audience.profils,
})

/** What the API receives: an all-day event has no times; an empty last day is the first. */
const saisie = (b: Brouillon): EvenementSaisi => ({
  categorie: b.categorie,
  titre: b.titre,
  description: b.description || null,
  lieu: b.lieu || null,
  jourDebut: b.jourDebut || null,
  jourFin: b.jourFin || null,
  heureDebut: b.journee ? null : b.heureDebut || null,
  heureFin: b.journee ? null : b.heureFin || null,
  divisions: b.divisions,
  profils: b.profils,
})

/**
 * The staff's form for an event (new or changed): title, category, days, times or « toute la journée », place,
 * description, the classes and groups targeted (only those the person may target: a teacher's own), who is invited.
 * Errors are shown beside their field, in French, as the server said them.
 */
export function FormulaireEvenement({
  contexte,
  evenement,
  jour,
  enregistrer,
  annuler,
}: {
  contexte: ContexteAgenda
  evenement: EvenementAgenda | null
  jour: string
  enregistrer: (saisie: EvenementSaisi) => Promise<void>
  annuler: () => void
}) {
  const [b, setB] = useState<Brouillon>(() => (evenement ? depuis(evenement) : vide(jour)))
  const [champs, setChamps] = useState<Record<string, string>>({})
  const [message, setMessage] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const titre = useRef<HTMLHeadingElement>(null)
  const id = useId()
  useEffect(() => titre.current?.focus(), [])

  const maj = (partiel: Partial<Brouillon>) => setB((x) => ({ ...x, ...partiel }))
  const basculer = (liste: string[], cle: string, oui: boolean) => (oui ? [...liste, cle] : liste.filter((c) => c !== cle))
  const ciblables = contexte.divisions.filter((d) => contexte.ciblables.includes(d.id) || b.divisions.includes(d.id))

  const envoyer = async (ev: FormEvent) => {
    ev.preventDefault()
    setEnvoi(true)
    setChamps({})
    setMessage(null)
    try {
      await enregistrer(saisie(b))
    } catch (erreur) {
      const refus = lireRefus(erreur)
      setChamps(refus.champs)
      setMessage(refus.message)
      setEnvoi(false)
    }
  }

  const champ = (nom: string, libelle: string, entree: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode) => (
    <div className="champ">
      <label htmlFor={`${id}-${nom}`}>{libelle}</label>
      {entree({
        id: `${id}-${nom}`,
        'aria-invalid': champs[nom] ? true : undefined,
        'aria-describedby': champs[nom] ? `${id}-${nom}-erreur` : undefined,
      })}
      {champs[nom] && (
        <p id={`${id}-${nom}-erreur`} className="erreur-champ">
          {champs[nom]}
        </p>
      )}
    </div>
  )

  return (
    <form className="carte formulaire-evenement" onSubmit={(ev) => void envoyer(ev)} noValidate aria-labelledby={`${id}-entete`}>
      <h2 id={`${id}-entete`} tabIndex={-1} ref={titre}>
        {evenement ? `Modifier « ${evenement.titre} »` : 'Nouvel événement'}
      </h2>
      {champ('titre', 'Titre', (p) => (
        <input {...p} type="text" required maxLength={200} value={b.titre} onChange={(e) => maj({ titre: e.target.value })} />
      ))}
      {champ('categorie', 'Catégorie', (p) => (
        <select {...p} value={b.categorie} onChange={(e) => maj({ categorie: e.target.value })}>
          {Object.entries(CATEGORIES).map(([cle, libelle]) => (
            <option key={cle} value={cle}>
              {libelle}
            </option>
          ))}
        </select>
      ))}
      <div className="champs-ligne">
        {champ('jourDebut', 'Premier jour', (p) => (
          <input {...p} type="date" required value={b.jourDebut} onChange={(e) => maj({ jourDebut: e.target.value })} />
        ))}
        {champ('jourFin', 'Dernier jour (si plusieurs jours)', (p) => (
          <input {...p} type="date" min={b.jourDebut} value={b.jourFin} onChange={(e) => maj({ jourFin: e.target.value })} />
        ))}
      </div>
      <label className="coche">
        <input type="checkbox" checked={b.journee} onChange={(e) => maj({ journee: e.target.checked })} /> Toute la journée
      </label>
      {!b.journee && (
        <div className="champs-ligne">
          {champ('heureDebut', 'Heure de début', (p) => (
            <input {...p} type="time" required value={b.heureDebut} onChange={(e) => maj({ heureDebut: e.target.value })} />
          ))}
          {champ('heureFin', 'Heure de fin', (p) => (
            <input {...p} type="time" required value={b.heureFin} onChange={(e) => maj({ heureFin: e.target.value })} />
          ))}
        </div>
      )}
      {champ('lieu', 'Lieu', (p) => (
        <input {...p} type="text" maxLength={200} value={b.lieu} onChange={(e) => maj({ lieu: e.target.value })} />
      ))}
      {champ('description', 'Description', (p) => (
        <textarea {...p} rows={4} maxLength={5000} value={b.description} onChange={(e) => maj({ description: e.target.value })} />
      ))}
      <fieldset aria-describedby={`${id}-divisions-aide${champs.divisions ? ` ${id}-divisions-erreur` : ''}`}>
        <legend>Classes et groupes</legend>
        <p id={`${id}-divisions-aide`} className="aide">
          {contexte.toutLEtablissement ? "Aucune case cochée : tout l'établissement." : 'Cochez au moins une de vos classes ou un de vos groupes.'}
        </p>
        <div className="cases">
          {ciblables.map((d) => (
            <label key={d.id} className="coche">
              <input
                type="checkbox"
                checked={b.divisions.includes(d.id)}
                onChange={(e) => maj({ divisions: basculer(b.divisions, d.id, e.target.checked) })}
              />{' '}
              {d.libelle}
            </label>
          ))}
        </div>
        {champs.divisions && (
          <p id={`${id}-divisions-erreur`} className="erreur-champ">
            {champs.divisions}
          </p>
        )}
      </fieldset>
      <fieldset aria-describedby={champs.profils ? `${id}-profils-erreur` : undefined}>
        <legend>Invités</legend>
        <div className="cases">
          {PROFILS_INVITES.map(([cle, libelle]) => (
            <label key={cle} className="coche">
              <input type="checkbox" checked={b.profils.includes(cle)} onChange={(e) => maj({ profils: basculer(b.profils, cle, e.target.checked) })} />{' '}
              {libelle}
            </label>
          ))}
        </div>
        {champs.profils && (
          <p id={`${id}-profils-erreur`} className="erreur-champ">
            {champs.profils}
          </p>
        )}
      </fieldset>
      {evenement && <Fichiers evenement={evenement} />}
      {message && (
        <p role="alert" className="erreur">
          {message}
        </p>
      )}
      <div className="actions-evenement">
        <button type="submit" disabled={envoi}>
          {envoi ? 'Enregistrement…' : 'Enregistrer'}
        </button>
        <button type="button" className="secondaire" onClick={annuler}>
          Annuler
        </button>
      </div>
    </form>
  )
}

/** An event's files, changed at once (not with « Enregistrer »): add one (PDF, image, office document, 10 Mo), remove one. */
function Fichiers({ evenement }: { evenement: EvenementAgenda }) {
  const { communication } = useApi()
  const [pieces, setPieces] = useState<PieceJointeEvenement[]>(evenement.piecesJointes)
  const [statut, setStatut] = useState<string | null>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const id = useId()

  const joindre = async (fichier: File | undefined) => {
    if (!fichier) return
    setErreur(null)
    setStatut('Envoi du fichier…')
    try {
      const piece = await communication.deposerPieceJointeEvenement(evenement.id, { data: fichier, fileName: fichier.name })
      setPieces((p) => [...p, piece])
      setStatut(`Fichier « ${piece.nom} » joint.`)
    } catch (e) {
      setStatut(null)
      setErreur(messageErreur(e))
    }
  }

  const retirer = async (piece: PieceJointeEvenement) => {
    setErreur(null)
    try {
      await communication.supprimerPieceJointeEvenement(piece.id)
      setPieces((p) => p.filter((x) => x.id !== piece.id))
      setStatut(`Fichier « ${piece.nom} » retiré.`)
    } catch (e) {
      setErreur(messageErreur(e))
    }
  }

  return (
    <fieldset>
      <legend>Fichiers joints</legend>
      {pieces.length > 0 && (
        <ul>
          {pieces.map((p) => (
            <li key={p.id}>
              {p.nom}{' '}
              <button type="button" className="secondaire" onClick={() => void retirer(p)}>
                Retirer <span className="visuellement-cache">{p.nom}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="champ">
        <label htmlFor={`${id}-fichier`}>Joindre un fichier (PDF, image, document bureautique ; 10 Mo au plus)</label>
        <input
          id={`${id}-fichier`}
          type="file"
          onChange={(e) => {
            const champ = e.target
            void joindre(champ.files?.[0]).then(() => {
              champ.value = ''
            })
          }}
        />
      </div>
      <p role="status">{statut}</p>
      {erreur && (
        <p role="alert" className="erreur">
          {erreur}
        </p>
      )}
    </fieldset>
  )
}
