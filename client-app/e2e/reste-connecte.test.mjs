// End-to-end: « Rester connecté » (issue #13) — a kept login gives a second tab and a restarted browser their tokens
// without the password; without it nothing changes; a sign-in comes back to the address asked for (node --test e2e/).
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { chromium } from 'playwright-core'
import { baseUrl, chargementsTermines, MOT_DE_PASSE_DEMO, ouvrir, sansViolationAxe } from './commun.mjs'

const MARQUEUR = 'ent_session_persistante'

/** The same Chromium as commun.mjs, with a profile on disk: closing and launching it again is a browser restart. */
const lancerProfil = (dossier) =>
  chromium.launchPersistentContext(dossier, {
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
    baseURL: baseUrl,
    viewport: { width: 390, height: 844 },
    locale: 'fr-FR',
  })

/** A browser profile on disk; the restarted browser is closed before its folder is removed. */
async function profil(t) {
  const dossier = await mkdtemp(path.join(os.tmpdir(), 'ent-e2e-profil-'))
  let relance
  t.after(async () => {
    await relance?.close()
    await rm(dossier, { recursive: true, force: true, maxRetries: 5 })
  })
  return { dossier, relancer: async () => (relance = await lancerProfil(dossier)) }
}

/** Every address the tab's top frame went to: the login page must not be among them when the password is not needed. */
function adressesVisitees(page) {
  const adresses = []
  page.on('framenavigated', (frame) => {
    // The router's own history.replaceState at start (its index) is a same-document "navigation" to the same path:
    // one visit, not two.
    const chemin = new URL(frame.url()).pathname
    if (frame === page.mainFrame() && adresses.at(-1) !== chemin) adresses.push(chemin)
  })
  return adresses
}

/** From « Se connecter » on the page the tab is at, through the server's login page, ticking « Rester connecté » or not. */
async function connecterDepuisLaPage(page, identifiant, resterConnecte, { axe = false } = {}) {
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname === '/connexion')
  const caseACocher = page.getByRole('checkbox', { name: 'Rester connecté' })
  assert.equal(await caseACocher.isChecked(), false, 'unticked by default')
  if (axe) await sansViolationAxe(page) // the login page with its new choice and help text
  await page.getByLabel('Identifiant').fill(identifiant)
  await page.getByLabel('Mot de passe').fill(MOT_DE_PASSE_DEMO)
  if (resterConnecte) await caseACocher.check()
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await chargementsTermines(page)
}

const accueilPublic = (page) => page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()

const marqueur = async (context) => (await context.cookies()).find((c) => c.name === MARQUEUR)

test('ticked, a second tab opened on an SMS link is signed in without the password and lands on that page', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await page.goto('/')
  await accueilPublic(page)
  await connecterDepuisLaPage(page, 'parent.011', true, { axe: true })

  const cookies = await page.context().cookies()
  const session = cookies.find((c) => c.name === 'ent.session')
  assert.ok(session.expires > Date.now() / 1000 + 29 * 24 * 3600, 'a persistent login cookie, about 30 days')
  assert.equal(session.httpOnly, true)
  const indice = cookies.find((c) => c.name === MARQUEUR)
  assert.equal(indice.value, '1')
  assert.equal(indice.httpOnly, false)

  const onglet = await page.context().newPage()
  const visitees = adressesVisitees(onglet)
  await onglet.goto('/absences') // the SMS's link
  await onglet.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await chargementsTermines(onglet)
  assert.equal(new URL(onglet.url()).pathname, '/absences') // (the page then names the child in its query)
  assert.ok(!visitees.includes('/connexion'), `the password was asked: ${visitees.join(' → ')}`)
  assert.ok(visitees.includes('/connexion/retour'), 'tokens came from a silent sign-in')
  assert.deepEqual(problemes, [])
})

test('ticked, the browser restarts and is still signed in without the password', async (t) => {
  const { dossier, relancer } = await profil(t)
  const premier = await lancerProfil(dossier)
  try {
    const page = premier.pages()[0] ?? (await premier.newPage())
    await page.goto('/')
    await accueilPublic(page)
    await connecterDepuisLaPage(page, 'parent.012', true)
  } finally {
    await premier.close()
  }

  const second = await relancer()
  const page = second.pages()[0] ?? (await second.newPage())
  const visitees = adressesVisitees(page)
  await page.goto('/')
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await chargementsTermines(page)
  assert.equal(new URL(page.url()).pathname, '/')
  assert.ok(!visitees.includes('/connexion'), `the password was asked: ${visitees.join(' → ')}`)

  // A normal logout ends the kept login: the next start shows the public page, with no round trip to the server.
  await page.getByRole('button', { name: 'Se déconnecter' }).click()
  await accueilPublic(page)
  assert.equal(await marqueur(second), undefined)
  const apres = adressesVisitees(page)
  await page.goto('/')
  await accueilPublic(page)
  assert.ok(!apres.includes('/connexion/retour'), `a silent sign-in was tried after the logout: ${apres.join(' → ')}`)
})

test('unticked, the restarted browser shows the public page as before, and tries nothing', async (t) => {
  const { dossier, relancer } = await profil(t)
  const premier = await lancerProfil(dossier)
  try {
    const page = premier.pages()[0] ?? (await premier.newPage())
    await page.goto('/')
    await accueilPublic(page)
    await connecterDepuisLaPage(page, 'parent.013', false)
    assert.equal(await marqueur(premier), undefined)
  } finally {
    await premier.close()
  }

  const second = await relancer()
  const page = second.pages()[0] ?? (await second.newPage())
  const visitees = adressesVisitees(page)
  await page.goto('/')
  await accueilPublic(page)
  await page.getByRole('button', { name: 'Se connecter' }).waitFor()
  assert.deepEqual(visitees, ['/'])
})

test('a marker left without a login (a revoked or expired one) costs one round trip, never a loop', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await page.context().addCookies([{ name: MARQUEUR, value: '1', url: baseUrl }])
  const autorisations = []
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/connect/authorize') autorisations.push(r.url())
  })

  await page.goto('/absences')
  await page.getByRole('button', { name: 'Se connecter' }).waitFor()
  await page.getByRole('heading', { level: 1 }).waitFor()

  assert.equal(new URL(page.url()).pathname, '/absences')
  assert.equal(autorisations.length, 1)
  assert.equal(new URL(autorisations[0]).searchParams.get('prompt'), 'none')
  assert.equal(await marqueur(page.context()), undefined)
  await page.reload()
  await page.getByRole('button', { name: 'Se connecter' }).waitFor()
  assert.equal(autorisations.length, 1)
  assert.deepEqual(problemes, [])
})

test('the SMS link opened without a session: « Se connecter » comes back to /absences', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await page.goto('/absences')
  await page.getByRole('heading', { level: 1 }).waitFor()
  await connecterDepuisLaPage(page, 'parent.014', false)

  assert.equal(new URL(page.url()).pathname, '/absences')
  assert.deepEqual(problemes, [])
})

test('« Se déconnecter partout » in Mon compte ends the kept login: a new tab shows the public page', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await page.goto('/')
  await accueilPublic(page)
  await connecterDepuisLaPage(page, 'parent.015', true)

  await page.goto('/compte')
  const appareils = page.getByRole('region', { name: 'Appareils' })
  await appareils.getByText('Connexion mémorisée (« Rester connecté ») : l\'oublier ferme cette connexion.').waitFor()
  await chargementsTermines(page)
  await sansViolationAxe(page)
  await appareils.getByRole('button', { name: 'Se déconnecter partout' }).click()
  await page.getByText('Votre session a pris fin. Connectez-vous à nouveau pour retrouver votre espace.').waitFor()
  assert.equal(await marqueur(page.context()), undefined)

  const onglet = await page.context().newPage()
  const visitees = adressesVisitees(onglet)
  await onglet.goto('/')
  await accueilPublic(onglet)
  await onglet.getByRole('button', { name: 'Se connecter' }).waitFor()
  assert.deepEqual(visitees, ['/'])
  // The login cookie itself is dead: « Se connecter » asks for the password.
  await onglet.getByRole('button', { name: 'Se connecter' }).click()
  await onglet.waitForURL((url) => url.pathname === '/connexion')
  assert.deepEqual(problemes, [])
})
