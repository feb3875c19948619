// Weight budgets (issue #13): what a family downloads over the wire, and how soon the public home is usable on the
// slow 4G a parent has on the bus (1.6 Mbit/s both ways, 150 ms). Figures come from Chromium's own network record
// (DevTools protocol): encodedDataLength is what crossed the wire, compressed, headers included.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { chargementsTermines, connecter, ouvrir } from './commun.mjs'

const KO = 1000
const BUDGET_ACCUEIL_PUBLIC = 150 * KO
const BUDGET_ACCUEIL_FAMILLE = 200 * KO
const BUDGET_UTILISABLE_MS = 3000

/** Chromium's « slow 4G » as the issue measured it: 1.6 Mbit/s = 200 000 bytes/s down and up, 150 ms latency. */
const RESEAU_LENT = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 200_000 }

/**
 * Records every response the page receives from now on, the browser cache off (a first visit): octets() is the sum of
 * their bytes over the wire, parRessource() the same per address (printed, to see what weighs).
 */
async function enregistrer(page, reseau) {
  const cdp = await page.context().newCDPSession(page)
  const adresses = new Map()
  const recues = []
  cdp.on('Network.responseReceived', (e) => adresses.set(e.requestId, e.response.url))
  cdp.on('Network.loadingFinished', (e) => recues.push({ url: adresses.get(e.requestId) ?? e.requestId, octets: e.encodedDataLength }))
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  if (reseau) await cdp.send('Network.emulateNetworkConditions', reseau)
  return {
    octets: () => recues.reduce((total, r) => total + r.octets, 0),
    detail: () =>
      recues
        .toSorted((a, b) => b.octets - a.octets)
        .map((r) => `  ${String(r.octets).padStart(8)} o  ${new URL(r.url, page.url()).pathname}`)
        .join('\n'),
  }
}

const ko = (octets) => `${(octets / KO).toFixed(1)} Ko`

test('public home: at most 150 KB over the wire', async (t) => {
  const { page, problemes } = await ouvrir(t)
  const reseau = await enregistrer(page)

  await page.goto('/', { waitUntil: 'networkidle' })
  await page.getByRole('heading', { level: 1 }).waitFor()

  console.log(`accueil public : ${ko(reseau.octets())} transférés\n${reseau.detail()}`)
  assert.ok(reseau.octets() <= BUDGET_ACCUEIL_PUBLIC, `accueil public : ${ko(reseau.octets())} > ${ko(BUDGET_ACCUEIL_PUBLIC)}`)
  assert.deepEqual(problemes, [])
})

test('family home, signed in: at most 200 KB in total for a fresh load', async (t) => {
  // Without the service worker (issue 19): it would serve the app's files from its own cache, which disabling the
  // browser's cache does not empty — this measures a device that has never opened Ent, as before the worker.
  const { page, problemes } = await ouvrir(t, undefined, { serviceWorkers: 'block' })
  await connecter(page, 'parent.001')
  // The tokens live in this tab's sessionStorage (a new tab has none): a reload of the signed-in home, the cache off,
  // is a family opening Ent again — every file, the OIDC discovery and the home's API calls.
  const reseau = await enregistrer(page)

  await page.reload({ waitUntil: 'networkidle' })
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await chargementsTermines(page)

  console.log(`accueil famille connectée : ${ko(reseau.octets())} transférés\n${reseau.detail()}`)
  assert.ok(reseau.octets() <= BUDGET_ACCUEIL_FAMILLE, `accueil famille : ${ko(reseau.octets())} > ${ko(BUDGET_ACCUEIL_FAMILLE)}`)
  assert.deepEqual(problemes, [])
})

test('public home usable within 3 s on slow 4G', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await enregistrer(page, RESEAU_LENT)

  await page.goto('/', { waitUntil: 'commit' })
  // Usable: the main heading is shown and « Se connecter » can be pressed. performance.now() counts from the start of
  // the navigation (the page's time origin).
  const utilisable = await page.waitForFunction(
    () => {
      const titre = document.querySelector('h1')
      const bouton = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Se connecter')
      return titre?.checkVisibility() && bouton && !bouton.disabled ? performance.now() : false
    },
    undefined,
    { timeout: 30_000 },
  )
  const ms = Math.round(await utilisable.jsonValue())

  // When each file arrived, to tell the network's part from the browser's (script parsing, rendering).
  const arrivees = await page.evaluate(() =>
    [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
      .map((e) => `  ${String(Math.round(e.responseEnd)).padStart(6)} ms  ${new URL(e.name).pathname}`)
      .join('\n'),
  )
  console.log(`accueil public utilisable en ${ms} ms (4G lente : 1,6 Mbit/s, 150 ms)\n${arrivees}`)
  assert.ok(ms <= BUDGET_UTILISABLE_MS, `accueil public utilisable en ${ms} ms > ${BUDGET_UTILISABLE_MS} ms`)
  await page.waitForLoadState('networkidle')
  assert.deepEqual(problemes, [])
})

test('installed app (service worker): what the worker downloads, and a signed-in reload at most 200 KB', async (t) => {
  const { page, problemes } = await ouvrir(t)
  // What the worker itself fetches (its precache of the shell, the screens it keeps): not in the page's record.
  const duTravailleur = []
  page.context().on('requestfinished', async (r) => {
    if (!r.serviceWorker()) return
    const tailles = await r.sizes().catch(() => null)
    if (tailles) duTravailleur.push({ url: r.url(), octets: tailles.responseBodySize + tailles.responseHeadersSize })
  })
  await connecter(page, 'parent.001')
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  const precache = duTravailleur.reduce((total, r) => total + r.octets, 0)
  console.log(
    `travailleur installé : ${ko(precache)} téléchargés par lui-même (coquille et écrans utilisés)\n` +
      duTravailleur.map((r) => `  ${String(r.octets).padStart(8)} o  ${new URL(r.url).pathname}`).join('\n'),
  )

  // A family opening the installed app again: the browser's cache off, the worker's on.
  const reseau = await enregistrer(page)
  await page.reload({ waitUntil: 'networkidle' })
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await chargementsTermines(page)

  console.log(`accueil famille connectée, application installée : ${ko(reseau.octets())} transférés\n${reseau.detail()}`)
  assert.ok(reseau.octets() <= BUDGET_ACCUEIL_FAMILLE, `accueil famille (installée) : ${ko(reseau.octets())} > ${ko(BUDGET_ACCUEIL_FAMILLE)}`)
  assert.deepEqual(problemes, [])
})
