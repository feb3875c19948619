import { cloneElement, useCallback, useId, useRef, useState, type FormEvent, type ReactElement } from 'react'
import { aujourdhui, pluriel } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { nomUsuel } from '../commun/vieScolaire'
import { instantParis, responsableLibelle, type EleveConnu } from './bureau'

const MOYENS = [
  { code: 'telephone', libelle: 'Téléphone' },
  { code: 'accueil', libelle: "À l'accueil" },
  { code: 'courriel', libelle: 'Courriel' },
  { code: 'carnet', libelle: 'Carnet de correspondance' },
]
const AUTRE = 'autre'

/** The guardians to choose from: those the link brought, else found again by the pupil's name (the desk's search). */
function useResponsables(uai: string, eleveId: string, eleve: EleveConnu | null) {
  const client = useApi().identite
  const charger = useCallback(
    async (signal: AbortSignal) => {
      if (!eleve) return []
      if (eleve.responsables) return eleve.responsables
      const trouves = await client.rechercherEleves(uai, `${eleve.nom} ${eleve.prenom}`, signal)
      return trouves.find((e) => e.eleveId === eleveId)?.responsables ?? []
    },
    [client, uai, eleveId, eleve],
  )
  const [etat] = useDonnees(charger)
  return etat.statut === 'pret' ? etat.donnees : []
}

/**
 * « Enregistrer une absence » on a family's word (a phone call, at the desk…): who told, how, whole days or some hours
 * of one day, and the reason if they gave one (then the absence is justified; without one, the family is asked to
 * justify it as after a roll call). The server splits it into half-days.
 */
export function AbsenceTelephone({ uai, eleveId, eleve, enregistree }: { uai: string; eleveId: string; eleve: EleveConnu | null; enregistree: () => void }) {
  const api = useApi()
  const responsables = useResponsables(uai, eleveId, eleve)
  const chargerMotifs = useCallback((signal: AbortSignal) => api.vieScolaire.listerMotifsAbsence(signal), [api])
  const [motifs] = useDonnees(chargerMotifs)
  const { envoyer, envoi, refus, setRefus } = useEnvoi()
  const id = useId()
  const message = useRef<HTMLParagraphElement>(null)

  const [qui, setQui] = useState('')
  const [autre, setAutre] = useState('')
  const [moyen, setMoyen] = useState('telephone')
  const [duree, setDuree] = useState<'jours' | 'heures'>('jours')
  const [du, setDu] = useState(aujourdhui)
  const [au, setAu] = useState(aujourdhui)
  const [de, setDe] = useState('08:00')
  const [a, setA] = useState('10:00')
  const [motif, setMotif] = useState('')
  const [commentaire, setCommentaire] = useState('')
  const [succes, setSucces] = useState<string | null>(null)

  const choisi = qui === '' || qui === AUTRE ? null : responsables[Number(qui)]
  const signaleePar = choisi ? responsableLibelle(choisi) : autre.trim()
  const eleveNom = eleve ? nomUsuel(eleve) : "l'élève"

  const envoyerSaisie = async (e: FormEvent) => {
    e.preventDefault()
    setSucces(null)
    const local: Record<string, string> = {}
    if (duree === 'jours' && au < du) local.fin = 'Le dernier jour suit le premier.'
    if (duree === 'heures' && a <= de) local.fin = "L'heure de fin suit l'heure de début."
    if (Object.keys(local).length > 0) {
      setRefus({ champs: local, message: 'Vérifiez les champs signalés.' })
      return
    }
    const creee = await envoyer(() =>
      api.vieScolaire.signalerAbsence(eleveId, {
        type: 'absence',
        debut: duree === 'jours' ? instantParis(du, '08:00') : instantParis(du, de),
        fin: duree === 'jours' ? instantParis(au, '18:00') : instantParis(du, a),
        motif: motif || null,
        commentaire: commentaire.trim() || null,
        signaleePar: signaleePar || null,
        moyen,
      }),
    )
    if (!creee) return
    const libelleMotif = motifs.statut === 'pret' ? motifs.donnees.find((m) => m.code === motif)?.libelle : undefined
    setSucces(
      `Absence de ${eleveNom} enregistrée (${pluriel(creee.absenceIds.length, 'demi-journée', 'demi-journées')}) : ${
        creee.statut === 'justifiee' ? `justifiée${libelleMotif ? ` (${libelleMotif})` : ''}.` : 'à justifier, la famille est prévenue.'
      }`,
    )
    setMotif('')
    setCommentaire('')
    enregistree()
    requestAnimationFrame(() => message.current?.focus())
  }

  const erreurDe = (champ: string) => refus.champs[champ]
  const autresErreurs = Object.entries(refus.champs)
    .filter(([c]) => !['debut', 'fin', 'motif', 'commentaire', 'signaleePar', 'moyen'].includes(c))
    .map(([, m]) => m)

  return (
    <section aria-labelledby={`${id}-titre`} className="carte section-tableau">
      <h2 id={`${id}-titre`}>Enregistrer une absence signalée par la famille</h2>
      <p ref={message} tabIndex={-1} role="status" className={succes ? 'succes' : 'statut-vide'}>
        {succes}
      </p>
      <form onSubmit={(e) => void envoyerSaisie(e)} noValidate>
        {responsables.length > 0 && (
          <Champ id={`${id}-qui`} libelle="Qui a prévenu ?">
            <select id={`${id}-qui`} value={qui} onChange={(e) => setQui(e.target.value)}>
              <option value="">Non précisé</option>
              {responsables.map((r, i) => (
                <option key={`${r.nom} ${r.prenom} ${r.lien}`} value={String(i)}>
                  {responsableLibelle(r)}
                </option>
              ))}
              <option value={AUTRE}>Une autre personne</option>
            </select>
          </Champ>
        )}
        {(responsables.length === 0 || qui === AUTRE) && (
          <Champ id={`${id}-autre`} libelle={responsables.length === 0 ? 'Qui a prévenu ? (facultatif)' : 'Nom de la personne'} erreur={erreurDe('signaleePar')}>
            <input id={`${id}-autre`} type="text" maxLength={200} value={autre} onChange={(e) => setAutre(e.target.value)} placeholder="Mme Martin, mère" />
          </Champ>
        )}
        <Champ id={`${id}-moyen`} libelle="Comment ?" erreur={erreurDe('moyen')}>
          <select id={`${id}-moyen`} value={moyen} onChange={(e) => setMoyen(e.target.value)}>
            {MOYENS.map((m) => (
              <option key={m.code} value={m.code}>
                {m.libelle}
              </option>
            ))}
          </select>
        </Champ>
        <fieldset className="champ">
          <legend>Durée</legend>
          <label>
            <input type="radio" name={`${id}-duree`} checked={duree === 'jours'} onChange={() => setDuree('jours')} /> Un ou plusieurs jours entiers
          </label>
          <label>
            <input type="radio" name={`${id}-duree`} checked={duree === 'heures'} onChange={() => setDuree('heures')} /> Quelques heures d'un jour
          </label>
        </fieldset>
        {duree === 'jours' ? (
          <div className="ligne-champs">
            <Champ id={`${id}-du`} libelle="Premier jour" erreur={erreurDe('debut')}>
              <input id={`${id}-du`} type="date" required value={du} onChange={(e) => setDu(e.target.value)} />
            </Champ>
            <Champ id={`${id}-au`} libelle="Dernier jour" erreur={erreurDe('fin')}>
              <input id={`${id}-au`} type="date" required value={au} min={du} onChange={(e) => setAu(e.target.value)} />
            </Champ>
          </div>
        ) : (
          <div className="ligne-champs">
            <Champ id={`${id}-le`} libelle="Jour">
              <input id={`${id}-le`} type="date" required value={du} onChange={(e) => setDu(e.target.value)} />
            </Champ>
            <Champ id={`${id}-de`} libelle="De" erreur={erreurDe('debut')}>
              <input id={`${id}-de`} type="time" required value={de} onChange={(e) => setDe(e.target.value)} />
            </Champ>
            <Champ id={`${id}-a`} libelle="À" erreur={erreurDe('fin')}>
              <input id={`${id}-a`} type="time" required value={a} onChange={(e) => setA(e.target.value)} />
            </Champ>
          </div>
        )}
        <Champ id={`${id}-motif`} libelle="Motif" aide="Avec un motif, l'absence est justifiée ; sans motif, la famille est invitée à la justifier." erreur={erreurDe('motif')}>
          <select id={`${id}-motif`} value={motif} onChange={(e) => setMotif(e.target.value)}>
            <option value="">Pas de motif donné</option>
            {motifs.statut === 'pret' &&
              motifs.donnees.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.libelle}
                </option>
              ))}
          </select>
        </Champ>
        <Champ id={`${id}-commentaire`} libelle="Note (facultatif)" aide="Par exemple l'heure de l'appel. 1 000 caractères au plus." erreur={erreurDe('commentaire')}>
          <textarea id={`${id}-commentaire`} maxLength={1000} value={commentaire} onChange={(e) => setCommentaire(e.target.value)} />
        </Champ>
        {refus.message && (
          <div role="alert" className="erreur">
            <p>{refus.message}</p>
            {autresErreurs.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
        <div className="actions">
          <button type="submit" disabled={envoi}>
            {envoi ? 'Enregistrement…' : "Enregistrer l'absence"}
          </button>
        </div>
      </form>
    </section>
  )
}

/** A label, an optional hint and error, and the control (given the same id), tied together for screen readers. */
function Champ({ id, libelle, aide, erreur, children }: { id: string; libelle: string; aide?: string; erreur?: string; children: ReactElement<Decrit> }) {
  const decrit = [aide && `${id}-aide`, erreur && `${id}-erreur`].filter(Boolean).join(' ')
  return (
    <div className="champ">
      <label htmlFor={id}>{libelle}</label>
      {aide && (
        <p id={`${id}-aide`} className="aide">
          {aide}
        </p>
      )}
      {cloneElement(children, { 'aria-describedby': decrit || undefined, 'aria-invalid': erreur ? true : undefined })}
      {erreur && (
        <p id={`${id}-erreur`} className="erreur-champ">
          {erreur}
        </p>
      )}
    </div>
  )
}

type Decrit = { 'aria-describedby'?: string; 'aria-invalid'?: boolean }
