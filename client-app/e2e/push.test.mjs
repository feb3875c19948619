// End-to-end, Web Push (issue 19): a guardian activates notifications on this device in « Mon compte » and chooses
// push for absences; a teacher marks the child absent; the host sends the push — VAPID-signed, aes128gcm-encrypted —
// to the push service; the notification shows in Chromium within 5 s of the roll call.
//
// Chromium's own push service (Google's FCM) is out of reach here, so a local stand-in plays its part: web-push-testing
// (npm), started by this file. In the page, PushManager.prototype.subscribe is replaced so that it returns the
// stand-in's subscription; the stand-in checks the VAPID signature, decrypts and stores what the host sends; this test
// reads the decrypted payload back and delivers it to the page's service worker through CDP
// (ServiceWorker.deliverPushMessage), which shows it with the app's own handler (src/push/sw-push.ts, bundled here).
import assert from 'node:assert/strict'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { build } from 'rolldown'
import { appelerApi, baseUrl, connecter, ouvrir } from './commun.mjs'
import { commencerAutreCours, faireAppel, ouvrirAppel } from './vie-scolaire.mjs'

const require = createRequire(import.meta.url)
const ICI = path.dirname(fileURLToPath(import.meta.url))
// The app's service worker is the PWA's (src/sw.ts, imports ./push/sw-push); until it lands, a test worker made of the
// same handler, written beside the built SPA that the host serves.
const TRAVAILLEUR = '/e2e-sw-push.js'
const FICHIER_TRAVAILLEUR = path.join(ICI, '..', 'dist', TRAVAILLEUR.slice(1))
const POUSSE = process.env.ENT_PUSH !== '0'

let bouchon
let bouchonUrl

const portLibre = () =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })

before(async () => {
  if (!POUSSE) return
  const Serveur = require('web-push-testing/src/server.js')
  const { PushApiModel } = require('web-push-testing/src/PushApiModel.js')
  const port = await portLibre()
  bouchon = new Serveur(new PushApiModel(), port)
  bouchon.startServer()
  bouchonUrl = `http://localhost:${port}`
  await build({
    input: path.join(ICI, '..', 'src', 'push', 'sw-push.ts'),
    output: { file: FICHIER_TRAVAILLEUR, format: 'iife', name: 'EntPush' },
    logLevel: 'silent',
  })
})

after(async () => {
  bouchon?._server?.close()
  await rm(FICHIER_TRAVAILLEUR, { force: true })
})

/** The stand-in's API: POST with JSON, answer's `data`. */
async function bouchonApi(chemin, corps) {
  const reponse = await fetch(`${bouchonUrl}${chemin}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(corps) })
  const json = await reponse.json()
  assert.equal(reponse.status, 200, JSON.stringify(json))
  return json.data
}

/** Waits (polling) for what `trouver` returns, up to `delai` ms. */
async function attendre(trouver, delai, quoi) {
  const limite = Date.now() + delai
  for (;;) {
    const trouve = await trouver()
    if (trouve) return trouve
    assert.ok(Date.now() < limite, `${quoi} : rien après ${delai} ms`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/**
 * In every page of the context: PushManager's subscribe/getSubscription answer with the stand-in's subscription (made
 * for the key the app passes, through `abonnerAuBouchon`), kept in localStorage as a browser keeps its own.
 */
function remplacerPushManager() {
  const CLE = 'e2e-abonnement-push'
  const versBase64Url = (octets) => btoa(String.fromCharCode(...new Uint8Array(octets))).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
  const depuisBase64Url = (texte) => Uint8Array.from(atob(texte.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0)).buffer
  const faux = (donnees) => ({
    endpoint: donnees.endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true },
    getKey: (nom) => depuisBase64Url(donnees.keys[nom]),
    toJSON: () => ({ endpoint: donnees.endpoint, expirationTime: null, keys: donnees.keys }),
    unsubscribe: async () => (localStorage.removeItem(CLE), true),
  })
  PushManager.prototype.subscribe = async function (options) {
    const donnees = await window.abonnerAuBouchon(versBase64Url(options.applicationServerKey))
    localStorage.setItem(CLE, JSON.stringify(donnees))
    return faux(donnees)
  }
  PushManager.prototype.getSubscription = async function () {
    const garde = localStorage.getItem(CLE)
    return garde ? faux(JSON.parse(garde)) : null
  }
}

test('roll call → push to the guardian\'s device → notification shown in Chromium within 5 s', { skip: !POUSSE && 'ENT_PUSH=0' }, async (t) => {
  // A guardian with a child in 2NDE1, where prof.01 teaches French.
  let famille, enfant
  for (let n = 2; n <= 40 && !enfant; n++) {
    const essai = await ouvrir(t)
    await essai.page.context().grantPermissions(['notifications'], { origin: baseUrl })
    await essai.page.exposeFunction('abonnerAuBouchon', (cle) => bouchonApi('/subscribe', { userVisibleOnly: 'true', applicationServerKey: cle }))
    await essai.page.addInitScript(remplacerPushManager)
    await connecter(essai.page, `parent.${String(n).padStart(3, '0')}`)
    const moi = (await appelerApi(essai.page, '/api/identite/me')).corps
    for (const e of moi.enfants) {
      if ((await appelerApi(essai.page, `/api/scolarite/eleves/${e.id}/notes`)).corps.classe === 'Seconde 1') {
        ;[famille, enfant] = [essai, e]
        break
      }
    }
  }
  assert.ok(enfant, 'un responsable avec un enfant en 2NDE1')
  const page = famille.page

  // The service worker (the PWA's, in time; the test worker made of the same handler until then).
  await page.evaluate(async (script) => {
    await navigator.serviceWorker.register(script, { scope: '/' })
    await navigator.serviceWorker.ready
  }, TRAVAILLEUR)
  const cdp = await page.context().newCDPSession(page)
  const enregistrements = new Map()
  cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
    for (const r of registrations) if (!r.isDeleted) enregistrements.set(r.scopeURL, r.registrationId)
  })
  await cdp.send('ServiceWorker.enable')
  const enregistrement = await attendre(async () => enregistrements.get(`${baseUrl}/`), 5_000, 'le service worker')

  // « Mon compte »: activate on this device, choose push for absences.
  await page.goto('/compte')
  const bloc = page.getByRole('region', { name: 'Notifications sur cet appareil' })
  await bloc.getByRole('button', { name: 'Activer sur cet appareil' }).click()
  await bloc.getByText('Notifications activées sur cet appareil.').waitFor().catch(async (e) => {
    console.error(await bloc.textContent(), famille.problemes)
    throw e
  })
  await bloc.getByText('Les notifications sont activées sur cet appareil.').waitFor()
  await bloc.getByLabel('Absences et retards').check()
  await bloc.getByRole('button', { name: 'Enregistrer mes choix' }).click()
  await bloc.getByText('Choix enregistrés.').waitFor()
  const abonnement = await page.evaluate(() => JSON.parse(localStorage.getItem('e2e-abonnement-push')))
  const appareils = (await appelerApi(page, '/api/communication/me/push/abonnements')).corps
  assert.ok(appareils.some((a) => a.endpoint === abonnement.endpoint), 'l’appareil est enregistré par le serveur')
  const avant = (await bouchonApi('/get-notifications', { clientHash: abonnement.clientHash })).messages.length

  // The teacher's roll call: the clock starts when the teacher validates.
  const prof = await ouvrir(t)
  await connecter(prof.page, 'prof.01')
  await ouvrirAppel(prof.page)
  await commencerAutreCours(prof.page, 'Français — Seconde 1')
  const debut = Date.now()
  await faireAppel(prof.page, { absents: [`${enfant.nom} ${enfant.prenom}`] })
  const valide = Date.now()

  // The push service received it, signed and encrypted for this browser (the stand-in checks and decrypts).
  const message = await attendre(
    async () => (await bouchonApi('/get-notifications', { clientHash: abonnement.clientHash })).messages[avant],
    5_000,
    'le message push',
  )
  const recu = Date.now()
  const contenu = JSON.parse(message)
  assert.equal(contenu.titre, `Absence de ${enfant.prenom} ${enfant.nom}`)
  assert.match(contenu.lien, new RegExp(`^/absences\\?eleve=${enfant.id}&absence=[0-9a-f-]{36}$`))
  assert.match(contenu.cle, /^absence:.*:push$/)
  assert.deepEqual(Object.keys(contenu).sort(), ['cle', 'lien', 'texte', 'titre'])

  // Chromium's push service would hand it to the service worker: CDP does that part.
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: baseUrl, registrationId: enregistrement, data: message })
  const notification = await attendre(
    () =>
      page.evaluate(async () => {
        const [n] = await (await navigator.serviceWorker.ready).getNotifications()
        return n ? { titre: n.title, texte: n.body, icone: n.icon, tag: n.tag, lien: n.data?.lien } : null
      }),
    5_000,
    'la notification',
  )
  const affiche = Date.now()
  assert.deepEqual(notification, {
    titre: contenu.titre,
    texte: contenu.texte,
    icone: `${baseUrl}/icons/icone-192.png`,
    tag: contenu.cle,
    lien: `${baseUrl}${contenu.lien}`,
  })
  const total = affiche - debut
  console.log(
    `# Push : reçu par le service push ${recu - valide} ms après la validation de l'appel ; notification affichée ${affiche - valide} ms après (${total} ms depuis le début de l'appel)`,
  )
  assert.ok(total <= 5_000, `notification affichée en ${total} ms`)

  // Exactly once: nothing more reaches the push service.
  await new Promise((r) => setTimeout(r, 1_000))
  assert.equal((await bouchonApi('/get-notifications', { clientHash: abonnement.clientHash })).messages.length, avant + 1, 'un seul message push')
})
