// What every end-to-end file shares: Debian's Chromium (Playwright's own browser download is not available here),
// a fresh page per test that records what a person would never see but must not happen, and the axe-core check.
import assert from 'node:assert/strict'
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

before(async () => {
  await mkdir(artifacts, { recursive: true })
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
})

after(async () => {
  await browser?.close()
})

/**
 * A fresh page (own context: AxeBuilder needs one) that records console errors (Chromium reports CSP violations
 * there), uncaught exceptions and failed or 4xx/5xx requests.
 */
export async function ouvrir(t, viewport = { width: 390, height: 844 }, options = {}) {
  // options: more context settings, e.g. { hasTouch: true, isMobile: true } for a phone or tablet's coarse pointer.
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'fr-FR', ...options })
  context.setDefaultTimeout(10_000)
  t.after(() => context.close())
  const page = await context.newPage()
  const problemes = []
  page.on('console', (m) => {
    if (m.type() === 'error') problemes.push(`console: ${m.text()}`)
  })
  page.on('pageerror', (e) => problemes.push(`pageerror: ${e.message}`))
  page.on('requestfailed', (r) => problemes.push(`requête échouée: ${r.url()} ${r.failure()?.errorText}`))
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

/**
 * Logs in through the server's own /connexion page (every demo account has the same password) and waits for the
 * personal home. Starts from the public home, fully loaded: leaving earlier would abort its requests.
 */
export async function connecter(page, identifiant, motDePasse = 'demo-ent-2026') {
  await page.goto('/')
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname === '/connexion')
  await page.getByLabel('Identifiant').fill(identifiant)
  await page.getByLabel('Mot de passe').fill(motDePasse)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await page.getByRole('heading', { level: 1, name: /^Bonjour / }).waitFor()
}
