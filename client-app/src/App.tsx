import { useState } from 'react'
import { createBrowserRouter, RouterProvider } from 'react-router'
import { creerGestionnaire } from './auth/differe'
import type { Gestionnaire } from './auth/contexte'
import { SessionProvider } from './auth/SessionProvider'
import { routes } from './routes'

export { TITRE } from './commun/titre'

let gestionnaireUnique: Gestionnaire | undefined
/** One UserManager per tab: it alone renews the tokens, so two renewals never race with the same refresh token. */
const gestionnaireParDefaut = () => (gestionnaireUnique ??= creerGestionnaire())

/**
 * The app: the session, then the route table (routes.tsx) in the browser's history. The host answers index.html for
 * every client route; links then navigate in the page. `chemin` (tests) starts elsewhere than the address bar's path.
 */
export function App({ chemin, gestionnaire }: { chemin?: string; gestionnaire?: Gestionnaire }) {
  const [routeur] = useState(() => {
    if (chemin !== undefined && chemin !== window.location.pathname) window.history.replaceState(null, '', chemin)
    return createBrowserRouter(routes)
  })
  return (
    <SessionProvider gestionnaire={gestionnaire ?? gestionnaireParDefaut()}>
      <RouterProvider router={routeur} />
    </SessionProvider>
  )
}
