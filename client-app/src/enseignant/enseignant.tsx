import { useParams } from 'react-router'
import { PageIntrouvable } from '../commun/PageIntrouvable'
import { AccueilEnseignant } from './AccueilEnseignant'
import { CahierDeTextesService } from './CahierDeTextes'
import { CahierDeTextesClasse } from './CahierDeTextesClasse'
import { Appel } from './Appel'
import { PageAppreciations } from './Appreciations'
import { PageConseil } from './Conseil'
import { GrilleSaisie } from './GrilleSaisie'
import { MesClasses } from './MesClasses'
import { MesCours } from './MesCours'
import { MonEmploiDuTemps } from './MonEmploiDuTemps'
import { ServiceEvaluations } from './ServiceEvaluations'

/** The teachers' screens, as the route table (routes.tsx) loads them: one lazy module. */

export { MesClasses, MesCours, MonEmploiDuTemps }

/** The home page's blocks for a teacher: today's lessons and the work to do. */
export const BlocsAccueil = AccueilEnseignant

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** The route's identifier, lower-cased, or null when it is not one (the page is then « introuvable »). */
function useIdentifiant(nom: string): string | null {
  const valeur = useParams()[nom] ?? ''
  return GUID.test(valeur) ? valeur.toLowerCase() : null
}

/** /enseignement/services/{id}: a service's assessments. */
export function Service() {
  const id = useIdentifiant('serviceId')
  return id ? <ServiceEvaluations serviceId={id} /> : <PageIntrouvable />
}

/** /enseignement/services/{id}/cahier-de-textes?debut=…&fin=…: a lesson's page of the cahier de textes. */
export function CahierDeTextesEnseignant() {
  const id = useIdentifiant('serviceId')
  return id ? <CahierDeTextesService serviceId={id} /> : <PageIntrouvable />
}

/** /enseignement/classes/{id}/cahier-de-textes: a class's whole cahier de textes. */
export function CahierDeTextesDeClasse() {
  const id = useIdentifiant('classeId')
  return id ? <CahierDeTextesClasse classeId={id} /> : <PageIntrouvable />
}

/** /enseignement/evaluations/{id}: the grade grid. */
export function Evaluation() {
  const id = useIdentifiant('evaluationId')
  return id ? <GrilleSaisie evaluationId={id} /> : <PageIntrouvable />
}

/** /appel/{serviceId}?debut=…&fin=…: a lesson's roll call. */
export function FeuilleAppel() {
  const id = useIdentifiant('serviceId')
  return id ? <Appel serviceId={id} /> : <PageIntrouvable />
}

/** /enseignement/services/{id}/appreciations?periode=…: a service's appraisals for a period. */
export function Appreciations() {
  const id = useIdentifiant('serviceId')
  return id ? <PageAppreciations serviceId={id} /> : <PageIntrouvable />
}

/** /enseignement/classes/{id}/conseil?periode=…: the class council (head teacher). */
export function ConseilClasse() {
  const id = useIdentifiant('classeId')
  return id ? <PageConseil classeId={id} /> : <PageIntrouvable />
}
