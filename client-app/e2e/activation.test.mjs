// End-to-end: a family activates its account from a letter's code, on a phone (node --test e2e/).
// parent.170 is used by no other test: the head « réinitialise » it (back to activation, as the directory import leaves
// an account), then the family activates it with the code and a passphrase of its own.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { appelerApi, artifacts, chargementsTermines, connecter, idDemo, ouvrir, sansViolationAxe } from './commun.mjs'

const FAMILLE = 'parent.170'
const PHRASE = 'cheval salade nuage piano'
const TELEPHONE = { width: 390, height: 844 }

test('a family activates its account from the letter code on a phone and lands logged in', async (t) => {
  // The head's letters come as a PDF (for a class with nobody to activate: printing draws new codes, and another test's
  // codes must not change under it); then the head gives this family a new code, as the administration screens do.
  const direction = await ouvrir(t)
  await connecter(direction.page, 'direction')
  const lettres = await direction.page.evaluate(async () => {
    const cle = Object.keys(sessionStorage).find((k) => k.includes('user:'))
    const jeton = JSON.parse(sessionStorage.getItem(cle)).access_token
    const reponse = await fetch('/api/identite/etablissements/0750000A/lettres-activation?classe=E2E-AUCUNE', { headers: { Authorization: `Bearer ${jeton}` } })
    const octets = new Uint8Array(await reponse.arrayBuffer())
    return { status: reponse.status, type: reponse.headers.get('content-type'), debut: String.fromCharCode(...octets.slice(0, 5)) }
  })
  assert.deepEqual(lettres, { status: 200, type: 'application/pdf', debut: '%PDF-' })
  const { status, corps } = await appelerApi(direction.page, `/api/identite/comptes/${idDemo(FAMILLE)}/activation`, { method: 'POST' })
  assert.equal(status, 200)
  assert.match(corps.code, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
  assert.deepEqual(direction.problemes, [])

  // The family, on its phone: the login page's link, the letter's login and code, a passphrase, the terms.
  const { page, problemes } = await ouvrir(t, TELEPHONE, { hasTouch: true, isMobile: true })
  await page.goto('/connexion')
  await page.getByRole('link', { name: 'Première connexion ? Activer mon compte' }).click()
  await page.waitForURL((url) => url.pathname === '/activation')
  await page.getByRole('heading', { level: 1, name: 'Activer mon compte' }).waitFor()
  await sansViolationAxe(page)
  await page.getByLabel('Identifiant').fill(FAMILLE)
  await page.getByLabel("Code d'activation").fill(corps.code.toLowerCase().replaceAll('-', ' '))
  await page.getByRole('button', { name: 'Continuer' }).click()

  await page.getByRole('heading', { level: 1, name: 'Choisir mon mot de passe' }).waitFor()
  await sansViolationAxe(page)
  await page.screenshot({ path: path.join(artifacts, 'activation-mot-de-passe-telephone.png'), fullPage: true })
  await page.getByLabel('Mot de passe (10 caractères au moins)').fill(PHRASE)
  await page.getByLabel('Saisissez-le une deuxième fois').fill(PHRASE)
  await page.getByLabel("J'accepte les conditions d'utilisation").check()
  await page.getByRole('button', { name: 'Activer mon compte' }).click()

  // Straight into the app, logged in, without typing the new password again.
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await page.getByRole('heading', { level: 1, name: /^Bonjour / }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/')
  await page.waitForLoadState('networkidle')
  await chargementsTermines(page)
  assert.deepEqual(problemes, [])
})
