import { lazy } from 'react'
import type { RouteObject } from 'react-router'
import { AccueilPersonnel } from './AccueilPersonnel'
import { Coquille, ErreurRoute } from './Coquille'
import { RetourConnexion } from './auth/RetourConnexion'
import { CHEMIN_RETOUR } from './auth/oidc'
import type { PageRoute } from './commun/page'
import { PageIntrouvable } from './commun/PageIntrouvable'
import { useSession } from './auth/contexte'
import { EspacePersonnel } from './EspacePersonnel'
import { Accueil } from './public/Accueil'

// Each audience's screens are one lazy module: a family never downloads the teachers' or the staff's screens.
const famille = () => import('./famille/pages')
const enseignant = () => import('./enseignant/pages')
const etablissement = () => import('./etablissement/pages')
const compte = () => import('./compte/pages')

const Notes = lazy(() => famille().then((m) => ({ default: m.Notes })))
const Bulletins = lazy(() => famille().then((m) => ({ default: m.Bulletins })))
const Absences = lazy(() => famille().then((m) => ({ default: m.Absences })))
const MesClasses = lazy(() => enseignant().then((m) => ({ default: m.MesClasses })))
const Service = lazy(() => enseignant().then((m) => ({ default: m.Service })))
const Evaluation = lazy(() => enseignant().then((m) => ({ default: m.Evaluation })))
const MesCours = lazy(() => enseignant().then((m) => ({ default: m.MesCours })))
const FeuilleAppel = lazy(() => enseignant().then((m) => ({ default: m.FeuilleAppel })))
const VieScolaire = lazy(() => etablissement().then((m) => ({ default: m.VieScolaire })))
const MonCompte = lazy(() => compte().then((m) => ({ default: m.Compte })))

const NOTES = 'pour consulter les notes et les bulletins'
const MES_CLASSES: PageRoute = { titre: 'Mes classes', pour: 'pour retrouver vos classes et vos saisies de notes' } // each page then names itself
const APPEL: PageRoute = { titre: 'Appel', pour: "pour faire l'appel de vos cours" } // the roll call's page then names its lesson

/** The public home, or the connected person's. */
function PageAccueil() {
  return useSession().utilisateur ? <AccueilPersonnel /> : <Accueil />
}

/**
 * The app's one route table. A page's `handle` (PageRoute) gives its title, what to say without a session (`pour`),
 * and whether it needs the connected person first (`attendMoi`); the shell does the rest.
 */
export const routes: RouteObject[] = [
  {
    element: <Coquille />,
    errorElement: <ErreurRoute />,
    children: [
      {
        path: CHEMIN_RETOUR,
        element: (
          <main className="cadre">
            <RetourConnexion />
          </main>
        ),
        handle: { titre: 'Connexion' } satisfies PageRoute },
      {
        element: <EspacePersonnel />,
        errorElement: <ErreurRoute />,
        children: [
          { path: '/', element: <PageAccueil />, handle: { attendMoi: true } satisfies PageRoute },
          { path: '/index.html', element: <PageAccueil />, handle: { attendMoi: true } satisfies PageRoute },
          { path: '/compte', element: <MonCompte />, handle: { titre: 'Mon compte', pour: 'pour gérer votre compte', attendMoi: true } satisfies PageRoute },
          { path: '/notes', element: <Notes />, handle: { titre: 'Notes', pour: NOTES, attendMoi: true } satisfies PageRoute },
          { path: '/bulletins', element: <Bulletins />, handle: { titre: 'Bulletins', pour: NOTES, attendMoi: true } satisfies PageRoute },
          {
            path: '/absences',
            element: <Absences />,
            handle: { titre: 'Absences', pour: 'pour consulter les absences et les justifier', attendMoi: true } satisfies PageRoute,
          },
          { path: '/enseignement', element: <MesClasses />, handle: MES_CLASSES },
          { path: '/enseignement/services/:serviceId', element: <Service />, handle: MES_CLASSES },
          { path: '/enseignement/evaluations/:evaluationId', element: <Evaluation />, handle: MES_CLASSES },
          { path: '/enseignement/*', element: <PageIntrouvable />, handle: MES_CLASSES },
          { path: '/appel', element: <MesCours />, handle: APPEL },
          { path: '/appel/:serviceId', element: <FeuilleAppel />, handle: APPEL },
          { path: '/appel/*', element: <PageIntrouvable />, handle: APPEL },
          {
            path: '/vie-scolaire',
            element: <VieScolaire />,
            handle: { titre: 'Vie scolaire', pour: 'pour suivre les absences et examiner les justificatifs', attendMoi: true } satisfies PageRoute,
          },
          { path: '*', element: <PageIntrouvable />, handle: { titre: 'Page introuvable' } satisfies PageRoute },
        ],
      },
    ],
  },
]
