import { useCallback, useState } from 'react'
import { Link } from 'react-router'
import type { VueCours } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { coursDuJour, joursDeLaSemaine, jourVoisin, lundiDe } from '../commun/emploiDuTemps'
import { aujourdhui as aujourdhuiParis, jourCourt } from '../commun/format'
import { ListeCours } from '../commun/ListeCours'
import { NavigationJours, useGlisser, type VueEdt } from '../commun/NavigationJours'
import { remplacerAdresse } from '../commun/suivi'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { decalerJour, jourValide } from '../commun/vieScolaire'
import { appelOuvert, cheminFeuille } from './appel'

export const CHEMIN_EDT_ENSEIGNANT = '/enseignement/emploi-du-temps'

const parametre = (nom: string) => new URLSearchParams(window.location.search).get(nom)

/**
 * /enseignement/emploi-du-temps?jour=…&vue=semaine — the teacher's lessons (their services', changes applied, and those
 * they take for a colleague), the day by default with its roll calls' state (VieScolaire's « mes cours » of that day),
 * or the week.
 */
export function MonEmploiDuTemps() {
  const aujourdhui = aujourdhuiParis()
  const [jour, setJour] = useState(() => {
    const demande = parametre('jour')
    return jourValide(demande) ? demande : aujourdhui
  })
  const [vue, setVue] = useState<VueEdt>(() => (parametre('vue') === 'semaine' ? 'semaine' : 'jour'))
  const aller = (j: string, v: VueEdt) => {
    setJour(j)
    setVue(v)
    remplacerAdresse(`${CHEMIN_EDT_ENSEIGNANT}?${new URLSearchParams({ jour: j, ...(v === 'semaine' ? { vue: 'semaine' } : {}) }).toString()}`)
  }
  const glisser = useGlisser(
    () => aller(vue === 'jour' ? jourVoisin(jour, -1) : decalerJour(lundiDe(jour), -7), vue),
    () => aller(vue === 'jour' ? jourVoisin(jour, 1) : decalerJour(lundiDe(jour), 7), vue),
  )
  return (
    <>
      <h1>Mon emploi du temps</h1>
      <NavigationJours jour={jour} vue={vue} aujourdhui={aujourdhui} changer={aller} />
      <div className="zone-glisser" {...glisser}>
        <Semaine key={lundiDe(jour)} jour={jour} vue={vue} />
      </div>
    </>
  )
}

function Semaine({ jour, vue }: { jour: string; vue: VueEdt }) {
  const { scolarite } = useApi()
  const lundi = lundiDe(jour)
  const charger = useCallback((signal: AbortSignal) => scolarite.obtenirMonEmploiDuTempsEnseignant(lundi, decalerJour(lundi, 6), signal), [scolarite, lundi])
  const [etat, recharger] = useDonnees(charger)
  const [maintenant] = useState(() => new Date())
  if (etat.statut !== 'pret') return <Attente etat={etat} recharger={recharger} />
  const cours = etat.donnees.cours
  if (vue === 'jour') return <Jour key={jour} jour={jour} cours={coursDuJour(cours, jour)} maintenant={maintenant} />
  return (
    <div className="semaine-edt">
      {joursDeLaSemaine(jour).map((j) => (
        <div key={j} className="jour-edt">
          <h3>{jourCourt(j)}</h3>
          <ListeCours cours={coursDuJour(cours, j)} maintenant={maintenant} classe vide="Pas de cours." />
        </div>
      ))}
    </div>
  )
}

/** A day with each lesson's roll call: done, to do (a link once it opens), or nothing for a cancelled lesson. */
function Jour({ jour, cours, maintenant }: { jour: string; cours: VueCours[]; maintenant: Date }) {
  const { vieScolaire } = useApi()
  const charger = useCallback((signal: AbortSignal) => vieScolaire.listerMesCours(jour, signal), [vieScolaire, jour])
  const [etat] = useDonnees(charger)
  const faits = new Set(etat.statut === 'pret' ? etat.donnees.cours.filter((c) => c.appelFait).map((c) => `${c.serviceId} ${Date.parse(c.debut)}`) : [])
  const appel = (c: VueCours) => {
    if (c.statut === 'annule' || etat.statut !== 'pret') return null
    if (faits.has(`${c.serviceId} ${Date.parse(c.debut)}`)) return <p className="aide">Appel fait ✓</p>
    return appelOuvert(c.debut, maintenant.getTime()) ? <Link to={cheminFeuille(c.serviceId, c.debut, c.fin)}>Faire l'appel</Link> : null
  }
  return <ListeCours cours={cours} maintenant={maintenant} classe apres={appel} />
}
