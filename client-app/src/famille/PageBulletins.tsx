import { Link } from 'react-router'
import { useCallback, useState } from 'react'
import {type Bulletin } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { useDonnees } from '../commun/useDonnees'
import { enregistrerFichier, ouIntrouvable, statutErreur } from '../commun/appels'
import { messageErreur } from '../commun/erreurs'
import { dateLongue, nombre, nomDeFichier } from '../commun/format'
import { NotesIntrouvables } from './PageNotes'
import { type EleveNotes } from '../commun/suivi'
import '../commun/notes.css'
import { useApi } from '../commun/useApi'
import { adresseAnnee, anneeDemandee, remplacerAnnee, useAnnees } from './annees'
import { ChoixAnnee } from './ChoixAnnee'

/**
 * /bulletins: the published report cards of the year (the current one, or `?annee=` chosen with « Année scolaire »);
 * `?periode=` opens one, of whichever year, readable here and as a PDF.
 */
export function PageBulletins({ eleve }: { eleve: EleveNotes | null }) {
  const periodeId = new URLSearchParams(window.location.search).get('periode')
  if (eleve && eleve.acces && periodeId) {
    return <VueBulletin key={`${eleve.id} ${periodeId}`} eleve={eleve} periodeId={periodeId} />
  }
  return (
    <>
      <h1>Bulletins</h1>
      {eleve?.nom && <p className="situation qui">{eleve.nom}</p>}
      {!eleve ? (
        <p>Cette page présente les bulletins d'un élève : elle est réservée aux élèves et à leurs responsables.</p>
      ) : !eleve.acces ? (
        <p>Vous n'avez pas accès aux bulletins de {eleve.nom}.</p>
      ) : (
        <ListeBulletins key={eleve.id} eleveId={eleve.id} />
      )}
    </>
  )
}

function ListeBulletins({ eleveId }: { eleveId: string }) {
  const api = useApi()
  const annees = useAnnees(eleveId)
  const [annee, setAnnee] = useState(anneeDemandee)
  // The grades' answer lists the year's periods and which report cards are published.
  const charger = useCallback(
    (signal: AbortSignal) => ouIntrouvable(api.scolarite.listerNotesEleve(eleveId, annee, undefined, signal)),
    [api, eleveId, annee],
  )
  const [etat, recharger] = useDonnees(charger)
  const choisir = (choisie: string | undefined) => {
    setAnnee(choisie)
    remplacerAnnee('/bulletins', choisie)
  }

  const donnees = etat.statut === 'pret' ? etat.donnees : null
  const publies = donnees?.periodes.filter((p) => p.bulletinPublie) ?? []
  return (
    <>
      <ChoixAnnee annees={annees} annee={annee ?? donnees?.anneeScolaire} choisir={choisir} />
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : !donnees ? (
        <NotesIntrouvables />
      ) : publies.length === 0 ? (
        <p>{annee ? `Aucun bulletin n'a été publié en ${annee}.` : "Aucun bulletin n'est encore publié cette année."}</p>
      ) : (
        <ul className="liens bulletins">
          {publies.map((p) => (
            <li key={p.id}>
              <Link to={adresseAnnee('/bulletins', annee, { periode: p.id })}>
                Bulletin du {p.libelle}
                {annee ? ` ${annee}` : ''}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function VueBulletin({ eleve, periodeId }: { eleve: EleveNotes; periodeId: string }) {
  const api = useApi()
  const charger = useCallback(
    (signal: AbortSignal) => ouIntrouvable(api.scolarite.obtenirBulletin(eleve.id, periodeId, signal)),
    [api, eleve.id, periodeId],
  )
  const [etat, recharger] = useDonnees(charger)
  const bulletin = etat.statut === 'pret' ? etat.donnees : null
  // Back to the report cards of the year the address came from (`?annee=` is kept, the period names its own year).
  const annee = anneeDemandee()
  const tous = adresseAnnee('/bulletins', annee)

  return (
    <>
      <h1>{bulletin ? `Bulletin du ${bulletin.periode}` : 'Bulletin'}</h1>
      {etat.statut !== 'pret' ? (
        <>
          {eleve.nom && <p className="situation qui">{eleve.nom}</p>}
          <Attente etat={etat} recharger={recharger} />
        </>
      ) : !bulletin ? (
        <div className="information">
          <p>Bulletin introuvable : il n'est pas encore publié, ou vous n'y avez pas accès.</p>
          <p>
            <Link to={tous}>Tous les bulletins</Link>
          </p>
        </div>
      ) : (
        <ContenuBulletin bulletin={bulletin} eleveId={eleve.id} periodeId={periodeId} />
      )}
      {bulletin && (
        <p className="liens-bas">
          <Link to={tous}>Tous les bulletins</Link>
          <Link to={adresseAnnee('/notes', annee, { periode: periodeId })}>Notes du {bulletin.periode}</Link>
        </p>
      )}
    </>
  )
}

const sur20 = (valeur?: number | null) => (valeur != null ? nombre(valeur) : '—')

function ContenuBulletin({ bulletin: b, eleveId, periodeId }: { bulletin: Bulletin; eleveId: string; periodeId: string }) {
  const appreciations = b.lignes.filter((l) => l.appreciation)
  return (
    <>
      <p className="situation qui">
        {b.eleve} · {b.classe}
      </p>
      <p className="aide">
        {b.etablissement}, année {b.anneeScolaire} : du {dateLongue(b.debut)} au {dateLongue(b.fin)}.
      </p>
      <TelechargementPdf eleveId={eleveId} periodeId={periodeId} nomFichier={`${nomDeFichier(`bulletin ${b.periode} ${b.anneeScolaire} ${b.eleve}`)}.pdf`} />

      <table className="bulletin">
        <caption>Moyennes sur 20 par matière</caption>
        <thead>
          <tr>
            <th scope="col">Matière</th>
            <th scope="col">Élève</th>
            <th scope="col">Classe</th>
            <th scope="col">Min.</th>
            <th scope="col">Max.</th>
          </tr>
        </thead>
        <tbody>
          {b.lignes.map((l) => (
            <tr key={l.matiere}>
              <th scope="row">
                {l.matiere}
                <span className="aide">
                  {l.enseignant && <> {l.enseignant}</>}
                  {l.coefficient !== 1 && <>, coef. {nombre(l.coefficient)}</>}
                </span>
              </th>
              <td>{sur20(l.moyenne)}</td>
              <td>{sur20(l.moyenneClasse)}</td>
              <td>{sur20(l.min)}</td>
              <td>{sur20(l.max)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Moyenne générale</th>
            <td>{sur20(b.moyenneGenerale)}</td>
            <td>{sur20(b.moyenneGeneraleClasse)}</td>
            <td>{sur20(b.minGenerale)}</td>
            <td>{sur20(b.maxGenerale)}</td>
          </tr>
        </tfoot>
      </table>

      {appreciations.length > 0 && (
        <section aria-labelledby="titre-appreciations">
          <h2 id="titre-appreciations">Appréciations des professeurs</h2>
          <dl className="appreciations">
            {appreciations.map((l) => (
              <div key={l.matiere}>
                <dt>
                  {l.matiere}
                  {l.enseignant && <span className="aide"> ({l.enseignant})</span>}
                </dt>
                <dd>{l.appreciation}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section aria-labelledby="titre-conseil">
        <h2 id="titre-conseil">Conseil de classe</h2>
        <dl className="appreciations">
          <div>
            <dt>Appréciation générale</dt>
            <dd>{b.appreciationGenerale ?? 'Aucune appréciation générale.'}</dd>
          </div>
          <div>
            <dt>Décision</dt>
            <dd>{b.decision ?? 'Aucune'}</dd>
          </div>
        </dl>
        <p className="aide">Bulletin édité le {dateLongue(b.editeLe)}.</p>
      </section>
    </>
  )
}

/** Why the PDF did not come, in French: unavailable (404), not prepared (the server failed), or no network. */
function echecPdf(erreur: unknown): string {
  const statut = statutErreur(erreur)
  if (statut === 404) return "Ce bulletin n'est pas disponible."
  if (statut !== null) return "Le PDF du bulletin n'a pas pu être préparé. Réessayez plus tard."
  return messageErreur(erreur)
}

function TelechargementPdf({ eleveId, periodeId, nomFichier }: { eleveId: string; periodeId: string; nomFichier: string }) {
  const { scolarite } = useApi()
  const [enCours, setEnCours] = useState(false)
  const [succes, setSucces] = useState<string | null>(null)
  const [echec, setEchec] = useState<string | null>(null)

  const telecharger = async () => {
    setEnCours(true)
    setSucces(null)
    setEchec(null)
    try {
      const pdf = await scolarite.telechargerBulletin(eleveId, periodeId)
      enregistrerFichier(pdf.data, nomFichier)
      setSucces('Bulletin téléchargé.')
    } catch (erreur) {
      setEchec(echecPdf(erreur))
    } finally {
      setEnCours(false)
    }
  }

  return (
    <div className="telechargement">
      <button type="button" onClick={() => void telecharger()} disabled={enCours}>
        Télécharger le PDF
      </button>
      <p role="status">{enCours ? 'Préparation du PDF…' : succes}</p>
      {echec && (
        <p role="alert" className="erreur">
          {echec}
        </p>
      )}
    </div>
  )
}
