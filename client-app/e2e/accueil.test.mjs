// End-to-end check of the built app served by the real host: node --test e2e/ (see package.json "e2e").
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import AxeBuilder from '@axe-core/playwright'
import { chromium } from 'playwright-core'

const baseUrl = process.env.ENT_BASE_URL ?? 'http://localhost:5080'
const artifacts = process.env.ENT_E2E_ARTIFACTS
  ? path.resolve(process.env.ENT_E2E_ARTIFACTS)
  : fileURLToPath(new URL('./artifacts/', import.meta.url))

let browser

before(async () => {
  await mkdir(artifacts, { recursive: true })
  // Debian's Chromium: Playwright's own browser download is not available here.
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
 * A fresh page (own context: AxeBuilder needs one) that records what a person would never see but must not happen:
 * console errors (Chromium reports CSP violations there), uncaught exceptions and failed or 4xx/5xx requests.
 */
async function ouvrir(t, viewport = { width: 390, height: 844 }) {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'fr-FR' })
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

async function sansViolationAxe(page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const lisibles = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
  if (lisibles.length > 0) console.error(lisibles.join('\n'))
  assert.deepEqual(lisibles, [], 'violations axe-core WCAG 2.1 AA')
}

test('home page shows the demo lycée and its announcements, accessibly, on a phone', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await page.goto('/')

  await page.getByRole('heading', { level: 1, name: 'Lycée démo' }).waitFor()
  assert.equal(await page.locator('h1').count(), 1)
  assert.equal(await page.getAttribute('html', 'lang'), 'fr')
  assert.equal(await page.title(), 'Ent — Espace numérique de travail')
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor() // visible, or times out
  for (const repere of ['banner', 'main', 'contentinfo']) {
    assert.equal(await page.getByRole(repere).count(), 1, `landmark ${repere}`)
  }

  await sansViolationAxe(page)
  const capture = path.join(artifacts, 'accueil-telephone.png')
  await page.screenshot({ path: capture, fullPage: true })
  console.log(`capture d'écran : ${capture}`)
  assert.deepEqual(problemes, [])
})

test('home page reflows at 320px without horizontal scrolling', async (t) => {
  const { page, problemes } = await ouvrir(t, { width: 320, height: 640 })
  await page.goto('/')
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()

  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= 320, `la page fait ${largeur}px de large`)
  assert.deepEqual(problemes, [])
})

test('a client route is served by the SPA and shows a French "page introuvable"', async (t) => {
  const { page, problemes } = await ouvrir(t)
  const reponse = await page.goto('/absences')

  assert.equal(reponse?.status(), 200) // index.html fallback, not the host's 404
  await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor()
  assert.equal(await page.title(), 'Page introuvable — Ent — Espace numérique de travail')
  await sansViolationAxe(page)

  await page.getByRole('link', { name: "Retour à l'accueil" }).click()
  await page.getByRole('heading', { level: 1, name: 'Lycée démo' }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/')
  assert.deepEqual(problemes, [])
})
