// End-to-end: a guardian's account page, "Mon compte" (node --test e2e/).
// parent.005 is used by no other test: its contacts change here, never its password.
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

/** As in connexion.test.mjs: a fresh context, and a record of console errors, exceptions and failed requests. */
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

async function seConnecter(page, identifiant) {
  await page.goto('/')
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname === '/connexion')
  await page.getByLabel('Identifiant').fill(identifiant)
  await page.getByLabel('Mot de passe').fill('demo-ent-2026')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/')
}

test('a guardian opens "Mon compte", changes the contacts and sees their devices and the access log', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await seConnecter(page, 'parent.005')
  await page.getByRole('heading', { level: 1, name: /^Bonjour / }).waitFor()

  const navigation = page.getByRole('navigation', { name: 'Navigation principale' })
  await navigation.getByRole('link', { name: 'Mon compte' }).click()
  await page.waitForURL((url) => url.pathname === '/compte')
  await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor()
  assert.equal(await navigation.getByRole('link', { name: 'Mon compte' }).getAttribute('aria-current'), 'page')
  assert.equal(await navigation.getByRole('link', { name: 'Accueil' }).getAttribute('aria-current'), null)

  // This very browser is one of the devices.
  const appareils = page.getByRole('region', { name: 'Appareils' })
  await appareils.getByRole('button', { name: /^Oublier l'appareil / }).first().waitFor()
  assert.ok((await appareils.getByRole('listitem').count()) >= 1)

  const journal = page.getByRole('region', { name: 'Qui a consulté les données de mes enfants' })
  await journal.waitFor()
  await journal.getByText(/Chargement…/).first().waitFor({ state: 'detached' })

  const coordonnees = page.getByRole('region', { name: 'Coordonnées pour les notifications' })
  await coordonnees.getByLabel('Adresse électronique').fill('parent.005@exemple.fr')
  await coordonnees.getByLabel('Téléphone mobile').fill('06 12 34 56 78')
  await coordonnees.getByRole('button', { name: 'Enregistrer les coordonnées' }).click()
  await coordonnees.getByRole('status').getByText('Coordonnées enregistrées.').waitFor()
  assert.equal(await coordonnees.getByLabel('Téléphone mobile').inputValue(), '+33612345678')
  assert.equal(await coordonnees.getByLabel('Adresse électronique').inputValue(), 'parent.005@exemple.fr')

  await sansViolationAxe(page)
  const capture = path.join(artifacts, 'responsable-mon-compte-telephone.png')
  await page.screenshot({ path: capture, fullPage: true })
  console.log(`capture d'écran : ${capture}`)

  // Stored: a reload shows the same values.
  await page.reload()
  await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor()
  const mobile = page.getByRole('region', { name: 'Coordonnées pour les notifications' }).getByLabel('Téléphone mobile')
  await mobile.waitFor()
  assert.equal(await mobile.inputValue(), '+33612345678')
  await page.getByRole('region', { name: 'Appareils' }).getByRole('listitem').first().waitFor()

  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= 390, `la page fait ${largeur}px de large`)
  assert.deepEqual(problemes, [])
})
