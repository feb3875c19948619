/// <reference lib="webworker" />
// Ent's service worker (issue 19), built by vite-plugin-pwa (injectManifest) from Workbox's modules: no caching is
// written by hand. What it keeps: the app shell (precached: the page, the entry's script and style, the icons) and the
// screens' hashed files once used. What it never keeps: any answer of the API — personal data must not sit in a Cache
// Storage shared by whoever uses the browser and keyed by address only. The last data read, per person, is kept by the
// app itself (src/hors-ligne/).
import { clientsClaim } from 'workbox-core'
import { ExpirationPlugin } from 'workbox-expiration'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { CacheFirst } from 'workbox-strategies'
import { ADRESSES_DU_SERVEUR } from './hors-ligne/adressesServeur'
import './push/sw-push'

declare let self: ServiceWorkerGlobalScope

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()


// A navigation inside the app (typed address, reload, the installed app's start) gets the precached page, also
// offline; the router then shows the route.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: ADRESSES_DU_SERVEUR }))

// The screens of each audience (lazy chunks) are named by content hash: kept once fetched, so that a page already
// opened still opens offline after a restart. Bounded; replaced as new versions name new files.
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && url.pathname.startsWith('/assets/') && request.method === 'GET',
  new CacheFirst({
    cacheName: 'ent-ecrans',
    plugins: [new ExpirationPlugin({ maxEntries: 120, maxAgeSeconds: 60 * 60 * 24 * 60, purgeOnQuotaError: true })],
  }),
)

// A new version waits until the page asks (src/hors-ligne/miseAJour.ts: at the next change of page, never mid-form).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})

// The first install takes the open pages at once: offline works from the first visit, not the second.
clientsClaim()
