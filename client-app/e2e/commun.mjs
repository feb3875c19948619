// What every end-to-end file shares: Debian's Chromium (Playwright's own browser download is not available here),
// a fresh page per test that records what a person would never see but must not happen, and the axe-core check.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { after, before } from 'node:test'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import { chromium } from 'playwright-core'

export const baseUrl = process.env.ENT_BASE_URL ?? 'http://localhost:5080'
export const artifacts = process.env.ENT_E2E_ARTIFACTS
  ? path.resolve(process.env.ENT_E2E_ARTIFACTS)
  : fileURLToPath(new URL('./artifacts/', import.meta.url))

let browser

const lancer = async () => {
  browser = await chromium.launch({
    executablePath: process.env.ENT_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

before(async () => {
  await mkdir(artifacts, { recursive: true })
  await lancer()
})

after(async () => {
  await browser?.close()
})

/**
 * A fresh page (own context: AxeBuilder needs one) that records console errors (Chromium reports CSP violations
 * there), uncaught exceptions and failed (not aborted) or 4xx/5xx requests.
 */
export async function ouvrir(t, viewport = { width: 390, height: 844 }, options = {}) {
  // options: more context settings, e.g. { hasTouch: true, isMobile: true } for a phone or tablet's coarse pointer.
  // A browser that died during an earlier test (that test's failure) is started again, not to fail every test after it.
  if (!browser.isConnected()) await lancer()
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'fr-FR', ...options })
  context.setDefaultTimeout(10_000)
  t.after(() => context.close())
  const page = await context.newPage()
  const problemes = []
  page.on('console', (m) => {
    if (m.type() === 'error') problemes.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problemes.push(`pageerror: ${e.message}`))
  // A request aborted on purpose is no failure: the app aborts a page's reads when the person leaves it (useDonnees),
  // the browser a page's pending loads on a reload. Any other failure (refused, reset, timed out) counts.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problemes.push(`requête échouée: ${r.url()} ${r.failure()?.errorText}`)
  })
  page.on('response', (r) => {
    if (r.status() >= 400) problemes.push(`HTTP ${r.status()}: ${r.url()}`)
  })
  return { page, problemes }
}

export async function sansViolationAxe(page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const lisibles = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
  if (lisibles.length > 0) console.error(lisibles.join('\n'))
  assert.deepEqual(lisibles, [], 'violations axe-core WCAG 2.1 AA')
}

/** The password of every demo account (README). */
export const MOT_DE_PASSE_DEMO = 'demo-ent-2026'

/**
 * Logs in through the public home's « Se connecter » and the server's own /connexion page, and waits for the
 * connected home to be loaded. Each page is left only once loaded: leaving earlier aborts its requests, which count as
 * failures.
 */
export async function connecter(page, identifiant, motDePasse = MOT_DE_PASSE_DEMO) {
  await page.goto('/')
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname === '/connexion')
  await page.getByLabel('Identifiant').fill(identifiant)
  await page.getByLabel('Mot de passe').fill(motDePasse)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await page.getByRole('heading', { level: 1 }).waitFor()
  // The home's blocks come with a lazy module, before their « Chargement… »: the network settles first.
  await page.waitForLoadState('networkidle')
  await chargementsTermines(page)
}

/** The connected tab's access token, where oidc-client-ts keeps it (sessionStorage). */
export const jetonDe = (page) =>
  page.evaluate(() => {
    const cle = Object.keys(sessionStorage).find((k) => k.includes('user:'))
    return cle ? JSON.parse(sessionStorage.getItem(cle)).access_token : null
  })

/** Calls the API from the page with its own token, as the app would: { status, corps } (corps: parsed JSON or null). */
export const appelerApi = (page, chemin, init = {}) =>
  page.evaluate(
    async ({ chemin, init }) => {
      const cle = Object.keys(sessionStorage).find((k) => k.includes('user:'))
      const jeton = cle ? JSON.parse(sessionStorage.getItem(cle)).access_token : ''
      const reponse = await fetch(chemin, { ...init, headers: { ...init.headers, Authorization: `Bearer ${jeton}` } })
      const texte = await reponse.text()
      let corps = null
      try {
        corps = texte ? JSON.parse(texte) : null
      } catch {
        corps = texte
      }
      return { status: reponse.status, corps }
    },
    { chemin, init },
  )

/** The id of a demo account's person (e.g. 'eleve.001'): the demo seeds them from their login, as DemoIds.Of does. */
export function idDemo(identifiant) {
  const octets = createHash('sha256').update(`ent-demo:compte:${identifiant}`).digest().subarray(0, 16)
  octets[6] = (octets[6] & 0x0f) | 0x50
  octets[8] = (octets[8] & 0x3f) | 0x80
  const h = octets.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/**
 * Waits until no « Chargement… » status is left on the page (the connected home loads its sections after /me):
 * leaving or reloading earlier aborts their requests, which the record counts as failures.
 */
export const chargementsTermines = (page) =>
  page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((e) => e.textContent === 'Chargement…'))

/**
 * Follows an entry of the main navigation as a person would: an entry out of sight is behind a button (« Menu » on a
 * phone, its group's button, e.g. « Scolarité », on a wider screen), which is pressed first.
 */
export async function naviguer(page, nom) {
  const navigation = page.getByRole('navigation', { name: 'Navigation principale' })
  const lien = navigation.getByRole('link', { name: nom, exact: true, includeHidden: true })
  if (!(await lien.isVisible())) {
    const liste = await lien.evaluate((a) => a.closest('ul[hidden]')?.id ?? null)
    if (liste) await navigation.locator(`button[aria-controls="${liste}"]`).click()
  }
  await navigation.getByRole('link', { name: nom, exact: true }).click()
}
