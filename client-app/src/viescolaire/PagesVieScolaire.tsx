import type { Aller } from '../enseignement/commun'
import { PageIntrouvable } from '../PageIntrouvable'
import { Appel } from './Appel'
import { CHEMIN_APPEL, type PageVieScolaire } from './commun'
import { MesCours } from './MesCours'

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
const FEUILLE = new RegExp(`^${CHEMIN_APPEL}/(${GUID})/?$`)

/** /appel (the teacher's day) and /appel/{serviceId}?debut=…&fin=… (a lesson's roll call). */
export function PagesAppel({ chemin, aller }: { chemin: string; aller?: Aller }) {
  if (chemin === CHEMIN_APPEL || chemin === `${CHEMIN_APPEL}/`) return <MesCours aller={aller} />
  const feuille = FEUILLE.exec(chemin)
  if (feuille) return <Appel serviceId={feuille[1].toLowerCase()} />
  return <PageIntrouvable />
}

const TEXTES: Record<PageVieScolaire, [string, string]> = {
  appel: ['Appel', "pour faire l'appel de vos cours"],
  'vie-scolaire': ['Vie scolaire', 'pour suivre les absences et examiner les justificatifs'],
}

/** A vie scolaire page reached without a session (a bookmark, or the session ended): say how to reach it. */
export function VieScolaireNonConnecte({ page }: { page: PageVieScolaire }) {
  const [titre, pour] = TEXTES[page]
  return (
    <>
      <h1>{titre}</h1>
      <p>Connectez-vous avec le bouton « Se connecter » en haut de la page {pour}.</p>
      <p>
        <a href="/">Retour à l'accueil</a>
      </p>
    </>
  )
}
