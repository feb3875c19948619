import { useCallback, useId, useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import type { ConsentementsEtablissement } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { messageErreur } from '../commun/erreurs'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { cheminSuiviAutorisation, limite, quand, uaiAutorisations } from './autorisation'
import './autorisations.css'

/**
 * /autorisations/organisees: the consent forms a teacher organised (the direction and the desk: all of the
 * établissement's), each with its answers so far and a link to its per-pupil follow-up; and the form to ask the families
 * of one's classes and groups (what, where, when, cost, deadline, documents). Offered only what the server allows.
 */
export function PageAutorisationsOrganisees() {
  const uai = uaiAutorisations(useMoi())
  return (
    <>
      <h1>Autorisations de sortie et de projet</h1>
      {uai ? <Contenu uai={uai} /> : <p>Cette page est réservée aux personnels qui organisent des sorties.</p>}
    </>
  )
}

function Contenu({ uai }: { uai: string }) {
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.listerConsentementsEtablissement(uai, signal), [client, uai])
  const [etat, recharger] = useDonnees(charger)
  const [creer, setCreer] = useState(false)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  const { divisions, consentements } = etat.donnees
  return (
    <>
      {divisions.length > 0 &&
        (creer ? (
          <Formulaire uai={uai} possibles={etat.donnees} annuler={() => setCreer(false)} />
        ) : (
          <button type="button" onClick={() => setCreer(true)}>
            Nouvelle demande d'autorisation
          </button>
        ))}
      <h2>Demandes envoyées</h2>
      {consentements.length === 0 ? (
        <p>Aucune demande d'autorisation pour le moment.</p>
      ) : (
        <ul className="autorisations">
          {consentements.map((c) => (
            <li key={c.id} className="carte">
              <h3>
                <Link to={cheminSuiviAutorisation(c.id)}>{c.titre}</Link>
              </h3>
              <p>
                {c.divisions} — {c.lieu}, {quand(c.debut, c.fin)}
              </p>
              <p>
                {c.accordes} autorisé{c.accordes > 1 ? 's' : ''}, {c.refuses} non autorisé{c.refuses > 1 ? 's' : ''}, {c.enAttente} sans réponse
                sur {c.eleves} élève{c.eleves > 1 ? 's' : ''}. Réponses jusqu'au {limite(c.dateLimite)}.
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** A local date and time (« 2026-12-24T09:00 », Paris time being the browser's here) as an instant. */
const instant = (local: string) => (local ? new Date(local).toISOString() : null)

function Formulaire({ uai, possibles, annuler }: { uai: string; possibles: ConsentementsEtablissement; annuler: () => void }) {
  const client = useApi().communication
  const navigate = useNavigate()
  const id = useId()
  const { envoyer, envoi, refus } = useEnvoi()
  const [titre, setTitre] = useState('')
  const [description, setDescription] = useState('')
  const [lieu, setLieu] = useState('')
  const [debut, setDebut] = useState('')
  const [fin, setFin] = useState('')
  const [coutEuros, setCoutEuros] = useState('0')
  const [dateLimite, setDateLimite] = useState('')
  const [divisions, setDivisions] = useState<string[]>([])
  const [fichiers, setFichiers] = useState<File[]>([])

  const envoyerDemande = async (e: FormEvent) => {
    e.preventDefault()
    const euros = Number(coutEuros.replace(',', '.'))
    const cree = await envoyer(() =>
      client.creerConsentement(uai, {
        titre,
        description,
        lieu,
        debut: instant(debut),
        fin: instant(fin),
        coutCentimes: Number.isFinite(euros) ? Math.round(euros * 100) : -1,
        // The last day shown: answers are accepted until its end.
        dateLimite: dateLimite ? new Date(`${dateLimite}T23:59:59`).toISOString() : null,
        classes: possibles.divisions.filter((d) => d.type === 'classe' && divisions.includes(d.id)).map((d) => d.id),
        groupes: possibles.divisions.filter((d) => d.type !== 'classe' && divisions.includes(d.id)).map((d) => d.id),
      }),
    )
    if (!cree) return
    // The documents follow the form, one by one; one refused does not undo the request: the follow-up says so.
    const refuses: string[] = []
    for (const fichier of fichiers) {
      await client.deposerPieceJointeConsentement(cree.id, { data: fichier, fileName: fichier.name }).catch((err: unknown) => {
        refuses.push(`${fichier.name} : ${messageErreur(err)}`)
      })
    }
    navigate(cheminSuiviAutorisation(cree.id), { state: { creee: cree.eleves, refuses } })
  }

  const champ = (nom: string, libelle: string, entree: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => React.ReactNode) => (
    <div className="champ">
      <label htmlFor={`${id}-${nom}`}>{libelle}</label>
      {entree({
        id: `${id}-${nom}`,
        'aria-invalid': refus.champs[nom] ? true : undefined,
        'aria-describedby': refus.champs[nom] ? `${id}-${nom}-erreur` : undefined,
      })}
      {refus.champs[nom] && (
        <p id={`${id}-${nom}-erreur`} className="erreur-champ">
          {refus.champs[nom]}
        </p>
      )}
    </div>
  )

  return (
    <form className="formulaire-autorisation" onSubmit={(e) => void envoyerDemande(e)} noValidate>
      <h2>Nouvelle demande d'autorisation</h2>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      {champ('titre', 'Sortie ou projet', (p) => <input {...p} type="text" value={titre} maxLength={200} onChange={(e) => setTitre(e.target.value)} />)}
      {champ('description', 'Description pour les familles', (p) => (
        <textarea {...p} value={description} maxLength={5000} onChange={(e) => setDescription(e.target.value)} />
      ))}
      {champ('lieu', 'Lieu', (p) => <input {...p} type="text" value={lieu} maxLength={200} onChange={(e) => setLieu(e.target.value)} />)}
      {champ('debut', 'Début', (p) => <input {...p} type="datetime-local" value={debut} onChange={(e) => setDebut(e.target.value)} />)}
      {champ('fin', 'Fin', (p) => <input {...p} type="datetime-local" value={fin} onChange={(e) => setFin(e.target.value)} />)}
      {champ('coutCentimes', 'Coût par élève (en euros, 0 si gratuit)', (p) => (
        <input {...p} type="text" inputMode="decimal" value={coutEuros} onChange={(e) => setCoutEuros(e.target.value)} />
      ))}
      {champ('dateLimite', 'Date limite de réponse', (p) => <input {...p} type="date" value={dateLimite} onChange={(e) => setDateLimite(e.target.value)} />)}
      <fieldset className="choix-audience" aria-describedby={refus.champs.classes ? `${id}-classes-erreur` : undefined}>
        <legend>Classes et groupes</legend>
        {possibles.divisions.map((d) => (
          <label key={d.id}>
            <input
              type="checkbox"
              checked={divisions.includes(d.id)}
              onChange={() => setDivisions(divisions.includes(d.id) ? divisions.filter((x) => x !== d.id) : [...divisions, d.id])}
            />
            {d.libelle} ({d.code})
          </label>
        ))}
      </fieldset>
      {refus.champs.classes && (
        <p id={`${id}-classes-erreur`} className="erreur-champ">
          {refus.champs.classes}
        </p>
      )}
      <div className="champ">
        <label htmlFor={`${id}-fichiers`}>Documents (facultatif)</label>
        <p id={`${id}-fichiers-aide`} className="aide">
          Programme, liste du matériel : PDF, image, document bureautique ; 10 Mo et 5 fichiers au plus.
        </p>
        <input
          id={`${id}-fichiers`}
          type="file"
          multiple
          accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
          aria-describedby={`${id}-fichiers-aide`}
          onChange={(e) => setFichiers([...(e.target.files ?? [])].slice(0, 5))}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={envoi}>
          {envoi ? 'Envoi…' : 'Envoyer aux familles'}
        </button>
        <button type="button" className="secondaire" onClick={annuler}>
          Annuler
        </button>
      </div>
    </form>
  )
}
