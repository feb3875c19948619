import { useCallback, useEffect, useRef, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { AppelNonFait, RelanceAppel } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { aujourdhui, horaire, horodatage, jourCourt, jourLong, pluriel } from '../commun/format'
import { useMoi } from '../commun/page'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { useEnvoi } from '../commun/useEnvoi'
import { CHEMIN_TABLEAU, decalerJour, jourValide } from '../commun/vieScolaire'
import '../commun/viescolaire.css'
import { CHEMIN_APPELS, useUaiVieScolaire } from './bureau'

const cle = (a: AppelNonFait) => `${a.serviceId} ${a.debut}`
const cheminJour = (jour: string) => (jour === aujourdhui() ? CHEMIN_APPELS : `${CHEMIN_APPELS}?date=${jour}`)

/** /vie-scolaire/appels?date=…: the day's lessons started without their roll call, each with « Relancer » its teacher. */
export function AppelsManquants() {
  const moi = useMoi()
  const uai = useUaiVieScolaire(moi)
  const [params] = useSearchParams()
  const demandee = params.get('date')
  const date = jourValide(demandee) ? demandee : aujourdhui()
  return (
    <>
      <h1>Appels non faits</h1>
      <p className="situation">{date === aujourdhui() ? `Aujourd'hui, ${jourLong(date)}` : jourLong(date)}</p>
      <nav aria-label="Autres jours" className="jours">
        <Link to={cheminJour(decalerJour(date, -1))}>
          <span aria-hidden="true">← </span>Jour précédent<span className="visuellement-cache"> ({jourCourt(decalerJour(date, -1))})</span>
        </Link>
        {date !== aujourdhui() && <Link to={CHEMIN_APPELS}>Aujourd'hui</Link>}
      </nav>
      {uai ? (
        <ListeAppelsNonFaits uai={uai} date={date} titre="Cours sans appel" />
      ) : (
        <p>Cette page est réservée à la vie scolaire des établissements (CPE, direction).</p>
      )}
      <p>
        <Link to={CHEMIN_TABLEAU}>Retour au tableau de la vie scolaire</Link>
      </p>
    </>
  )
}

/**
 * The lessons of a day started without their roll call, with the class, subject, time and teacher; « Relancer »
 * sends the teacher one reminder (the desk's one per lesson), and a reminded lesson says by whom and when.
 */
export function ListeAppelsNonFaits({ uai, date, titre }: { uai: string; date: string; titre: string }) {
  const client = useApi().vieScolaire
  const charger = useCallback((signal: AbortSignal) => client.listerAppelsNonFaits(uai, date, signal), [client, uai, date])
  const [etat, recharger] = useDonnees(charger)
  const [relances, setRelances] = useState<Record<string, RelanceAppel>>({})
  const [succes, setSucces] = useState<string | null>(null)
  const [derniere, setDerniere] = useState<string | null>(null)

  const relancee = (a: AppelNonFait, relance: RelanceAppel, message: string) => {
    setRelances((r) => ({ ...r, [cle(a)]: relance }))
    setSucces(message)
    setDerniere(cle(a))
  }

  return (
    <section aria-labelledby="titre-appels-non-faits" className="carte section-tableau">
      <h2 id="titre-appels-non-faits">{titre}</h2>
      <p role="status" className={succes ? 'succes' : 'statut-vide'}>
        {succes}
      </p>
      {etat.statut !== 'pret' ? (
        <Attente etat={etat} recharger={recharger} />
      ) : etat.donnees.length === 0 ? (
        <p>Tous les appels des cours commencés ont été faits.</p>
      ) : (
        <>
          <p>{pluriel(etat.donnees.length, 'cours commencé attend son appel', 'cours commencés attendent leur appel')}.</p>
          <ul className="lignes">
            {etat.donnees.map((a) => (
              <LigneAppel
                key={cle(a)}
                appel={a}
                uai={uai}
                relance={relances[cle(a)] ?? a.relance}
                focaliser={derniere === cle(a)}
                relancee={(r, m) => relancee(a, r, m)}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function LigneAppel({
  appel: a,
  uai,
  relance,
  focaliser,
  relancee,
}: {
  appel: AppelNonFait
  uai: string
  relance: RelanceAppel | undefined
  focaliser: boolean
  relancee: (relance: RelanceAppel, message: string) => void
}) {
  const client = useApi().vieScolaire
  const { envoyer, envoi, refus } = useEnvoi()
  const suivi = useRef<HTMLParagraphElement>(null)
  const cours = `${a.matiere} — ${a.classe}`

  useEffect(() => {
    // The button is gone: the keyboard resumes at what replaced it.
    if (focaliser) suivi.current?.focus()
  }, [focaliser])

  const relancer = async () => {
    const r = await envoyer(() => client.relancerAppel(uai, a.serviceId, { debut: a.debut }))
    if (!r) return
    relancee(
      { par: r.par, le: r.le },
      r.dejaRelance
        ? `${a.enseignant} avait déjà été relancé·e pour ${cours} par ${r.par}.`
        : `${a.enseignant} a reçu un rappel pour l'appel de ${cours} (${horaire(a.debut, a.fin)}).`,
    )
  }

  return (
    <li>
      <p>
        <strong>{cours}</strong>
      </p>
      <p>
        <time dateTime={a.debut}>{horaire(a.debut, a.fin)}</time> · {a.enseignant}
        {a.salle && ` · ${a.salle}`}
      </p>
      {relance ? (
        <p ref={suivi} tabIndex={-1} className="aide">
          Relancé par {relance.par}, <time dateTime={relance.le}>{horodatage(relance.le)}</time>
        </p>
      ) : (
        <div className="actions">
          <button type="button" className="secondaire" disabled={envoi} onClick={() => void relancer()} aria-label={`Relancer ${a.enseignant} pour l'appel de ${cours} à ${horaire(a.debut, a.fin)}`}>
            {envoi ? 'Envoi…' : 'Relancer'}
          </button>
        </div>
      )}
      {refus.message && (
        <p role="alert" className="erreur">
          {refus.message}
        </p>
      )}
    </li>
  )
}
