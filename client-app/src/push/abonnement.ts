/**
 * The browser's side of a push subscription (issue 19): whether this browser can receive push, this browser's
 * subscription, subscribing with the platform's VAPID key, unsubscribing. The service worker itself is registered by
 * the app's shell (src/sw.ts, vite-plugin-pwa); this only waits for it to be ready.
 */

/** Service workers, the Push API and notifications: all three, or no push on this browser. */
export function pushDisponible(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window &&
    window.isSecureContext !== false
  )
}

/** The VAPID key as the browser wants it (bytes), from its base64url text. */
export function cleEnOctets(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replaceAll('-', '+').replaceAll('_', '/')
  const brut = atob(base64)
  const octets = new Uint8Array(new ArrayBuffer(brut.length))
  for (let i = 0; i < brut.length; i++) octets[i] = brut.charCodeAt(i)
  return octets
}

/** The service worker's registration, once it is active (it may still be installing on a first visit). */
async function enregistrement(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.ready
}

export async function abonnementActuel(): Promise<PushSubscription | null> {
  return (await enregistrement()).pushManager.getSubscription()
}

/** A subscription's JSON as the server takes it ({ endpoint, keys: { p256dh, auth } }). */
export interface AbonnementJson {
  endpoint: string
  keys: { p256dh: string; auth: string }
}

export function enJson(abonnement: PushSubscription): AbonnementJson {
  const json = abonnement.toJSON()
  return { endpoint: json.endpoint ?? abonnement.endpoint, keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } }
}

/** Subscribes this browser (visible notifications only, as every browser requires) with the platform's key. */
export async function abonner(clePublique: string): Promise<PushSubscription> {
  const reg = await enregistrement()
  const existant = await reg.pushManager.getSubscription()
  if (existant) return existant
  return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: cleEnOctets(clePublique) })
}
