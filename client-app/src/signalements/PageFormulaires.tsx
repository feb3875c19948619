import { useCallback, useId, useRef, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import type { ChampSaisi, FormulairesEtablissement, FormulaireSignalement, ModeleSignalement } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_RECUS, FONCTIONS_DESTINATAIRES, TYPES_CHAMP, uaiConception } from './signalement'
import './signalements.css'

/** A field in the builder: its options typed one per line. */
interface ChampEdite {
  cle: number
  libelle: string
  type: string
  obligatoire: boolean
  choix: string
}

interface Brouillon {
  /** The form corrected; none for a new one. */
  id?: string
  modele: string | null
  titre: string
  description: string
  champs: ChampEdite[]
  destinataires: string[]
  confidentiel: boolean
}

let compteur = 0
const nouveauChamp = (c: Partial<ChampEdite> = {}): ChampEdite => ({ cle: ++compteur, libelle: '', type: 'texte', obligatoire: false, choix: '', ...c })

const depuisModele = (m: ModeleSignalement): Brouillon => ({
  modele: m.modele,
  titre: m.titre,
  description: m.description,
  champs: m.champs.map((c) => nouveauChamp({ libelle: c.libelle, type: c.type, obligatoire: c.obligatoire, choix: c.choix.join('\n') })),
  destinataires: m.destinataires,
  confidentiel: m.confidentiel,
})

const depuisFormulaire = (f: FormulaireSignalement): Brouillon => ({
  id: f.id,
  modele: f.modele ?? null,
  titre: f.titre,
  description: f.description,
  champs: f.champs.map((c) => nouveauChamp({ libelle: c.libelle, type: c.type, obligatoire: c.obligatoire, choix: c.choix.join('\n') })),
  destinataires: f.destinataires,
  confidentiel: f.confidentiel,
})

const VIDE: Brouillon = { modele: null, titre: '', description: '', champs: [], destinataires: ['direction'], confidentiel: false }

/**
 * /signalements/formulaires: the établissement's forms (offered or withdrawn) and the builder — start from a ready
 * model (harassment, the premises, a question to the secretariat) or from nothing; title, fields of four types,
 * required or not, receivers by function. The harassment model stays confidential: direction and CPE only.
 */
export function PageFormulaires() {
  const uai = uaiConception(useMoi())
  return (
    <>
      <h1>Formulaires de signalement</h1>
      <p>
        <Link to={CHEMIN_RECUS}>Signalements reçus</Link>
      </p>
      {uai ? <Contenu uai={uai} /> : <p>Cette page est réservée à la direction et à la vie scolaire.</p>}
    </>
  )
}

function Contenu({ uai }: { uai: string }) {
  const client = useApi().communication
  const charger = useCallback((signal: AbortSignal) => client.listerFormulairesSignalement(uai, signal), [client, uai])
  const [etat, recharger] = useDonnees(charger)
  const [annonce, setAnnonce] = useState<string | null>(null)
  const statut = useRef<HTMLParagraphElement>(null)
  const annoncer = (message: string) => {
    setAnnonce(message)
    recharger()
    requestAnimationFrame(() => statut.current?.focus())
  }
  return (
    <>
      <p role="status" tabIndex={-1} ref={statut} className="annonce-etat">
        {annonce}
      </p>
      {etat.statut !== 'pret' ? <Attente etat={etat} recharger={recharger} /> : <Page page={etat.donnees} uai={uai} annoncer={annoncer} />}
    </>
  )
}

function Page({ page, uai, annoncer }: { page: FormulairesEtablissement; uai: string; annoncer: (message: string) => void }) {
  const [brouillon, setBrouillon] = useState<Brouillon | null>(null)
  return (
    <>
      <section aria-labelledby="formulaires-existants">
        <h2 id="formulaires-existants">Les formulaires de l'établissement</h2>
        {page.formulaires.length === 0 ? (
          <p>Aucun formulaire pour l'instant : partez d'un modèle ci-dessous.</p>
        ) : (
          <ul className="signalements">
            {page.formulaires.map((f) => (
              <LigneFormulaire key={f.id} formulaire={f} annoncer={annoncer} modifier={() => setBrouillon(depuisFormulaire(f))} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="nouveau-formulaire">
        <h2 id="nouveau-formulaire">{brouillon?.id ? `Corriger « ${brouillon.titre} »` : 'Nouveau formulaire'}</h2>
        {brouillon?.id && <p className="aide">Les signalements déjà déposés gardent les questions auxquelles ils ont répondu.</p>}
        {brouillon ? (
          <Constructeur
            key={brouillon.id ?? 'nouveau'}
            uai={uai}
            depart={brouillon}
            fonctions={page.fonctions}
            fermer={(message) => {
              setBrouillon(null)
              if (message) annoncer(message)
            }}
          />
        ) : (
          <div className="actions-signalement">
            {page.modeles.map((m) => (
              <button key={m.modele} type="button" className="secondaire" onClick={() => setBrouillon(depuisModele(m))}>
                Partir du modèle « {m.titre} »
              </button>
            ))}
            <button type="button" className="secondaire" onClick={() => setBrouillon({ ...VIDE, champs: [nouveauChamp()] })}>
              Formulaire vide
            </button>
          </div>
        )}
      </section>
    </>
  )
}

function LigneFormulaire({
  formulaire: f,
  annoncer,
  modifier,
}: {
  formulaire: FormulaireSignalement
  annoncer: (message: string) => void
  modifier: () => void
}) {
  const client = useApi().communication
  const { envoyer, envoi, refus } = useEnvoi()
  const basculer = async () => {
    const fait = await envoyer(() => client.activerFormulaireSignalement(f.id, { actif: !f.actif }).then(() => true))
    if (fait) annoncer(f.actif ? `« ${f.titre} » n'est plus proposé aux familles.` : `« ${f.titre} » est proposé aux familles et aux élèves.`)
  }
  return (
    <li className="carte">
      <h3>{f.titre}</h3>
      <p>
        <span className="etiquette">{f.actif ? 'Proposé' : 'Retiré'}</span>
        {f.confidentiel && <span className="etiquette confidentiel">Confidentiel</span>}
      </p>
      <p className="aide">
        {f.champs.length} champ{f.champs.length > 1 ? 's' : ''} · reçu par {f.destinataires.map((d) => FONCTIONS_DESTINATAIRES[d] ?? d).join(', ')} ·{' '}
        {f.depots} signalement{f.depots > 1 ? 's' : ''}
      </p>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <div className="actions-signalement">
        <button type="button" className="secondaire" onClick={modifier}>
          Corriger « {f.titre} »
        </button>
        <button type="button" className="secondaire" disabled={envoi} onClick={() => void basculer()}>
          {f.actif ? `Retirer « ${f.titre} »` : `Proposer « ${f.titre} »`}
        </button>
      </div>
    </li>
  )
}

function Constructeur({ uai, depart, fonctions, fermer }: { uai: string; depart: Brouillon; fonctions: string[]; fermer: (message?: string) => void }) {
  const client = useApi().communication
  const id = useId()
  const { envoyer, envoi, refus } = useEnvoi()
  const [b, setB] = useState(depart)
  const harcelement = b.modele === 'harcelement'
  const confidentiel = harcelement || b.confidentiel

  const changerChamp = (cle: number, modif: Partial<ChampEdite>) => setB({ ...b, champs: b.champs.map((c) => (c.cle === cle ? { ...c, ...modif } : c)) })
  const basculerFonction = (f: string) =>
    setB({ ...b, destinataires: b.destinataires.includes(f) ? b.destinataires.filter((d) => d !== f) : [...b.destinataires, f] })

  const creer = async (e: FormEvent) => {
    e.preventDefault()
    const champs: ChampSaisi[] = b.champs.map((c) => ({
      libelle: c.libelle,
      type: c.type,
      obligatoire: c.obligatoire,
      choix: c.type === 'choix' ? c.choix.split('\n').map((x) => x.trim()).filter(Boolean) : [],
    }))
    const corps = { modele: b.modele, titre: b.titre, description: b.description, champs, destinataires: b.destinataires, confidentiel }
    const fait = await envoyer(() => (b.id ? client.modifierFormulaireSignalement(b.id, corps) : client.creerFormulaireSignalement(uai, corps)))
    if (fait) fermer(b.id ? `Le formulaire « ${fait.titre} » est corrigé.` : `Le formulaire « ${fait.titre} » est créé et proposé aux familles et aux élèves.`)
  }

  const erreur = (cle: string) =>
    refus.champs[cle] ? (
      <p id={`${id}-${cle}`} className="erreur-champ">
        {refus.champs[cle]}
      </p>
    ) : null
  const decrit = (cle: string) => (refus.champs[cle] ? `${id}-${cle}` : undefined)

  return (
    <form className="constructeur" onSubmit={(e) => void creer(e)} noValidate>
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
      <div className="champ">
        <label htmlFor={`${id}-titre`}>Titre</label>
        <input id={`${id}-titre`} type="text" value={b.titre} maxLength={200} aria-describedby={decrit('titre')} onChange={(e) => setB({ ...b, titre: e.target.value })} />
        {erreur('titre')}
      </div>
      <div className="champ">
        <label htmlFor={`${id}-description`}>Présentation (facultative)</label>
        <textarea id={`${id}-description`} value={b.description} maxLength={2000} onChange={(e) => setB({ ...b, description: e.target.value })} />
      </div>
      <fieldset>
        <legend>Champs</legend>
        {erreur('champs')}
        <ol className="champs-constructeur">
          {b.champs.map((c, i) => (
            <li key={c.cle}>
              <div className="champ">
                <label htmlFor={`${id}-${c.cle}-libelle`}>Question {i + 1}</label>
                <input
                  id={`${id}-${c.cle}-libelle`}
                  type="text"
                  value={c.libelle}
                  maxLength={200}
                  aria-describedby={decrit(`champs[${i}].libelle`)}
                  onChange={(e) => changerChamp(c.cle, { libelle: e.target.value })}
                />
                {erreur(`champs[${i}].libelle`)}
              </div>
              <div className="champ">
                <label htmlFor={`${id}-${c.cle}-type`}>Type de la question {i + 1}</label>
                <select id={`${id}-${c.cle}-type`} value={c.type} onChange={(e) => changerChamp(c.cle, { type: e.target.value })}>
                  {Object.entries(TYPES_CHAMP).map(([valeur, libelle]) => (
                    <option key={valeur} value={valeur}>
                      {libelle}
                    </option>
                  ))}
                </select>
                {erreur(`champs[${i}].type`)}
              </div>
              {c.type === 'choix' && (
                <div className="champ">
                  <label htmlFor={`${id}-${c.cle}-choix`}>Réponses proposées pour la question {i + 1} (une par ligne)</label>
                  <textarea
                    id={`${id}-${c.cle}-choix`}
                    value={c.choix}
                    aria-describedby={decrit(`champs[${i}].choix`)}
                    onChange={(e) => changerChamp(c.cle, { choix: e.target.value })}
                  />
                  {erreur(`champs[${i}].choix`)}
                </div>
              )}
              <label>
                <input type="checkbox" checked={c.obligatoire} onChange={(e) => changerChamp(c.cle, { obligatoire: e.target.checked })} />
                Question {i + 1} obligatoire
              </label>
              <button type="button" className="secondaire" onClick={() => setB({ ...b, champs: b.champs.filter((x) => x.cle !== c.cle) })}>
                Supprimer la question {i + 1}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" className="secondaire" disabled={b.champs.length >= 20} onClick={() => setB({ ...b, champs: [...b.champs, nouveauChamp()] })}>
          Ajouter une question
        </button>
      </fieldset>
      <fieldset aria-describedby={decrit('destinataires')}>
        <legend>Reçu par</legend>
        {fonctions.map((f) => (
          <label key={f}>
            <input
              type="checkbox"
              checked={b.destinataires.includes(f)}
              disabled={confidentiel && f !== 'direction' && f !== 'cpe'}
              onChange={() => basculerFonction(f)}
            />
            {FONCTIONS_DESTINATAIRES[f] ?? f}
          </label>
        ))}
        {erreur('destinataires')}
      </fieldset>
      <label>
        <input type="checkbox" checked={confidentiel} disabled={harcelement} onChange={(e) => setB({ ...b, confidentiel: e.target.checked })} />
        Confidentiel : lu par la direction et le CPE uniquement, chaque lecture inscrite au journal des accès
      </label>
      {harcelement && <p className="aide">Un signalement de harcèlement est toujours confidentiel.</p>}
      <div className="actions-signalement">
        <button type="submit" disabled={envoi}>
          {envoi ? 'Envoi…' : b.id ? 'Enregistrer la correction' : 'Créer le formulaire'}
        </button>
        <button type="button" className="secondaire" onClick={() => fermer()}>
          Annuler
        </button>
      </div>
    </form>
  )
}
