import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { useSession } from '../auth/contexte'
import { Attente } from '../commun/Attente'
import { MessageErreur } from '../commun/MessageErreur'
import { horodatage, nombre, pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_IMPORTS, CHEMIN_REGION, libelleEtatImport, useEtablissement } from './commun'
import { appelsAdministration, type ImportAafDetail } from './appels'
import { CadreAdministration } from './Cadre'

/** How often a running import is read again. */
export const INTERVALLE_SUIVI = 1000

const EN_COURS = ['en_attente', 'en_cours']

const NATURES: Record<string, string> = {
  personnes: 'Personnes',
  eleves: 'Élèves',
  responsables: 'Responsables',
  personnels: 'Personnels',
  liens: 'Liens familiaux',
  classes: 'Classes',
  groupes: 'Groupes',
  matieres: 'Matières',
  services: "Services d'enseignement",
  etablissements: 'Établissements',
  comptes: 'Comptes',
  inscriptions: 'Inscriptions dans les classes et groupes',
  professeursPrincipaux: 'Professeurs principaux',
}

/**
 * /administration/imports?uai=&import=: the établissement's administrators upload the directory's export (a zip of AAF
 * files), follow the import while it runs (progress read every second, announced politely), then read its summary and
 * its line-numbered report; the history lists the earlier imports. The import followed is in the address.
 */
export function Imports() {
  const moi = useMoi()
  const { etablissement, etablissements } = useEtablissement(moi)
  const [params] = useSearchParams()
  const suivi = params.get('import')
  const [version, setVersion] = useState(0)
  const termine = useCallback(() => setVersion((v) => v + 1), [])
  return (
    <CadreAdministration titre="Imports de l'annuaire" etablissement={etablissement} etablissements={etablissements}>
      {etablissement && (
        <>
          <Televersement uai={etablissement.uai} adresse={(id) => `${CHEMIN_IMPORTS}?uai=${etablissement.uai}&import=${id}`} />
          {suivi && <Suivi key={suivi} id={suivi} termine={termine} />}
          <Historique key={version} uai={etablissement.uai} adresse={(id) => `${CHEMIN_IMPORTS}?uai=${etablissement.uai}&import=${id}`} />
        </>
      )}
    </CadreAdministration>
  )
}

/**
 * The region's administrators import from /region: the whole region's export, or a new lycée's first one (it has no
 * administrator in Ent yet). Without an établissement, every établissement of the export is imported.
 */
export function ImportsRegion() {
  const [params] = useSearchParams()
  const suivi = params.get('import')
  const [version, setVersion] = useState(0)
  const termine = useCallback(() => setVersion((v) => v + 1), [])
  const adresse = (id: string) => `${CHEMIN_REGION}?import=${id}`
  return (
    <>
      <Televersement uai={null} adresse={adresse} />
      {suivi && <Suivi key={suivi} id={suivi} termine={termine} />}
      <Historique key={version} uai={null} adresse={adresse} />
    </>
  )
}

/** Where an import is followed: the établissement's imports page, or the region's. */
type AdresseImport = (id: string) => string

function Televersement({ uai, adresse }: { uai: string | null; adresse: AdresseImport }) {
  const { http } = useSession()
  const navigate = useNavigate()
  const { envoyer, envoi, refus } = useEnvoi()
  const [fichier, setFichier] = useState<File | null>(null)
  const [rentree, setRentree] = useState(false)
  const [erreur, setErreur] = useState<string | null>(null)
  const champ = useRef<HTMLInputElement>(null)
  const id = useId()

  const envoyerFichier = async (e: FormEvent) => {
    e.preventDefault()
    if (!fichier) {
      setErreur("Choisissez le fichier zip de l'export de l'annuaire.")
      champ.current?.focus()
      return
    }
    const reponse = await envoyer(() => appelsAdministration(http).televerser(uai, fichier, rentree))
    if (reponse) navigate(adresse(reponse.id))
  }

  return (
    <section aria-labelledby={`${id}-titre`}>
      <h2 id={`${id}-titre`}>Nouvel import</h2>
      <form onSubmit={envoyerFichier} noValidate>
        <div className="champ">
          <label htmlFor={`${id}-fichier`}>Export de l'annuaire (fichier zip)</label>
          <p id={`${id}-aide`} className="aide">
            Le zip des fichiers XML de l'AAF, tel que l'académie le fournit.{' '}
            {uai
              ? "Les entrées d'un autre établissement sont écartées."
              : 'Tous les établissements du fichier sont importés, y compris ceux qui ne sont pas encore dans Ent.'}
          </p>
          <input
            id={`${id}-fichier`}
            ref={champ}
            type="file"
            accept=".zip,application/zip"
            aria-invalid={erreur || refus.champs.fichier ? true : undefined}
            aria-describedby={[`${id}-aide`, (erreur || refus.champs.fichier) && `${id}-erreur`].filter(Boolean).join(' ')}
            onChange={(e) => {
              setFichier(e.target.files?.[0] ?? null)
              setErreur(null)
            }}
          />
          {(erreur || refus.champs.fichier) && (
            <p id={`${id}-erreur`} className="erreur-champ">
              {erreur ?? refus.champs.fichier}
            </p>
          )}
        </div>
        <div className="champ">
          <input id={`${id}-rentree`} type="checkbox" checked={rentree} onChange={(e) => setRentree(e.target.checked)} />
          <label htmlFor={`${id}-rentree`}>Import de rentrée (prépare l'année scolaire suivante)</label>
        </div>
        {refus.message && !refus.champs.fichier && (
          <p role="alert" className="erreur">
            {refus.message}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={envoi}>
            {envoi ? 'Envoi en cours…' : "Lancer l'import"}
          </button>
        </div>
      </form>
    </section>
  )
}

/** Reads the import again every second while it runs; stops once it is over (or the page is left). */
function Suivi({ id, termine }: { id: string; termine: () => void }) {
  const { http } = useSession()
  const appels = useMemo(() => appelsAdministration(http), [http])
  const [etat, setEtat] = useState<{ import: ImportAafDetail | null; erreur: unknown }>({ import: null, erreur: null })
  const [essai, setEssai] = useState(0)
  const titre = useRef<HTMLHeadingElement>(null)
  const fini = !!etat.import && !EN_COURS.includes(etat.import.etat)

  useEffect(() => {
    const controleur = new AbortController()
    let minuteur: ReturnType<typeof setTimeout> | undefined
    const lire = async () => {
      try {
        const lu = await appels.import(id, controleur.signal)
        if (controleur.signal.aborted) return
        setEtat({ import: lu, erreur: null })
        if (EN_COURS.includes(lu.etat)) minuteur = setTimeout(lire, INTERVALLE_SUIVI)
      } catch (erreur) {
        if (!controleur.signal.aborted) setEtat((e) => ({ ...e, erreur }))
      }
    }
    void lire()
    return () => {
      controleur.abort()
      clearTimeout(minuteur)
    }
  }, [appels, id, essai])

  // Once per import: calling `termine` again would remount the history each time (with a new callback at each render,
  // a loop that kept the history loading for ever on a slow machine).
  const annonce = useRef(false)
  useEffect(() => {
    if (fini && !annonce.current) {
      annonce.current = true
      termine()
      titre.current?.focus()
    }
  }, [fini, termine])

  const i = etat.import
  return (
    <section aria-labelledby="titre-suivi" className="carte">
      <h2 id="titre-suivi" ref={titre} tabIndex={-1}>
        {fini ? "Résultat de l'import" : 'Import en cours'}
      </h2>
      {etat.erreur !== null && <MessageErreur erreur={etat.erreur} reessayer={() => setEssai((n) => n + 1)} />}
      {!i ? (
        etat.erreur === null && <p role="status">Chargement…</p>
      ) : (
        <>
          <p>
            {i.nature === 'complet' ? 'Export complet' : 'Export partiel (delta)'} · année {i.anneeScolaire}
            {i.rentree && ' · rentrée'} · {libelleEtatImport(i.etat)}
          </p>
          {!fini && (
            <progress max={i.entreesTotal ?? undefined} value={i.entreesTotal ? i.entreesTraitees : undefined} aria-labelledby="titre-suivi" />
          )}
          <p aria-live="polite">
            {i.etat === 'en_attente'
              ? 'En attente de démarrage…'
              : i.entreesTotal
                ? `${nombre(i.entreesTraitees)} entrées traitées sur ${nombre(i.entreesTotal)}.`
                : `${nombre(i.entreesTraitees)} entrées traitées.`}
            {fini && ` Import ${libelleEtatImport(i.etat).toLowerCase()}${i.termineLe ? ` le ${horodatage(i.termineLe)}` : ''}.`}
          </p>
          {i.message && (
            <p role="alert" className="erreur">
              {i.message}
            </p>
          )}
          {fini && <Resume resume={i.resume} />}
          {fini && <Rapport rejets={i.rejets} />}
        </>
      )}
    </section>
  )
}

function Resume({ resume }: { resume: ImportAafDetail['resume'] }) {
  const natures = Object.entries(resume ?? {})
  if (natures.length === 0) return <p>Aucun changement.</p>
  return (
    <div className="defilement-administration">
      <table>
        <caption>Ce que l'import a changé</caption>
        <thead>
          <tr>
            <th scope="col">Nature</th>
            <th scope="col">Créés</th>
            <th scope="col">Modifiés</th>
            <th scope="col">Désactivés</th>
          </tr>
        </thead>
        <tbody>
          {natures.map(([nature, n]) => (
            <tr key={nature}>
              <th scope="row">{NATURES[nature] ?? nature}</th>
              <td>{nombre(n.crees ?? 0)}</td>
              <td>{nombre(n.modifies ?? 0)}</td>
              <td>{nombre(n.desactives ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Rapport({ rejets }: { rejets: ImportAafDetail['rejets'] }) {
  if (rejets.length === 0) return <p>Aucune entrée rejetée.</p>
  return (
    <div className="defilement-administration">
      <table>
        <caption>{pluriel(rejets.length, 'entrée rejetée', 'entrées rejetées')}</caption>
        <thead>
          <tr>
            <th scope="col">Fichier</th>
            <th scope="col">Ligne</th>
            <th scope="col">Identifiant AAF</th>
            <th scope="col">Motif</th>
          </tr>
        </thead>
        <tbody>
          {rejets.map((r, n) => (
            <tr key={n}>
              <td>{r.fichier}</td>
              <td>{r.ligne ?? '—'}</td>
              <td>{r.jointure ?? '—'}</td>
              <td>{r.motif}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Historique({ uai, adresse }: { uai: string | null; adresse: AdresseImport }) {
  const { http } = useSession()
  const charger = useCallback((signal: AbortSignal) => appelsAdministration(http).imports(uai, signal), [http, uai])
  const [etat, recharger] = useDonnees(charger)
  return (
    <section aria-labelledby="titre-historique">
      <h2 id="titre-historique">Historique des imports</h2>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.length === 0 ? (
        <p>{uai ? 'Aucun import pour cet établissement.' : 'Aucun import.'}</p>
      ) : (
        <ul className="liste-administration">
          {etat.donnees.map((i) => (
            <li key={i.id}>
              <p>
                <Link to={adresse(i.id)}>
                  <strong>{horodatage(i.creeLe)}</strong>
                </Link>{' '}
                · {libelleEtatImport(i.etat)}
              </p>
              <p className="aide">
                {i.nature === 'complet' ? 'Export complet' : 'Delta'}
                {i.dateExport && ` du ${i.dateExport.split('-').reverse().join('/')}`} · année {i.anneeScolaire}
                {i.rentree && ' · rentrée'} · {pluriel(i.rejets, 'entrée rejetée', 'entrées rejetées')}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
