import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { CoursDuJour, ServiceAppel } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { Link, useNavigate } from 'react-router'
import { titreDocument } from '../commun/titre'
import { aujourdhui, heure, horaire, jourCourt, jourLong } from '../commun/format'
import { useDonnees } from '../commun/useDonnees'
import { appelOuvert, changementCours, cheminFeuille, coursHorsEmploiDuTemps } from './appel'
import { cheminCahier } from './cahierDeTextes'
import { CHEMIN_APPEL, decalerJour, jourValide } from '../commun/vieScolaire'
import '../commun/viescolaire.css'
import { useApi } from '../commun/useApi'

const cheminJour = (jour: string, auJourdhui: string) => (jour === auJourdhui ? CHEMIN_APPEL : `${CHEMIN_APPEL}?date=${jour}`)

/** /appel?date=…: the teacher's lessons of a day in timetable order, each with its roll call's state; « Autre cours » for one off the timetable. */
export function MesCours() {
  const client = useApi().vieScolaire
  const [demande] = useState(() => {
    const date = new URLSearchParams(window.location.search).get('date')
    return jourValide(date) ? date : undefined
  })
  const charger = useCallback((signal: AbortSignal) => client.listerMesCours(demande, signal), [client, demande])
  const [etat, recharger] = useDonnees(charger)

  useEffect(() => {
    document.title = titreDocument('Appel')
  }, [])

  if (etat.statut !== 'pret') {
    return (
      <>
        <h1>Appel</h1>
        <Attente etat={etat} recharger={recharger} />
      </>
    )
  }

  const { date, cours, services } = etat.donnees
  const auJourdhui = aujourdhui()
  return (
    <>
      <h1>Appel</h1>
      <p className="situation">{date === auJourdhui ? `Aujourd'hui, ${jourLong(date)}` : jourLong(date)}</p>
      <nav aria-label="Autres jours" className="jours">
        <Link to={cheminJour(decalerJour(date, -1), auJourdhui)}>
          <span aria-hidden="true">← </span>Jour précédent<span className="visuellement-cache"> ({jourCourt(decalerJour(date, -1))})</span>
        </Link>
        {date !== auJourdhui && <Link to={CHEMIN_APPEL}>Aujourd'hui</Link>}
        <Link to={cheminJour(decalerJour(date, 1), auJourdhui)}>
          Jour suivant<span className="visuellement-cache"> ({jourCourt(decalerJour(date, 1))})</span>
          <span aria-hidden="true"> →</span>
        </Link>
      </nav>
      <section aria-labelledby="titre-cours-du-jour">
        <h2 id="titre-cours-du-jour">Cours du jour</h2>
        {cours.length === 0 ? (
          <p>Aucun cours à votre emploi du temps ce jour-là.</p>
        ) : (
          <ul className="cartes">
            {cours.map((c) => (
              <Cours key={`${c.serviceId} ${c.debut}`} cours={c} />
            ))}
          </ul>
        )}
      </section>
      {date === auJourdhui && services.length > 0 && <AutreCours services={services} />}
    </>
  )
}

/**
 * A lesson's card: its time and room, what the timetable's changes did to it (cancelled: struck, no roll call; moved;
 * replaced), its roll call's state, and the link to the roll call once open — when the roll call is the caller's to take.
 */
export function Cours({ cours: c, titre: Titre = 'h3' }: { cours: CoursDuJour; titre?: 'h3' | 'h4' }) {
  const ouvert = appelOuvert(c.debut)
  const possible = c.appelPossible !== false
  const annule = c.statut === 'annule'
  const changement = changementCours(c)
  const nom = annule ? <del>{c.cours}</del> : c.cours
  return (
    <li className={c.appelFait ? 'carte cours appel-fait' : annule ? 'carte cours annule' : 'carte cours'}>
      <Titre>{ouvert && possible ? <Link to={cheminFeuille(c.serviceId, c.debut, c.fin)}>{c.cours}</Link> : nom}</Titre>
      <p>
        <time dateTime={c.debut}>{horaire(c.debut, c.fin)}</time>
        {c.salle && ` · ${c.salle}`}
      </p>
      {changement && <p className="changement-cours">{changement}</p>}
      {possible && (
        <p className="etat-cours">
          {c.appelFait ? (
            <strong>
              Appel fait <span aria-hidden="true">✓</span>
            </strong>
          ) : ouvert ? (
            'Appel à faire'
          ) : (
            `L'appel s'ouvre à ${heure(new Date(Date.parse(c.debut) - 15 * 60_000).toISOString())}`
          )}
        </p>
      )}
      {/* The cahier de textes is the service's teacher's: a replacing teacher takes the roll call, not the page. */}
      {!c.remplacant && (
        <p>
          <Link to={cheminCahier(c.serviceId, c.debut, c.fin)}>
            Cahier de textes<span className="visuellement-cache"> : {c.cours}, {horaire(c.debut, c.fin)}</span>
          </Link>
        </p>
      )}
    </li>
  )
}

/** A lesson off the timetable (a replacement, an extra session): it starts now, for 55 minutes. */
function AutreCours({ services }: { services: ServiceAppel[] }) {
  const aller = useNavigate()
  const [serviceId, setServiceId] = useState(services[0].serviceId)
  const commencer = (e: FormEvent) => {
    e.preventDefault()
    const { debut, fin } = coursHorsEmploiDuTemps()
    aller(cheminFeuille(serviceId, debut, fin))
  }
  return (
    <section aria-labelledby="titre-autre-cours" className="carte formulaire">
      <h2 id="titre-autre-cours">Autre cours</h2>
      <p className="aide" id="aide-autre-cours">
        Pour un cours hors de l'emploi du temps (remplacement, séance en plus) : il commence maintenant, pour 55 minutes.
      </p>
      <form onSubmit={commencer}>
        <div className="champ">
          <label htmlFor="autre-cours">Cours</label>
          <select id="autre-cours" value={serviceId} onChange={(e) => setServiceId(e.target.value)} aria-describedby="aide-autre-cours">
            {services.map((s) => (
              <option key={s.serviceId} value={s.serviceId}>
                {s.cours}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Faire l'appel maintenant</button>
      </form>
    </section>
  )
}
