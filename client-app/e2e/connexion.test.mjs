// End-to-end: logging in through Ent's own OpenID Connect server and out again (node --test e2e/).
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { chargementsTermines, ouvrir, sansViolationAxe, artifacts } from './commun.mjs'

/** Keys of the tab's sessionStorage that hold an oidc-client-ts user (its tokens). */
const utilisateursStockes = (page) =>
  page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('user:')))

/** The public home fully loaded: leaving earlier would abort its requests, which the record counts as failures. */
const accueilPublicCharge = (page) => page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()

async function seConnecter(page, identifiant) {
  await page.goto('/')
  await accueilPublicCharge(page)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname === '/connexion')
  await page.getByLabel('Identifiant').fill(identifiant)
  await page.getByLabel('Mot de passe').fill('demo-ent-2026')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/')
  // The home's blocks come with lazy modules: leaving (a reload, a logout) before they are in would abort them.
  await page.waitForLoadState('networkidle')
  await chargementsTermines(page)
}

test('a guardian with two children logs in and sees both, then logs out', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await page.goto('/')
  await page.getByRole('heading', { level: 1, name: 'Lycée démo' }).waitFor()
  await accueilPublicCharge(page)
  await page.getByRole('button', { name: 'Se connecter' }).click()

  // The server's own login page, reached through /connect/authorize.
  await page.waitForURL((url) => url.pathname === '/connexion')
  await page.getByLabel('Identifiant').waitFor()
  await sansViolationAxe(page)
  await page.getByLabel('Identifiant').fill('parent.001')
  await page.getByLabel('Mot de passe').fill('demo-ent-2026')
  await page.getByRole('button', { name: 'Se connecter' }).click()

  // Back on the SPA, code exchanged, /connexion/retour replaced by /.
  const enfants = page.getByRole('region', { name: 'Vos enfants' })
  await enfants.waitFor()
  assert.equal(new URL(page.url()).pathname, '/')
  assert.equal(new URL(page.url()).search, '')

  // The names come from the API, asked with the page's own token: the cards must show exactly those children.
  const moi = await page.evaluate(async () => {
    const cle = Object.keys(sessionStorage).find((k) => k.includes('user:'))
    const { access_token } = JSON.parse(sessionStorage.getItem(cle))
    const reponse = await fetch('/api/identite/me', { headers: { Authorization: `Bearer ${access_token}` } })
    return reponse.json()
  })
  assert.equal(moi.enfants.length, 2)
  const cartes = enfants.getByRole('listitem')
  assert.equal(await cartes.count(), 2)
  for (const [i, enfant] of moi.enfants.entries()) {
    const carte = cartes.nth(i)
    assert.equal(await carte.getByRole('heading', { level: 3 }).textContent(), `${enfant.prenom} ${enfant.nom}`)
    assert.match(await carte.textContent(), /Lycée démo/)
  }

  // Header: the person's name; navigation: Accueil (current page) and the child switcher.
  const banniere = page.getByRole('banner')
  await banniere.getByText(`${moi.prenom} ${moi.nom}`).waitFor()
  const navigation = page.getByRole('navigation', { name: 'Navigation principale' })
  assert.equal(await navigation.getByRole('link', { name: 'Accueil', includeHidden: true }).getAttribute('aria-current'), 'page')
  const choix = navigation.getByLabel('Enfant suivi')
  const suivi = page.getByRole('region', { name: 'Enfant suivi' })
  assert.match(await suivi.textContent(), new RegExp(`${moi.enfants[0].prenom} ${moi.enfants[0].nom}`))
  // By id: the demo's two siblings happen to share a first name, so their labels are the same.
  await choix.selectOption(moi.enfants[1].id)
  assert.equal(await choix.inputValue(), moi.enfants[1].id)
  assert.match(await suivi.textContent(), new RegExp(`${moi.enfants[1].prenom} ${moi.enfants[1].nom}`))
  assert.match(await suivi.textContent(), /Lycée démo/)
  await chargementsTermines(page)

  await sansViolationAxe(page)
  const capture = path.join(artifacts, 'responsable-deux-enfants-telephone.png')
  await page.screenshot({ path: capture, fullPage: true })
  console.log(`capture d'écran : ${capture}`)

  await page.getByRole('button', { name: 'Se déconnecter' }).click()
  await page.getByRole('heading', { level: 1, name: 'Lycée démo' }).waitFor()
  await page.getByRole('button', { name: 'Se connecter' }).waitFor()
  await accueilPublicCharge(page)
  assert.equal(new URL(page.url()).pathname, '/')
  assert.equal(new URL(page.url()).search, '')
  assert.deepEqual(await utilisateursStockes(page), [])
  // Nor any sign-in or logout state: the tab keeps nothing of the session.
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('ent.oidc.'))), [])
  assert.equal(await page.getByRole('button', { name: 'Se déconnecter' }).count(), 0)
  assert.deepEqual(problemes, [])
})

test('a teacher sees their profile in French, and the login page is not skipped after logging out', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await seConnecter(page, 'prof.01')

  await page.getByRole('heading', { level: 1, name: /^Bonjour / }).waitFor()
  const profil = page.getByRole('region', { name: 'Votre profil' })
  assert.equal(await profil.getByRole('heading', { level: 3 }).textContent(), 'Enseignant')
  assert.match(await profil.textContent(), /Lycée démo/)
  assert.equal(await page.getByRole('region', { name: /enfant/i }).count(), 0)
  assert.equal(await page.getByLabel('Enfant suivi').count(), 0)

  await page.getByRole('button', { name: 'Se déconnecter' }).click()
  await accueilPublicCharge(page)
  await page.getByRole('button', { name: 'Se connecter' }).click()
  // The server's session ended with the app's: the password is asked again.
  await page.waitForURL((url) => url.pathname === '/connexion')
  await page.getByLabel('Mot de passe').waitFor()
  assert.deepEqual(problemes, [])
})

test('the session survives a reload and the connected home reflows at 320px', async (t) => {
  const { page, problemes } = await ouvrir(t, { width: 320, height: 640 })
  await seConnecter(page, 'cpe')
  await page.getByRole('region', { name: 'Votre profil' }).getByRole('heading', { name: 'CPE' }).waitFor()

  await page.reload()
  await page.getByRole('region', { name: 'Votre profil' }).getByRole('heading', { name: 'CPE' }).waitFor()
  await page.waitForLoadState('networkidle')
  await chargementsTermines(page)
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= 320, `la page fait ${largeur}px de large`)
  await sansViolationAxe(page)
  const capture = path.join(artifacts, 'cpe-320px.png')
  await page.screenshot({ path: capture, fullPage: true })
  console.log(`capture d'écran : ${capture}`)
  assert.deepEqual(problemes, [])
})

test('a refused access token is renewed once with the refresh token, which rotates', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await seConnecter(page, 'eleve.001')
  await page.getByRole('region', { name: 'Votre profil' }).getByRole('heading', { name: 'Élève' }).waitFor()
  await chargementsTermines(page)

  // A token the API refuses (as a revoked or foreign one would be), still "valid" for the app's clock.
  const avant = await page.evaluate(() => {
    const cle = Object.keys(sessionStorage).find((k) => k.includes('user:'))
    const utilisateur = JSON.parse(sessionStorage.getItem(cle))
    sessionStorage.setItem(cle, JSON.stringify({ ...utilisateur, access_token: 'jeton-refuse' }))
    return utilisateur.refresh_token
  })
  const jetons = []
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/connect/token') jetons.push(r.method())
  })
  await page.reload()
  await page.getByRole('region', { name: 'Votre profil' }).getByRole('heading', { name: 'Élève' }).waitFor()

  const apres = await page.evaluate(() => {
    const cle = Object.keys(sessionStorage).find((k) => k.includes('user:'))
    return JSON.parse(sessionStorage.getItem(cle))
  })
  assert.deepEqual(jetons, ['POST'], 'one refresh')
  assert.notEqual(apres.access_token, 'jeton-refuse')
  assert.ok(apres.refresh_token && apres.refresh_token !== avant, 'the refresh token rotated')
  // The one 401 is the refused token's, expected here.
  assert.deepEqual(
    problemes.filter((p) => !p.endsWith('/api/identite/me') && !p.includes('401 (Unauthorized)')),
    [],
  )
  assert.equal(problemes.filter((p) => p.startsWith('HTTP 401')).length, 1)
})
