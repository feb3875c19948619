import { useCallback, useEffect, useRef, useState } from 'react'
import { Link, useLocation, useSearchParams } from 'react-router'
import type { BulletinsAPublier, ClasseBulletins, PeriodeScolaire } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { aujourdhui, dateLongue, horodatage, pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_STRUCTURE } from '../commun/direction'
import { avecParametre, useEtablissementAdministre } from './direction'
import { Alerte, ChoixEtablissement, HorsDirection, Statut } from './DirectionCommun'
import './direction.css'

/** What the page shows once both answers are in: the year's periods, and the readiness of those whose report cards are due. */
interface Donnees {
  periodes: PeriodeScolaire[]
  dues: BulletinsAPublier[]
}

/**
 * /direction/bulletins?periode=…: the head (or a local administrator) publishes a period's report cards. Each period
 * says whether its report cards are out; a due one (ended or ending, see the server's « à faire ») shows each class's
 * readiness: appraisals missing, general appraisals missing, the council recorded. Publishing and withdrawing are confirmed.
 */
export function DirectionBulletins() {
  const moi = useMoi()
  const { etablissement, etablissements, choisir } = useEtablissementAdministre(moi)
  if (!etablissement) return <HorsDirection titre="Publication des bulletins" />
  return (
    <>
      <h1>Publication des bulletins</h1>
      <p className="situation">{etablissement.etablissement}</p>
      <ChoixEtablissement etablissements={etablissements} uai={etablissement.uai} choisir={choisir} />
      <Periodes uai={etablissement.uai} />
    </>
  )
}

function Periodes({ uai }: { uai: string }) {
  const { scolarite } = useApi()
  const charger = useCallback(
    async (signal: AbortSignal): Promise<Donnees> => {
      const [periodes, aFaire] = await Promise.all([scolarite.listerPeriodes(uai, undefined, signal), scolarite.obtenirAFaireEtablissement(uai, signal)])
      return { periodes, dues: aFaire.bulletins }
    },
    [scolarite, uai],
  )
  const [etat, recharger] = useDonnees(charger)
  const [params] = useSearchParams()
  // A publication changes one period: kept here so that the page does not reload the whole year.
  const [modifiees, setModifiees] = useState<Record<string, PeriodeScolaire>>({})

  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  const periodes = etat.donnees.periodes.map((p) => modifiees[p.id] ?? p)
  if (periodes.length === 0) {
    return (
      <p>
        L'année n'a pas encore de périodes. <Link to={`${CHEMIN_STRUCTURE}${avecParametre(params, 'onglet', 'periodes')}`}>Définir les périodes</Link>
      </p>
    )
  }
  const choisie = periodes.find((p) => p.id === params.get('periode')) ?? periodeParDefaut(periodes, etat.donnees.dues)
  return (
    <>
      <nav aria-label="Périodes" className="onglets">
        <ul>
          {periodes.map((p) => (
            <li key={p.id}>
              <Link
                to={avecParametre(params, 'periode', p.id)}
                aria-current={p.id === choisie.id ? 'page' : undefined}
                state={{ focus: true }}
              >
                {p.libelle}
                <span className="mention">{p.bulletinsPubliesLe && estPassee(p.bulletinsPubliesLe) ? 'publiés' : 'non publiés'}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Periode
        periode={choisie}
        due={etat.donnees.dues.find((d) => d.periodeId === choisie.id)}
        uai={uai}
        modifiee={(p) => setModifiees((m) => ({ ...m, [p.id]: p }))}
      />
    </>
  )
}

/** The first due period, else the latest begun, else the first. */
function periodeParDefaut(periodes: PeriodeScolaire[], dues: BulletinsAPublier[]): PeriodeScolaire {
  const jour = aujourdhui()
  return (
    periodes.find((p) => p.id === dues[0]?.periodeId) ??
    periodes.filter((p) => p.debut <= jour).at(-1) ??
    periodes[0]
  )
}

const estPassee = (instant: string) => new Date(instant).getTime() <= Date.now()

function Periode({
  periode,
  due,
  uai,
  modifiee,
}: {
  periode: PeriodeScolaire
  due: BulletinsAPublier | undefined
  uai: string
  modifiee: (p: PeriodeScolaire) => void
}) {
  const { scolarite } = useApi()
  const { envoyer, envoi, refus } = useEnvoi()
  const [aConfirmer, setAConfirmer] = useState<'publier' | 'retirer' | null>(null)
  const [succes, setSucces] = useState<string | null>(null)
  const titre = useRef<HTMLHeadingElement>(null)
  const action = useRef<HTMLButtonElement>(null)
  const { state } = useLocation()
  const publies = !!periode.bulletinsPubliesLe && estPassee(periode.bulletinsPubliesLe)

  useEffect(() => {
    if ((state as { focus?: boolean } | null)?.focus) titre.current?.focus()
  }, [state])
  // The confirmation takes the focus; once it closes (confirmed or cancelled), the action's button has it back.
  const confirmationOuverte = useRef(false)
  useEffect(() => {
    if (aConfirmer) document.getElementById('confirmation-bulletins')?.focus()
    else if (confirmationOuverte.current) action.current?.focus()
    confirmationOuverte.current = aConfirmer !== null
  }, [aConfirmer])

  const confirmer = async () => {
    const publier = aConfirmer === 'publier'
    const resultat = await envoyer(() =>
      publier ? scolarite.publierBulletins(uai, periode.id) : scolarite.depublierBulletins(uai, periode.id),
    )
    setAConfirmer(null)
    if (resultat) {
      modifiee(resultat)
      setSucces(
        publier
          ? `Bulletins du ${periode.libelle} publiés : les élèves et leurs familles peuvent les lire.`
          : `Publication du ${periode.libelle} retirée : les familles ne voient plus ces bulletins ; appréciations et avis du conseil peuvent de nouveau être modifiés.`,
      )
    }
  }

  const nonPretes = due?.classes.filter((c) => !c.prete) ?? []
  return (
    <section aria-labelledby="titre-periode" className="carte">
      <h2 id="titre-periode" ref={titre} tabIndex={-1}>
        {periode.libelle}
      </h2>
      <p className="aide">
        Du {dateLongue(periode.debut)} au {dateLongue(periode.fin)}
      </p>
      <p>
        <strong>
          {publies
            ? `Bulletins publiés le ${horodatage(periode.bulletinsPubliesLe!)}.`
            : periode.bulletinsPubliesLe
              ? `Publication prévue le ${horodatage(periode.bulletinsPubliesLe)}.`
              : 'Bulletins non publiés.'}
        </strong>
      </p>
      {due ? (
        <Classes classes={due.classes} />
      ) : (
        !publies && (
          <p>Le point par classe (appréciations, conseil de classe) s'affiche quand la période est finie ou finit dans les trois semaines.</p>
        )
      )}
      {aConfirmer ? (
        <div role="group" aria-labelledby="confirmation-bulletins" className="confirmation-direction">
          <p id="confirmation-bulletins" tabIndex={-1}>
            {aConfirmer === 'publier' ? (
              <>
                Publier les bulletins du {periode.libelle} ? Les élèves et leurs familles pourront aussitôt les lire et les télécharger
                dans l'ENT. Tant qu'ils restent publiés, appréciations et avis du conseil de classe ne peuvent plus être modifiés.
                {nonPretes.length > 0 && ` Attention : ${pluriel(nonPretes.length, 'classe n’est pas prête', 'classes ne sont pas prêtes')}.`}
              </>
            ) : (
              <>
                Retirer la publication des bulletins du {periode.libelle} ? Les élèves et leurs familles ne pourront plus les lire
                jusqu'à la prochaine publication.
              </>
            )}
          </p>
          <button type="button" onClick={() => void confirmer()} disabled={envoi} aria-busy={envoi}>
            {envoi ? 'Envoi…' : aConfirmer === 'publier' ? 'Confirmer la publication' : 'Confirmer le retrait'}
          </button>{' '}
          <button
            type="button"
            className="secondaire"
            disabled={envoi}
            onClick={() => setAConfirmer(null)}
          >
            Annuler
          </button>
        </div>
      ) : (
        <p>
          <button
            type="button"
            ref={action}
            className={publies ? 'secondaire' : undefined}
            onClick={() => {
              setSucces(null)
              setAConfirmer(publies ? 'retirer' : 'publier')
            }}
          >
            {publies ? 'Retirer la publication' : 'Publier les bulletins'}
          </button>
        </p>
      )}
      <Alerte message={refus.message} />
      <Statut message={succes} />
    </section>
  )
}

function Classes({ classes }: { classes: ClasseBulletins[] }) {
  const pretes = classes.filter((c) => c.prete).length
  return (
    <>
      <p>
        {pretes === classes.length
          ? 'Toutes les classes sont prêtes.'
          : `${pluriel(pretes, 'classe prête', 'classes prêtes')} sur ${classes.length}.`}
      </p>
      <div className="defilement">
        <table className="tableau-direction">
          <caption className="visuellement-cache">Où en est chaque classe</caption>
          <thead>
            <tr>
              <th scope="col">Classe</th>
              <th scope="col">Appréciations manquantes</th>
              <th scope="col">Appréciations générales manquantes</th>
              <th scope="col">Conseil de classe</th>
              <th scope="col">État</th>
            </tr>
          </thead>
          <tbody>
            {classes.map((c) => (
              <tr key={c.classeId}>
                <th scope="row">
                  {c.code} <span className="aide">{pluriel(c.effectif, 'élève', 'élèves')}</span>
                </th>
                <td>{c.appreciationsManquantes}</td>
                <td>{c.appreciationsGeneralesManquantes}</td>
                <td>{c.conseilSaisi ? 'Saisi' : 'Non saisi'}</td>
                <td>
                  <span className={c.prete ? 'etat-direction pret' : 'etat-direction attente'}>
                    <span aria-hidden="true">{c.prete ? '✓ ' : '! '}</span>
                    {c.prete ? 'Prête' : 'À compléter'}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
