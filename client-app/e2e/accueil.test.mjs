// End-to-end check of the built app served by the real host: node --test e2e/ (see package.json "e2e").
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { ouvrir, sansViolationAxe, artifacts } from './commun.mjs'

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
  const reponse = await page.goto('/cette-page-n-existe-pas')

  assert.equal(reponse?.status(), 200) // index.html fallback, not the host's 404
  await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor()
  assert.equal(await page.title(), 'Page introuvable — Ent — Espace numérique de travail')
  await sansViolationAxe(page)

  await page.getByRole('link', { name: "Retour à l'accueil" }).click()
  await page.getByRole('heading', { level: 1, name: 'Lycée démo' }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/')
  assert.deepEqual(problemes, [])
})
