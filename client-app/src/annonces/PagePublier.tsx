import { useCallback, useId, useState, type FormEvent } from 'react'
import { Link, useNavigate } from 'react-router'
import type { AudiencesPossibles } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { messageErreur } from '../commun/erreurs'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_ANNONCES_ENVOYEES, cheminSuivi, PROFILS_AUDIENCE, uaiPublication } from './annonce'
import './annonces.css'

/**
 * /annonces/publier: title, text, audience (the whole établissement for the direction and the desk, else classes and
 * groups the person teaches; families, pupils, staff), an optional end of publication and the « accusé de lecture ».
 * The form offers only what the server allows (it checks again); once published, the follow-up opens.
 */
export function PagePublier() {
  const uai = uaiPublication(useMoi())
  return (
    <>
      <h1>Publier une annonce</h1>
      {uai ? <Formulaire uai={uai} /> : <p>Cette page est réservée aux personnels qui publient des annonces.</p>}
      <p>
        <Link to={CHEMIN_ANNONCES_ENVOYEES}>Retour aux annonces envoyées</Link>
      </p>
    </>
  )
}

function Formulaire({ uai }: { uai: string }) {
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.obtenirAudiencesAnnonce(uai, signal), [client, uai])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  return <Saisie uai={uai} possibles={etat.donnees} />
}

function Saisie({ uai, possibles }: { uai: string; possibles: AudiencesPossibles }) {
  const client = useApi().communication
  const navigate = useNavigate()
  const id = useId()
  const { envoyer, envoi, refus } = useEnvoi()
  const [titre, setTitre] = useState('')
  const [texte, setTexte] = useState('')
  const [toutEtablissement, setToutEtablissement] = useState(false)
  const [divisions, setDivisions] = useState<string[]>([])
  const [profils, setProfils] = useState<string[]>(['familles'])
  const [accuseLecture, setAccuseLecture] = useState(false)
  const [fin, setFin] = useState('')
  const [fichiers, setFichiers] = useState<File[]>([])
  const [echecFichiers, setEchecFichiers] = useState<string | null>(null)

  const basculer = (liste: string[], valeur: string) => (liste.includes(valeur) ? liste.filter((v) => v !== valeur) : [...liste, valeur])
  const classes = possibles.classes.filter((c) => divisions.includes(c.id)).map((c) => c.id)
  const groupes = possibles.groupes.filter((g) => divisions.includes(g.id)).map((g) => g.id)

  const publier = async (e: FormEvent) => {
    e.preventDefault()
    const publiee = await envoyer(() =>
      client.publierAnnonce(uai, {
        titre,
        texte,
        audience: { etablissement: toutEtablissement, classes: toutEtablissement ? [] : classes, groupes: toutEtablissement ? [] : groupes, profils },
        accuseLecture,
        // The last day shown: the end of publication is the next midnight, Paris time being the browser's here.
        visibleAu: fin ? new Date(`${fin}T23:59:59`).toISOString() : null,
      }),
    )
    if (!publiee) return
    // The files follow the announcement, one by one; one refused does not undo the publication: the follow-up says so.
    const refuses: string[] = []
    for (const fichier of fichiers) {
      await client.deposerPieceJointeAnnonce(publiee.id, { data: fichier, fileName: fichier.name }).catch((e: unknown) => {
        refuses.push(`${fichier.name} : ${messageErreur(e)}`)
      })
    }
    if (refuses.length > 0) {
      setEchecFichiers(`L'annonce est publiée, mais ces fichiers n'ont pas pu être joints : ${refuses.join(' ; ')}`)
      navigate(cheminSuivi(publiee.id), { state: { publiee: publiee.destinataires, refuses } })
      return
    }
    navigate(cheminSuivi(publiee.id), { state: { publiee: publiee.destinataires } })
  }

  const erreur = (champ: string) =>
    refus.champs[champ] ? (
      <p id={`${id}-${champ}-erreur`} className="erreur-champ">
        {refus.champs[champ]}
      </p>
    ) : null
  const decrit = (champ: string) => (refus.champs[champ] ? `${id}-${champ}-erreur` : undefined)
  const erreurAudience = refus.champs['audience'] ?? refus.champs['audience.profils']

  return (
    <form className="formulaire-annonce" onSubmit={(e) => void publier(e)} noValidate>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
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
      <fieldset className="choix-audience" aria-describedby={erreurAudience ? `${id}-audience-erreur` : undefined}>
        <legend>Destinataires</legend>
        {possibles.etablissement && (
          <label>
            <input type="checkbox" checked={toutEtablissement} onChange={(e) => setToutEtablissement(e.target.checked)} />
            Tout l'établissement
          </label>
        )}
        {!toutEtablissement &&
          [...possibles.classes, ...possibles.groupes].map((d) => (
            <label key={d.id}>
              <input type="checkbox" checked={divisions.includes(d.id)} onChange={() => setDivisions(basculer(divisions, d.id))} />
              {d.libelle} ({d.code})
            </label>
          ))}
      </fieldset>
      <fieldset className="choix-audience">
        <legend>Publics</legend>
        {possibles.profils.map((p) => (
          <label key={p}>
            <input type="checkbox" checked={profils.includes(p)} onChange={() => setProfils(basculer(profils, p))} />
            {PROFILS_AUDIENCE[p] ?? p}
          </label>
        ))}
      </fieldset>
      {erreurAudience && (
        <p id={`${id}-audience-erreur`} className="erreur-champ">
          {erreurAudience}
        </p>
      )}
      <div className="choix-audience">
        <label>
          <input type="checkbox" checked={accuseLecture} onChange={(e) => setAccuseLecture(e.target.checked)} aria-describedby={`${id}-accuse-aide`} />
          Demander un accusé de lecture aux familles
        </label>
        <p id={`${id}-accuse-aide`} className="aide">
          Chaque famille confirme sa lecture ; vous voyez, classe par classe, qui l'a fait et pouvez relancer les autres.
        </p>
        {erreur('accuseLecture')}
      </div>
      <div className="champ">
        <label htmlFor={`${id}-fichiers`}>Fichiers joints (facultatif)</label>
        <p id={`${id}-fichiers-aide`} className="aide">
          PDF, image JPEG ou PNG, document Word, Excel, PowerPoint ou OpenDocument ; 10 Mo et 5 fichiers au plus.
        </p>
        <input
          id={`${id}-fichiers`}
          type="file"
          multiple
          accept=".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
          aria-describedby={`${id}-fichiers-aide`}
          onChange={(e) => setFichiers([...(e.target.files ?? [])].slice(0, 5))}
        />
        {echecFichiers && (
          <p role="alert" className="erreur-champ">
            {echecFichiers}
          </p>
        )}
      </div>
      <div className="champ">
        <label htmlFor={`${id}-fin`}>Dernier jour de publication (facultatif)</label>
        <input id={`${id}-fin`} type="date" value={fin} aria-describedby={decrit('visibleAu')} onChange={(e) => setFin(e.target.value)} />
        {erreur('visibleAu')}
      </div>
      <button type="submit" disabled={envoi}>
        {envoi ? 'Publication…' : 'Publier'}
      </button>
    </form>
  )
}
