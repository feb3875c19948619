import { useMemo } from 'react'
import { ScolariteClient, type Moi } from '../api/ent-client'
import { useSession } from '../auth/contexte'
import { TITRE } from '../App'

/** The teacher's pages appear (navigation entry included) for a person with a teacher profile somewhere. */
export const estEnseignant = (moi: Pick<Moi, 'profils'> | null | undefined) => !!moi?.profils.some((p) => p.profil === 'enseignant')

export function useScolarite() {
  const { http } = useSession()
  return useMemo(() => new ScolariteClient('', http), [http])
}

/** How the pages leave for another address: a full load, as every link of the app (tests give their own). */
export type Aller = (chemin: string) => void
export const allerParDefaut: Aller = (chemin) => window.location.assign(chemin)

export const titreDocument = (titre: string) => `${titre} — ${TITRE}`

/** A 404 is an answer, not a failure: the record does not exist or is not the caller's. */
export async function ouAbsent<T>(appel: Promise<T>): Promise<T | null> {
  try {
    return await appel
  } catch (erreur) {
    if ((erreur as { status?: number } | null)?.status === 404) return null
    throw erreur
  }
}

/** Today in the browser's own time zone, as an HTML date input wants it (YYYY-MM-DD). */
export function aujourdhui(maintenant = new Date()): string {
  const deux = (n: number) => String(n).padStart(2, '0')
  return `${maintenant.getFullYear()}-${deux(maintenant.getMonth() + 1)}-${deux(maintenant.getDate())}`
}

const formatJour = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' })
const formatJourCourt = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** A calendar day (YYYY-MM-DD) in French; read as UTC so that no time zone moves it to the day before. */
export const formaterJour = (jour: string, court = false) => (court ? formatJourCourt : formatJour).format(new Date(`${jour}T00:00:00Z`))

/** The teacher's pages live under /enseignement: the shell hands every such path to them. */
export const estCheminEnseignement = (chemin: string) => chemin === '/enseignement' || chemin.startsWith('/enseignement/')

export const cheminService = (serviceId: string) => `/enseignement/services/${serviceId}`
export const cheminEvaluation = (evaluationId: string) => `/enseignement/evaluations/${evaluationId}`
