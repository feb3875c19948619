import { useCallback, useId, useRef, useState, type FormEvent } from 'react'
import type { EmploiDuTempsEtablissement as Edt, Moi, SaisieModificationCours, VueCours } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { cleCours, coursDuJour, instantParis } from '../commun/emploiDuTemps'
import { aujourdhui, heure } from '../commun/format'
import { ListeCours } from '../commun/ListeCours'
import { NavigationJours } from '../commun/NavigationJours'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { etablissementsVieScolaire, jourValide } from '../commun/vieScolaire'

type Critere = 'classe' | 'enseignant' | 'salle' | 'groupe'
type Nature = 'annule' | 'deplace' | 'remplace'

const CRITERES: Record<Critere, string> = { classe: 'Une classe', enseignant: 'Un enseignant', salle: 'Une salle', groupe: 'Un groupe' }

/**
 * /vie-scolaire/emploi-du-temps — the desk's and the direction's timetable: a class's, a teacher's, a room's or a group's
 * day, and the changes: tick lessons (a teacher absent all day: pick the teacher, tick their lessons), choose cancel,
 * move or replace, give the reason the families will read, send. The pupils and their families are told at once, by
 * SMS or e-mail too when a lesson is within 24 hours. A change can be withdrawn (the lesson takes place again).
 */
export function EmploiDuTempsEtablissement({ moi }: { moi: Moi }) {
  const uai = etablissementsVieScolaire(moi)[0]?.uai
  // The address may name the day and what to show (?jour=…&classe=2NDE1, or enseignant=, salle=, groupe=).
  const [demande] = useState(() => new URLSearchParams(window.location.search))
  const [jour, setJour] = useState(() => (jourValide(demande.get('jour')) ? demande.get('jour')! : aujourdhui()))
  const [critere, setCritere] = useState<Critere>(() => (Object.keys(CRITERES) as Critere[]).find((c) => demande.get(c)) ?? 'classe')
  const [valeur, setValeur] = useState(() => demande.get(critere) ?? '')
  const { scolarite } = useApi()
  const charger = useCallback(
    (signal: AbortSignal) =>
      scolarite.obtenirEmploiDuTempsEtablissement(
        uai ?? '',
        critere === 'classe' && valeur ? valeur : undefined,
        critere === 'groupe' && valeur ? valeur : undefined,
        critere === 'salle' && valeur ? valeur : undefined,
        critere === 'enseignant' && valeur ? valeur : undefined,
        jour,
        jour,
        signal,
      ),
    [scolarite, uai, critere, valeur, jour],
  )
  const [etat, recharger] = useDonnees(charger)
  const [listes, setListes] = useState<Edt | null>(null)
  if (etat.statut === 'pret' && listes === null) setListes(etat.donnees)
  // Said above the list, which reloads after a change.
  const [succes, setSucces] = useState<string | null>(null)
  const statut = useRef<HTMLParagraphElement>(null)
  const annoncer = (texte: string) => {
    setSucces(texte)
    requestAnimationFrame(() => statut.current?.focus())
  }

  if (!uai) return <p>Cette page est réservée à la vie scolaire et à la direction d'un établissement.</p>
  const options: { code: string; libelle: string }[] = !listes
    ? []
    : critere === 'classe'
      ? listes.classes
      : critere === 'groupe'
        ? listes.groupes
        : critere === 'salle'
          ? listes.salles.map((s) => ({ code: s, libelle: s }))
          : listes.enseignants.map((e) => ({ code: e.id, libelle: e.nom }))

  return (
    <>
      <h1>Emploi du temps</h1>
      <div className="champ">
        <label htmlFor="edt-critere">Voir</label>
        <select
          id="edt-critere"
          value={critere}
          onChange={(e) => {
            setCritere(e.target.value as Critere)
            setValeur('')
          }}
        >
          {Object.entries(CRITERES).map(([code, libelle]) => (
            <option key={code} value={code}>
              {libelle}
            </option>
          ))}
        </select>
      </div>
      <div className="champ">
        <label htmlFor="edt-valeur">{CRITERES[critere].replace(/^Une? /, '').replace(/^./, (c) => c.toUpperCase())}</label>
        <select id="edt-valeur" value={valeur} onChange={(e) => setValeur(e.target.value)}>
          <option value="">Choisir…</option>
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.libelle}
            </option>
          ))}
        </select>
      </div>
      <NavigationJours jour={jour} vue="jour" aujourdhui={aujourdhui()} changer={(j) => setJour(j)} />
      <p role="status" tabIndex={-1} ref={statut} className={succes ? 'succes' : 'statut-vide'}>
        {succes}
      </p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : !valeur ? (
        <p className="aide">Choisissez une classe, un enseignant, une salle ou un groupe.</p>
      ) : (
        <Modifications key={`${critere} ${valeur} ${jour}`} uai={uai} jour={jour} edt={etat.donnees} recharger={recharger} annoncer={annoncer} />
      )}
    </>
  )
}

interface PropsModifications {
  uai: string
  jour: string
  edt: Edt
  recharger: () => void
  annoncer: (texte: string) => void
}

function Modifications({ uai, jour, edt, recharger, annoncer }: PropsModifications) {
  const { scolarite } = useApi()
  const cours = coursDuJour(edt.cours, jour)
  const [coches, setCoches] = useState<Set<string>>(new Set())
  const [nature, setNature] = useState<Nature>('annule')
  const [motif, setMotif] = useState('')
  const [salle, setSalle] = useState('')
  const [debut, setDebut] = useState('')
  const [fin, setFin] = useState('')
  const [remplacant, setRemplacant] = useState('')
  const { envoyer, envoi, refus } = useEnvoi()
  const id = useId()
  const [maintenant] = useState(() => new Date())
  // Only timetabled lessons are changed here; an extra lesson is withdrawn.
  const modifiables = cours.filter((c) => c.statut !== 'ajoute')

  const basculer = (c: VueCours) =>
    setCoches((avant) => {
      const apres = new Set(avant)
      const cle = cleCours(c)
      if (apres.has(cle)) apres.delete(cle)
      else apres.add(cle)
      return apres
    })

  const soumettre = async (e: FormEvent) => {
    e.preventDefault()
    const choisis = modifiables.filter((c) => coches.has(cleCours(c)))
    const modifications: SaisieModificationCours[] = choisis.map((c) => ({
      serviceId: c.serviceId,
      debutPrevu: c.debutPrevu ?? c.debut,
      nature,
      motif: motif.trim() || null,
      salle: nature !== 'annule' && salle.trim() ? salle.trim() : null,
      debut: nature !== 'annule' && debut && fin ? instantParis(jour, debut) : null,
      fin: nature !== 'annule' && debut && fin ? instantParis(jour, fin) : null,
      remplacantId: nature === 'remplace' ? remplacant || null : null,
    }))
    const reponse = await envoyer(() => scolarite.modifierCours(uai, { modifications }))
    if (!reponse) return
    setCoches(new Set())
    annoncer(`${reponse.modifications.length} cours modifié${reponse.modifications.length > 1 ? 's' : ''} : les élèves et leurs familles sont prévenus.`)
    recharger()
  }

  const retirer = async (c: VueCours) => {
    if (!c.modificationId) return
    const fait = await envoyer(async () => {
      await scolarite.retirerModificationCours(uai, c.modificationId!)
      return true
    })
    if (fait) {
      annoncer(`Modification retirée : le cours de ${c.matiere} de ${heure(c.debutPrevu ?? c.debut)} a lieu comme prévu, les familles sont prévenues.`)
      recharger()
    }
  }

  return (
    <>
      {refus.message && (
        <div role="alert" className="erreur">
          <p>{refus.message}</p>
          {Object.values(refus.champs).length > 0 && (
            <ul>
              {Object.values(refus.champs).map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form onSubmit={soumettre}>
        <fieldset>
          <legend>Cours du jour</legend>
          <ListeCours
            cours={cours}
            maintenant={maintenant}
            classe
            enseignant
            avant={(c) =>
              c.statut === 'ajoute' ? null : (
                <input
                  type="checkbox"
                  id={`${id}-${cleCours(c)}`}
                  aria-label={`Choisir ${c.matiere}, ${c.classe}, ${heure(c.debut)}`}
                  checked={coches.has(cleCours(c))}
                  onChange={() => basculer(c)}
                />
              )
            }
            apres={(c) =>
              c.modificationId ? (
                <button type="button" className="secondaire" onClick={() => void retirer(c)} disabled={envoi}>
                  Retirer la modification
                </button>
              ) : null
            }
          />
        </fieldset>
        {modifiables.length > 0 && (
          <fieldset>
            <legend>Modifier les cours cochés ({coches.size})</legend>
            {(['annule', 'deplace', 'remplace'] as const).map((n) => (
              <div key={n}>
                <input type="radio" id={`${id}-${n}`} name={`${id}-nature`} value={n} checked={nature === n} onChange={() => setNature(n)} />
                <label htmlFor={`${id}-${n}`}>{n === 'annule' ? 'Annuler' : n === 'deplace' ? 'Déplacer (horaire ou salle)' : 'Faire remplacer'}</label>
              </div>
            ))}
            <div className="champ">
              <label htmlFor={`${id}-motif`}>Motif lu par les familles{nature === 'annule' ? ' (obligatoire)' : ''}</label>
              <input id={`${id}-motif`} value={motif} maxLength={200} onChange={(e) => setMotif(e.target.value)} placeholder="Professeur absent" />
            </div>
            {nature === 'remplace' && (
              <div className="champ">
                <label htmlFor={`${id}-remplacant`}>Remplaçant</label>
                <select id={`${id}-remplacant`} value={remplacant} onChange={(e) => setRemplacant(e.target.value)}>
                  <option value="">Choisir…</option>
                  {edt.enseignants.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.nom}
                    </option>
                  ))}
                </select>
              </div>
            )}
            {nature !== 'annule' && (
              <>
                <div className="champ">
                  <label htmlFor={`${id}-salle`}>Nouvelle salle (facultatif)</label>
                  <input id={`${id}-salle`} value={salle} maxLength={40} onChange={(e) => setSalle(e.target.value)} />
                </div>
                <div className="champ">
                  <label htmlFor={`${id}-debut`}>Nouveau début, le même jour (facultatif)</label>
                  <input id={`${id}-debut`} type="time" value={debut} onChange={(e) => setDebut(e.target.value)} />
                </div>
                <div className="champ">
                  <label htmlFor={`${id}-fin`}>Nouvelle fin</label>
                  <input id={`${id}-fin`} type="time" value={fin} onChange={(e) => setFin(e.target.value)} />
                </div>
              </>
            )}
            <button type="submit" disabled={envoi || coches.size === 0}>
              Enregistrer et prévenir les familles
            </button>
          </fieldset>
        )}
      </form>
    </>
  )
}
