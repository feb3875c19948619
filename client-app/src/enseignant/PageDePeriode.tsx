import { useCallback, useEffect, type ReactNode } from 'react'
import { Link, useSearchParams } from 'react-router'
import type { PeriodeScolaire } from '../api/ent-client'
import { Attente } from '../commun/Attente'
import { ouIntrouvable } from '../commun/appels'
import { aujourdhui } from '../commun/format'
import { useMoi } from '../commun/page'
import { titreDocument } from '../commun/titre'
import { useApi } from '../commun/useApi'
import { useDonnees } from '../commun/useDonnees'
import { FilAriane } from './composants'
import { periodeDemandee } from './periodes'

/** The UAI of the school the teacher teaches in (its periods are the service's). */
export const uaiEnseignant = (moi: ReturnType<typeof useMoi>) => (moi.profils.find((p) => p.profil === 'enseignant') ?? moi.profils[0])?.uai

/** What a period's page has loaded: the school's periods, the one shown, and the page's own data for it. */
export interface DonneesDePeriode<T> {
  periodes: PeriodeScolaire[]
  periode: PeriodeScolaire
  donnees: T
}

/**
 * A teacher's page about one period (?periode=, else the current one): the school's periods, then the page's own data
 * for that period (a 404 reads as « introuvable »); meanwhile the page says it waits, and when the service, the class
 * or the period is not theirs it says so with a way back. `chargerPeriode` must be memoized by the caller.
 */
export function PageDePeriode<T>({
  titre,
  introuvable,
  pourquoi,
  chargerPeriode,
  children,
}: {
  titre: string
  introuvable: string
  pourquoi: string
  chargerPeriode: (periodeId: string, signal: AbortSignal) => Promise<T>
  children: (donnees: DonneesDePeriode<T>) => ReactNode
}) {
  const client = useApi().scolarite
  const uai = uaiEnseignant(useMoi())
  const demandee = useSearchParams()[0].get('periode')
  const charger = useCallback(
    async (signal: AbortSignal): Promise<DonneesDePeriode<T> | null> => {
      const periodes = uai ? await client.listerPeriodes(uai, undefined, signal) : []
      const periode = periodeDemandee(periodes, demandee, aujourdhui())
      const donnees = periode ? await ouIntrouvable(chargerPeriode(periode.id, signal)) : null
      return periode && donnees ? { periodes, periode, donnees } : null
    },
    [client, uai, demandee, chargerPeriode],
  )
  const [etat, recharger] = useDonnees(charger)

  useEffect(() => {
    if (etat.statut !== 'pret' || !etat.donnees) document.title = titreDocument(titre)
  }, [etat, titre])

  if (etat.statut !== 'pret') {
    return (
      <>
        <FilAriane etapes={[{ libelle: 'Mes classes', chemin: '/enseignement' }, { libelle: titre }]} />
        <h1>{titre}</h1>
        <Attente etat={etat} recharger={recharger} />
      </>
    )
  }
  if (!etat.donnees) {
    return (
      <>
        <h1>{introuvable}</h1>
        <p>{pourquoi}</p>
        <p>
          <Link to="/enseignement">Retour à mes classes</Link>
        </p>
      </>
    )
  }
  return children(etat.donnees)
}
