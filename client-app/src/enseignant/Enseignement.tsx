import { PageIntrouvable } from '../commun/PageIntrouvable'
import type { Aller } from './commun'
import { GrilleSaisie } from './GrilleSaisie'
import { MesClasses } from './MesClasses'
import { ServiceEvaluations } from './ServiceEvaluations'

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
const SERVICE = new RegExp(`^/enseignement/services/(${GUID})/?$`)
const EVALUATION = new RegExp(`^/enseignement/evaluations/(${GUID})/?$`)

/** /enseignement (Mes classes), /enseignement/services/{id} (assessments), /enseignement/evaluations/{id} (the grid). */
export function Enseignement({ chemin, aller }: { chemin: string; aller?: Aller }) {
  if (chemin === '/enseignement' || chemin === '/enseignement/') return <MesClasses />
  const service = SERVICE.exec(chemin)
  if (service) return <ServiceEvaluations serviceId={service[1].toLowerCase()} aller={aller} />
  const evaluation = EVALUATION.exec(chemin)
  if (evaluation) return <GrilleSaisie evaluationId={evaluation[1].toLowerCase()} />
  return <PageIntrouvable />
}

/** A teacher's page reached without a session (a bookmark, or the session ended): say how to reach it. */
export function EnseignementNonConnecte() {
  return (
    <>
      <h1>Mes classes</h1>
      <p>Connectez-vous avec le bouton « Se connecter » en haut de la page pour retrouver vos classes et vos saisies de notes.</p>
      <p>
        <a href="/">Retour à l'accueil</a>
      </p>
    </>
  )
}
