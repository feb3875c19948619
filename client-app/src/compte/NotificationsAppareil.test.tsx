import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { cleEnOctets } from '../push/abonnement'
import { TEXTES } from './NotificationsAppareil'

// A real-looking VAPID key (65 bytes) and this browser's subscription as the Push API gives it.
const CLE = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U'
const ICI = 'https://push.example.net/send/cet-appareil'
const AILLEURS = 'https://push.example.net/send/autre-appareil'
const json = { endpoint: ICI, expirationTime: null, keys: { p256dh: 'BPcle-du-navigateur', auth: 'secret-auth' } }
const appareil = (endpoint: string, nom: string) => ({ id: endpoint, endpoint, appareil: nom, creeLe: '2026-11-20T08:00:00Z', dernierSucces: null })
const aucune = { absences: false, notes: false, messages: false, annonces: false }

/** Service worker, PushManager and Notification as a browser has them; `abonne` says whether this browser is subscribed. */
function navigateurPush(abonne: boolean, permission: NotificationPermission = 'granted') {
  let actuel: unknown = null
  const abonnement = { endpoint: ICI, toJSON: () => json, unsubscribe: vi.fn(async () => ((actuel = null), true)) }
  if (abonne) actuel = abonnement
  const pushManager = {
    getSubscription: vi.fn(async () => actuel),
    subscribe: vi.fn(async () => ((actuel = abonnement), abonnement)),
  }
  vi.stubGlobal('PushManager', function PushManager() {})
  const requestPermission = vi.fn(async () => permission)
  vi.stubGlobal('Notification', Object.assign(function Notification() {}, { requestPermission, permission: 'default' }))
  Object.defineProperty(navigator, 'serviceWorker', { value: { ready: Promise.resolve({ pushManager }) }, configurable: true })
  return { pushManager, abonnement, requestPermission }
}

async function carte(routes: Record<string, Route>) {
  const appels = fauxServeur({ 'GET /api/identite/me': { body: eleveSeul }, 'GET /api/identite/me/appareils': { body: [] }, ...routes })
  render(<App chemin="/compte" gestionnaire={fauxGestionnaire(utilisateur('Inès Durand'))} />)
  return { appels, region: await screen.findByRole('region', { name: TEXTES.titre }) }
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  Reflect.deleteProperty(navigator, 'serviceWorker')
})

describe('notifications on this device (push)', () => {
  it('subscribes this browser with the platform key after asking permission, then lists it as this device', async () => {
    const { pushManager, requestPermission } = navigateurPush(false)
    let appareils = [appareil(AILLEURS, 'Firefox sur Windows')]
    const { appels, region } = await carte({
      'GET /api/communication/push/cle-publique': { body: { clePublique: CLE } },
      'GET /api/communication/me/push/abonnements': () => ({ body: appareils }),
      'GET /api/communication/me/preferences-push': { body: aucune },
      'POST /api/communication/me/push/abonnements': () => {
        appareils = [appareil(ICI, 'Chrome sur Android'), ...appareils]
        return { body: appareils[0] }
      },
    })
    expect(await within(region).findByText(TEXTES.inactif)).toBeTruthy()
    expect(within(region).getByText(/Firefox sur Windows/)).toBeTruthy()

    fireEvent.click(within(region).getByRole('button', { name: TEXTES.activer }))

    expect(await within(region).findByText(TEXTES.activees)).toBeTruthy()
    expect(requestPermission).toHaveBeenCalled()
    expect(pushManager.subscribe).toHaveBeenCalledWith({ userVisibleOnly: true, applicationServerKey: cleEnOctets(CLE) })
    expect(appels.find((a) => a.route === 'POST /api/communication/me/push/abonnements')?.corps).toEqual({
      endpoint: ICI,
      keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
    })
    await within(region).findByText(TEXTES.actif)
    const ligne = within(region).getByText(/Chrome sur Android/).closest('li')!
    expect(within(ligne).getByText(TEXTES.cetAppareil)).toBeTruthy()
  })

  it('says how to allow notifications when the browser refuses, and posts nothing', async () => {
    const { pushManager } = navigateurPush(false, 'denied')
    const { appels, region } = await carte({
      'GET /api/communication/push/cle-publique': { body: { clePublique: CLE } },
      'GET /api/communication/me/push/abonnements': { body: [] },
      'GET /api/communication/me/preferences-push': { body: aucune },
    })
    fireEvent.click(await within(region).findByRole('button', { name: TEXTES.activer }))
    expect((await within(region).findByRole('alert')).textContent).toBe(TEXTES.refuse)
    expect(pushManager.subscribe).not.toHaveBeenCalled()
    expect(appels.some((a) => a.route.startsWith('POST'))).toBe(false)
  })

  it('deactivates this device: removed on the server, unsubscribed in the browser', async () => {
    const { abonnement } = navigateurPush(true)
    let appareils = [appareil(ICI, 'Chrome sur Android')]
    const supprimer = `DELETE /api/communication/me/push/abonnements?endpoint=${encodeURIComponent(ICI)}`
    const { appels, region } = await carte({
      'GET /api/communication/push/cle-publique': { body: { clePublique: CLE } },
      'GET /api/communication/me/push/abonnements': () => ({ body: appareils }),
      'GET /api/communication/me/preferences-push': { body: aucune },
      [supprimer]: () => ((appareils = []), { status: 204 }),
    })
    fireEvent.click(await within(region).findByRole('button', { name: TEXTES.desactiver }))
    expect(await within(region).findByText(TEXTES.desactivees)).toBeTruthy()
    expect(appels.some((a) => a.route === supprimer)).toBe(true)
    expect(abonnement.unsubscribe).toHaveBeenCalled()
    expect(await within(region).findByText(TEXTES.aucunAppareil)).toBeTruthy()
  })

  it('saves the kinds chosen as push', async () => {
    navigateurPush(true)
    const { appels, region } = await carte({
      'GET /api/communication/push/cle-publique': { body: { clePublique: CLE } },
      'GET /api/communication/me/push/abonnements': { body: [appareil(ICI, 'Chrome sur Android')] },
      'GET /api/communication/me/preferences-push': { body: aucune },
      'PUT /api/communication/me/preferences-push': (init) => ({ body: JSON.parse(String(init?.body)) }),
    })
    fireEvent.click(await within(region).findByLabelText('Absences et retards'))
    fireEvent.click(within(region).getByLabelText('Annonces'))
    fireEvent.click(within(region).getByRole('button', { name: TEXTES.enregistrer }))
    expect(await within(region).findByText(TEXTES.enregistres)).toBeTruthy()
    expect(appels.find((a) => a.route === 'PUT /api/communication/me/preferences-push')?.corps).toEqual({
      absences: true,
      notes: false,
      messages: false,
      annonces: true,
    })
  })

  it('is hidden with an explanation when the browser has no Push API, and asks the server nothing', async () => {
    const { appels, region } = await carte({})
    expect(within(region).getByText(TEXTES.indisponible)).toBeTruthy()
    expect(within(region).queryByRole('button')).toBeNull()
    await waitFor(() => expect(appels.some((a) => a.route.includes('/push'))).toBe(false))
  })

  it('says push is not offered when the platform has it off (404 on the public key)', async () => {
    navigateurPush(false)
    const { region } = await carte({})
    expect(await within(region).findByText(TEXTES.desactivePlateforme)).toBeTruthy()
    expect(within(region).queryByRole('button')).toBeNull()
  })
})
