import { dateCourteAnnee, dateLongue } from '../commun/format'

/** A calendar day (YYYY-MM-DD) in French: « 28 novembre 2026 », or « 28 nov. 2026 » when short. */
export const formaterJour = (jour: string, court = false) => (court ? dateCourteAnnee : dateLongue)(jour)

export const cheminService = (serviceId: string) => `/enseignement/services/${serviceId}`
export const cheminModifierEvaluation = (serviceId: string, evaluationId: string) => `${cheminService(serviceId)}?modifier=${evaluationId}`
export const cheminEvaluation = (evaluationId: string) => `/enseignement/evaluations/${evaluationId}`
const avecPeriode = (chemin: string, periodeId?: string) => (periodeId ? `${chemin}?periode=${periodeId}` : chemin)
/** A service's appraisals: of the period named, else of the current one. */
export const cheminAppreciations = (serviceId: string, periodeId?: string) => avecPeriode(`${cheminService(serviceId)}/appreciations`, periodeId)
/** A class's council (head teacher): of the period named, else of the current one. */
export const cheminConseil = (classeId: string, periodeId?: string) => avecPeriode(`/enseignement/classes/${classeId}/conseil`, periodeId)
