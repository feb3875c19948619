import { useCallback, useId, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { EspaceClasse as Espace, FichierEspace } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { enregistrerFichier, ouIntrouvable } from '../commun/appels'
import { lireRefus, messageErreur } from '../commun/erreurs'
import { horodatage } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'

/** The largest file a space takes (the API's limit: beyond, it answers a French 400). */
const TAILLE_MAX = 20 * 1024 * 1024

const TAILLES = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 })
const taille = (octets: number) => (octets < 1024 * 1024 ? `${TAILLES.format(octets / 1024)} ko` : `${TAILLES.format(octets / 1024 / 1024)} Mo`)

/** The address of a space's folder (none: its root). */
const lienDossier = (espace: string, dossier?: string | null) => `/espaces?${new URLSearchParams(dossier ? { espace, dossier } : { espace })}`

/**
 * /espaces (issue 18, espace de classe): my class workspaces (a teacher's classes and groups, a pupil's, a guardian's
 * per child) and, with ?espace=…&dossier=…, a folder's contents — its folders, its files to download — with, for the
 * division's teachers, the upload of a file.
 */
export function EspacesClasse() {
  const [params] = useSearchParams()
  const espace = params.get('espace')
  return (
    <>
      <h1>Espaces de classe</h1>
      {espace ? <ContenuDossier divisionId={espace} dossierId={params.get('dossier')} /> : <MesEspaces />}
    </>
  )
}

function ListeEspaces({ espaces }: { espaces: Espace[] }) {
  return (
    <ul className="cartes">
      {espaces.map((e) => (
        <li key={e.divisionId} className="carte">
          <Link to={lienDossier(e.divisionId)}>{e.libelle}</Link>
          <p className="aide">
            {e.type === 'groupe' ? 'Groupe' : 'Classe'} {e.code}
            {e.peutEcrire && ' · vous pouvez y déposer des documents'}
          </p>
        </li>
      ))}
    </ul>
  )
}

function MesEspaces() {
  const client = useApi().ressources
  const charger = useCallback((signal: AbortSignal) => client.listerMesEspacesClasse(signal), [client])
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  const { espaces, enfants } = etat.donnees
  return (
    <>
      {espaces.length > 0 && (
        <section aria-labelledby="titre-mes-espaces">
          <h2 id="titre-mes-espaces">Mes espaces</h2>
          <ListeEspaces espaces={espaces} />
        </section>
      )}
      {enfants.map((enfant) => (
        <section key={enfant.eleveId} aria-labelledby={`titre-espaces-${enfant.eleveId}`}>
          <h2 id={`titre-espaces-${enfant.eleveId}`}>Espaces de {enfant.prenom}</h2>
          {enfant.espaces.length === 0 ? <p>Aucun espace de classe cette année.</p> : <ListeEspaces espaces={enfant.espaces} />}
        </section>
      ))}
      {espaces.length === 0 && enfants.length === 0 && <p>Vous n'avez aucun espace de classe cette année.</p>}
    </>
  )
}

function ContenuDossier({ divisionId, dossierId }: { divisionId: string; dossierId: string | null }) {
  const client = useApi().ressources
  const charger = useCallback(
    (signal: AbortSignal) => ouIntrouvable(client.obtenirContenuEspaceClasse(divisionId, dossierId ?? undefined, signal)),
    [client, divisionId, dossierId],
  )
  const [etat, recharger] = useDonnees(charger)
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  if (!etat.donnees) {
    return (
      <>
        <p className="information">Cet espace ou ce dossier n'existe pas, ou il ne vous est pas ouvert.</p>
        <Link to="/espaces">Mes espaces de classe</Link>
      </>
    )
  }

  const { espace, chemin, dossiers, fichiers } = etat.donnees
  return (
    <section aria-labelledby="titre-espace">
      <h2 id="titre-espace">{espace.libelle}</h2>
      <nav aria-label="Fil d'Ariane" className="fil-ariane">
        <ol>
          <li>
            <Link to="/espaces">Mes espaces</Link>
          </li>
          <li>
            {chemin.length === 0 ? <span aria-current="page">{espace.code}</span> : <Link to={lienDossier(divisionId)}>{espace.code}</Link>}
          </li>
          {chemin.map((d, i) => (
            <li key={d.id}>
              {i === chemin.length - 1 ? <span aria-current="page">{d.nom}</span> : <Link to={lienDossier(divisionId, d.id)}>{d.nom}</Link>}
            </li>
          ))}
        </ol>
      </nav>
      {dossiers.length === 0 && fichiers.length === 0 && <p>Ce dossier est vide.</p>}
      {dossiers.length > 0 && (
        <>
          <h3>Dossiers</h3>
          <ul>
            {dossiers.map((d) => (
              <li key={d.id}>
                <Link to={lienDossier(divisionId, d.id)}>{d.nom}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {fichiers.length > 0 && (
        <>
          <h3>Fichiers</h3>
          <ul>
            {fichiers.map((f) => (
              <li key={f.id}>
                <Telecharger divisionId={divisionId} fichier={f} />
              </li>
            ))}
          </ul>
        </>
      )}
      {espace.peutEcrire && <Deposer divisionId={divisionId} dossierId={dossierId} depose={recharger} />}
    </section>
  )
}

/** A file's button: fetched with the token (a plain link would carry none), then saved. */
function Telecharger({ divisionId, fichier }: { divisionId: string; fichier: FichierEspace }) {
  const client = useApi().ressources
  const [erreur, setErreur] = useState<string | null>(null)
  const telecharger = async () => {
    setErreur(null)
    try {
      const reponse = await client.telechargerFichierEspaceClasse(divisionId, fichier.id)
      enregistrerFichier(reponse.data, fichier.nomOriginal)
    } catch (e) {
      setErreur(messageErreur(e))
    }
  }
  return (
    <>
      <button type="button" className="lien-bouton" onClick={() => void telecharger()}>
        {fichier.nomOriginal} <span className="aide">({taille(fichier.taille)})</span>
      </button>{' '}
      <span className="aide">
        {fichier.version > 1 && `version ${fichier.version}, `}déposé le <time dateTime={fichier.modifieLe}>{horodatage(fichier.modifieLe)}</time>
      </span>
      {erreur && <span role="alert"> {erreur}</span>}
    </>
  )
}

function Deposer({ divisionId, dossierId, depose }: { divisionId: string; dossierId: string | null; depose: () => void }) {
  const client = useApi().ressources
  const id = useId()
  const champ = useRef<HTMLInputElement>(null)
  const [erreur, setErreur] = useState<string | null>(null)
  const [envoi, setEnvoi] = useState(false)
  const deposer = async () => {
    const fichier = champ.current?.files?.[0]
    setErreur(null)
    if (!fichier) {
      setErreur('Choisissez un fichier à déposer.')
      return
    }
    if (fichier.size > TAILLE_MAX) {
      setErreur('Ce fichier dépasse 20 Mo.')
      return
    }
    setEnvoi(true)
    try {
      await client.deposerFichierEspaceClasse(divisionId, { data: fichier, fileName: fichier.name }, dossierId)
      if (champ.current) champ.current.value = ''
      depose()
    } catch (e) {
      // The file's own refusal (its type read from its content, its size) says more than « check the fields ».
      const refus = lireRefus(e)
      setErreur(refus.champs.fichier ?? refus.message ?? messageErreur(e))
    } finally {
      setEnvoi(false)
    }
  }
  return (
    <form
      className="champ"
      onSubmit={(e) => {
        e.preventDefault()
        void deposer()
      }}
    >
      <label htmlFor={`${id}-fichier`}>Déposer un fichier (PDF, image, document bureautique, 20 Mo au plus)</label>
      <input id={`${id}-fichier`} ref={champ} type="file" accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls" />
      <button type="submit" disabled={envoi}>
        Déposer
      </button>
      {erreur && (
        <p role="alert" className="erreur">
          {erreur}
        </p>
      )}
    </form>
  )
}
