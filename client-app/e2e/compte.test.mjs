// End-to-end: a guardian's account page, "Mon compte" (node --test e2e/).
// parent.005 is used by no other test: its contacts change here, never its password.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { chargementsTermines, ouvrir, sansViolationAxe, artifacts } from './commun.mjs'

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
  await chargementsTermines(page)

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
