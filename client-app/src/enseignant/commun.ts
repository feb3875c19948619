import { dateCourteAnnee, dateLongue } from '../commun/format'

/** A calendar day (YYYY-MM-DD) in French: « 28 novembre 2026 », or « 28 nov. 2026 » when short. */
export const formaterJour = (jour: string, court = false) => (court ? dateCourteAnnee : dateLongue)(jour)

export const cheminService = (serviceId: string) => `/enseignement/services/${serviceId}`
export const cheminEvaluation = (evaluationId: string) => `/enseignement/evaluations/${evaluationId}`
