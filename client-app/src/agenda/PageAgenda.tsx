import { useCallback, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { Moi } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { aujourdhui } from '../commun/format'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { debutMois, etablissementsPersonnel, finMois, libelleMois } from './calendrier'
import { ListeAgenda, NavigationPeriode } from './ListeAgenda'
import './agenda.css'

/**
 * /agenda: the school calendar's events that concern the connected person, three months at a time from this month: a
 * pupil's (their établissement's and their classes'), a guardian's (each child's, named), a teacher's (their classes').
 * Staff also reach their établissement's whole calendar. « ?jour=yyyy-mm-dd » (a notification's link) opens at that
 * day's month.
 */
export function PageAgenda({ moi, maintenant }: { moi: Moi; maintenant?: Date }) {
  const { communication } = useApi()
  const [parametres] = useSearchParams()
  const jour = parametres.get('jour')
  const [debut, setDebut] = useState(() => debutMois(jour && /^\d{4}-\d{2}-\d{2}$/.test(jour) ? jour : aujourdhui(maintenant)))
  const fin = finMois(debutMois(debut, 2))
  const charger = useCallback((signal: AbortSignal) => communication.listerMesEvenements(debut, fin, signal), [communication, debut, fin])
  const [etat, recharger] = useDonnees(charger)
  const etablissements = etablissementsPersonnel(moi)

  return (
    <>
      <h1>Agenda</h1>
      <p>Conseils de classe, réunions, sorties, examens et vacances qui vous concernent.</p>
      {etablissements.length > 0 && (
        <p>
          <Link to="/agenda/etablissement">Calendrier de l'établissement (toutes les classes)</Link>
        </p>
      )}
      <NavigationPeriode libelle={`De ${libelleMois(debut).toLowerCase()} à ${libelleMois(fin).toLowerCase()}`} decaler={(n) => setDebut(debutMois(debut, n))} />
      {etat.statut !== 'pret' ? <Attente etat={etat} recharger={recharger} /> : <ListeAgenda evenements={etat.donnees} depuis={debut} />}
    </>
  )
}
