import { useSyncExternalStore } from 'react'

/**
 * A new version of the app (issue 19): announced when its worker is waiting, applied at the person's next change of
 * page — never while they fill a form, which a reload would lose. The worker is registered in production builds only
 * (main.tsx); `registerSW` is vite-plugin-pwa's (prompt mode).
 *
 * aucune → (a new worker waits) → prete: the banner shows → (next page) → application: the worker is told to take
 * over, and the page reloads when it has (or after ATTENTE_ACTIVATION_MS). A worker activated by another tab, or
 * after such a reload (controlling without our asking), leaves this one in `rechargement`: it reloads at its next
 * change of page.
 */
export type EtatMiseAJour = 'aucune' | 'prete' | 'application' | 'rechargement'

type EnregistrerSw = (options: {
  onNeedRefresh?: () => void
  onNeedReload?: () => void
  onRegisteredSW?: (url: string, registration: ServiceWorkerRegistration | undefined) => void
}) => (recharger?: boolean) => Promise<void>

/** How often an open tab asks the server whether a new version is out (the browser also asks at each full load). */
const VERIFICATION_MS = 60 * 60 * 1000
/**
 * How long the change of page waits for the new worker to take over before loading the new page anyway. Chromium
 * activates a worker told to skip waiting only once the old one has no event left for this page, which after an
 * in-app navigation can take long (seen: never, until the page unloads). Too short for anyone to start typing.
 */
export const ATTENTE_ACTIVATION_MS = 500

export function creerMiseAJour(recharger: () => void = () => window.location.reload()) {
  let etat: EtatMiseAJour = 'aucune'
  let appliquer: ((recharger?: boolean) => Promise<void>) | undefined
  let recharge = false
  // Once: the worker taking over and the delay may both ask.
  const rechargerUneFois = () => {
    if (recharge) return
    recharge = true
    recharger()
  }
  const ecouteurs = new Set<() => void>()
  const changer = (nouvel: EtatMiseAJour) => {
    etat = nouvel
    ecouteurs.forEach((e) => e())
  }

  return {
    etat: () => etat,
    abonner(ecouteur: () => void) {
      ecouteurs.add(ecouteur)
      return () => ecouteurs.delete(ecouteur)
    },
    /** Registers the worker through `registerSW` (vite-plugin-pwa's virtual:pwa-register). */
    enregistrer(registerSW: EnregistrerSw) {
      appliquer = registerSW({
        onNeedRefresh: () => {
          if (etat === 'aucune') changer('prete')
        },
        // The new worker controls the page: ours (asked at a change of page: reload now) or another tab's (later).
        onNeedReload: () => {
          if (etat === 'application') rechargerUneFois()
          else changer('rechargement')
        },
        onRegisteredSW: (_url, registration) => {
          if (registration) setInterval(() => navigator.onLine && void registration.update().catch(() => undefined), VERIFICATION_MS)
        },
      })
    },
    /** The person changed page: the moment to apply a waiting version. */
    changementDePage() {
      if (etat === 'prete' && appliquer) {
        changer('application')
        void appliquer(true)
        // The new page, loaded in full: by the new worker if it took over, else by the old one — the new one then
        // takes over once that page is gone, and this tab reloads at its next change of page (rechargement).
        setTimeout(() => {
          if (etat === 'application') rechargerUneFois()
        }, ATTENTE_ACTIVATION_MS)
      } else if (etat === 'rechargement') {
        rechargerUneFois()
      }
    },
  }
}

export type MiseAJour = ReturnType<typeof creerMiseAJour>

/** The app's one. */
export const miseAJour = creerMiseAJour()

/** In production builds, the worker; nothing in development (Vite's server) nor in tests. */
export async function enregistrerTravailleur() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  const { registerSW } = await import('virtual:pwa-register')
  miseAJour.enregistrer(registerSW)
}

export const useMiseAJour = (de: MiseAJour = miseAJour) => useSyncExternalStore(de.abonner, de.etat, () => 'aucune' as const)
