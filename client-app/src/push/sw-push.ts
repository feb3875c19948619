/**
 * The service worker's part of Web Push (issue 19): a push from Ent shows a notification; a click opens (or focuses)
 * the page it is about, on Ent's own origin only. Imported by the service worker (`src/sw.ts`); written as a module
 * with its own small types so that it compiles in the app's project (lib DOM) as well as in the worker's (WebWorker).
 *
 * The payload is what the server sends (`DistributionPush`): `{ titre, texte, lien, cle }`. The tag is the message's
 * key: a message delivered twice (a retry after a lost answer) replaces itself instead of showing twice.
 */

/** What the server sends, encrypted for this browser. */
export interface ContenuPush {
  titre?: string
  texte?: string
  lien?: string | null
  cle?: string
}

// ---- The few service-worker types used here (the WebWorker lib's, narrowed). ----
interface EvenementAttente extends Event {
  waitUntil(promesse: Promise<unknown>): void
}
export interface EvenementPush extends EvenementAttente {
  readonly data: { json(): unknown; text(): string } | null
}
export interface EvenementClic extends EvenementAttente {
  readonly notification: { close(): void; readonly data: unknown }
}
interface FenetreClient {
  readonly url: string
  focus(): Promise<unknown>
  navigate?(url: string): Promise<unknown>
}
export interface PorteeServiceWorker {
  readonly location: { readonly origin: string }
  readonly registration: {
    showNotification(titre: string, options: NotificationOptions & { data?: unknown }): Promise<void>
  }
  readonly clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly FenetreClient[]>
    openWindow(url: string): Promise<unknown>
  }
  addEventListener(type: 'push', ecouteur: (e: EvenementPush) => void): void
  addEventListener(type: 'notificationclick', ecouteur: (e: EvenementClic) => void): void
}

export const TITRE_PAR_DEFAUT = 'Ent'
export const TEXTE_PAR_DEFAUT = 'Vous avez une nouvelle notification.'
export const ICONE = '/icons/icone-192.png'

/** The payload, or the defaults when it is missing or not JSON (a notification must show: userVisibleOnly). */
export function lireContenu(donnees: EvenementPush['data']): ContenuPush {
  if (!donnees) return {}
  try {
    const valeur = donnees.json()
    return valeur && typeof valeur === 'object' ? (valeur as ContenuPush) : {}
  } catch {
    return {}
  }
}

/** The link to open: the payload's, on this origin only; anything else (another site, garbage) opens the home page. */
export function lienSur(origine: string, lien: unknown): string {
  if (typeof lien !== 'string' || lien === '') return `${origine}/`
  try {
    const url = new URL(lien, origine)
    return url.origin === origine ? url.href : `${origine}/`
  } catch {
    return `${origine}/`
  }
}

export function afficher(portee: PorteeServiceWorker, contenu: ContenuPush): Promise<void> {
  return portee.registration.showNotification(contenu.titre || TITRE_PAR_DEFAUT, {
    body: contenu.texte || TEXTE_PAR_DEFAUT,
    icon: ICONE,
    tag: contenu.cle || undefined,
    data: { lien: lienSur(portee.location.origin, contenu.lien) },
  })
}

/** Focuses a window already on the page, else brings one of Ent's windows there, else opens one. */
export async function ouvrir(portee: PorteeServiceWorker, lien: string): Promise<void> {
  const fenetres = await portee.clients.matchAll({ type: 'window', includeUncontrolled: true })
  const memePage = fenetres.find((f) => f.url === lien)
  if (memePage) {
    await memePage.focus()
    return
  }
  const uneFenetre = fenetres.find((f) => f.url.startsWith(`${portee.location.origin}/`) && f.navigate)
  if (uneFenetre?.navigate) {
    await uneFenetre.navigate(lien)
    await uneFenetre.focus()
    return
  }
  await portee.clients.openWindow(lien)
}

export function ecouterPush(portee: PorteeServiceWorker): void {
  portee.addEventListener('push', (e) => {
    e.waitUntil(afficher(portee, lireContenu(e.data)))
  })
  portee.addEventListener('notificationclick', (e) => {
    e.notification.close()
    const donnees = e.notification.data as { lien?: unknown } | null
    e.waitUntil(ouvrir(portee, lienSur(portee.location.origin, donnees?.lien)))
  })
}

declare const self: PorteeServiceWorker & object

// In a service worker only (the app's tests import the functions above without a worker around them).
if (typeof self !== 'undefined' && 'registration' in self && 'clients' in self) {
  ecouterPush(self)
}
