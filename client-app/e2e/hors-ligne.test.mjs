// End-to-end: the installable, offline-capable app of issue 19 (node --test e2e/hors-ligne.test.mjs), on a phone. The
// install criteria (manifest, icons, a worker controlling the page); a guardian's grades read online and shown
// offline with their date, a write refused offline; after a logout, another guardian offline sees nothing of the first.
// parent.010 (family 6) and parent.012 (family 7) are of two families no other file uses; offline, nothing is written.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { appelerApi, artifacts, baseUrl, chargementsTermines, connecter, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const PREMIER = 'parent.010'
const SECOND = 'parent.012'
const BANDEAU = /^Hors connexion — (notes|données) du (1er|\d{1,2}) \S+ à \d{1,2} h \d{2}$/
const ECRITURE_REFUSEE = "Vous êtes hors connexion : rien n'a été envoyé, et rien ne partira tout seul. Réessayez quand le réseau revient."

/** The page is controlled by the app's service worker (it takes the page at its first install). */
const travailleurActif = (page) =>
  page.waitForFunction(async () => {
    const inscription = await navigator.serviceWorker.ready
    return !!inscription.active && navigator.serviceWorker.controller?.scriptURL.endsWith('/sw.js')
  })

/** The offline banner, once shown. */
const bandeau = (page) => page.locator('.bandeau-hors-ligne')

/**
 * Offline, requests fail on purpose: only what the app itself would never do is a problem (uncaught errors, console
 * errors other than the browser's own report of a failed load).
 */
const sansErreurDeLaPage = (problemes) => problemes.filter((p) => p.startsWith('pageerror') || (p.startsWith('console') && !p.includes('net::ERR_INTERNET_DISCONNECTED')))

test('install criteria: a manifest with its icons, and a service worker controlling the page', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await page.goto('/', { waitUntil: 'networkidle' })
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()

  const lien = await page.locator('link[rel="manifest"]').getAttribute('href')
  assert.equal(lien, '/manifest.webmanifest')
  const reponse = await page.request.get(lien)
  assert.equal(reponse.status(), 200)
  assert.match(reponse.headers()['content-type'], /^application\/manifest\+json/)
  const manifeste = await reponse.json()
  assert.equal(manifeste.name, 'Ent — espace numérique de travail')
  assert.equal(manifeste.short_name, 'Ent')
  assert.equal(manifeste.lang, 'fr')
  assert.equal(manifeste.start_url, '/')
  assert.equal(manifeste.scope, '/')
  assert.equal(manifeste.display, 'standalone')
  assert.match(manifeste.theme_color, /^#[0-9a-f]{6}$/i)
  assert.match(manifeste.background_color, /^#[0-9a-f]{6}$/i)
  // Chromium's criteria: a 192 and a 512 px icon; plus a maskable one for Android's shapes.
  const tailles = manifeste.icons.map((i) => `${i.sizes} ${i.purpose ?? 'any'}`)
  for (const attendue of ['192x192 any', '512x512 any', '512x512 maskable']) assert.ok(tailles.includes(attendue), `icône ${attendue}`)
  for (const icone of manifeste.icons) {
    const image = await page.request.get(icone.src)
    assert.equal(image.status(), 200, icone.src)
    assert.equal(image.headers()['content-type'], 'image/png', icone.src)
    const octets = await image.body()
    // PNG signature, then IHDR's width and height: the size the manifest says.
    assert.equal(octets.subarray(1, 4).toString('ascii'), 'PNG')
    assert.equal(`${octets.readUInt32BE(16)}x${octets.readUInt32BE(20)}`, icone.sizes, icone.src)
  }

  await travailleurActif(page)
  const sw = await page.request.get('/sw.js')
  assert.equal(sw.headers()['cache-control'], 'no-cache')
  assert.match(sw.headers()['content-security-policy'], /worker-src 'self'/)

  // Chromium's own verdict (Page.getInstallabilityErrors). A test's browser context is an incognito one, where Chromium
  // never offers to install: that one reason is the test's, not the app's; any other would be the app's.
  const cdp = await page.context().newCDPSession(page)
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors')
  const raisons = installabilityErrors.map((e) => e.errorId)
  console.log(`critères d'installation de Chromium, hors navigation privée : ${raisons.filter((r) => r !== 'in-incognito').length === 0 ? 'remplis' : raisons.join(', ')}`)
  assert.deepEqual(
    raisons.filter((r) => r !== 'in-incognito'),
    [],
  )
  assert.deepEqual(problemes, [])
})

test('grades read online are shown offline with their date; a write offline is refused; the next guardian sees nothing of the first', async (t) => {
  const { page, problemes } = await ouvrir(t)
  const context = page.context()
  await connecter(page, PREMIER)
  await travailleurActif(page)
  const moi = (await appelerApi(page, '/api/identite/me')).corps
  const enfant = moi.enfants[0]
  const nomEnfant = `${enfant.prenom} ${enfant.nom}`

  // Online: the grades page, from the menu.
  await naviguer(page, 'Notes')
  await page.waitForURL((url) => url.pathname === '/notes')
  await page.getByRole('heading', { level: 2, name: 'Par matière' }).waitFor()
  await chargementsTermines(page)
  const matieres = page.getByRole('heading', { level: 2, name: 'Par matière' }).locator('xpath=..').getByRole('heading', { level: 3 })
  const enLigne = await matieres.allTextContents()
  assert.ok(enLigne.length > 0)
  assert.equal(await bandeau(page).count(), 0)
  await naviguer(page, 'Accueil')
  await page.waitForURL((url) => url.pathname === '/')
  await chargementsTermines(page)
  await page.waitForLoadState('networkidle')

  // Offline: the menu leads to the same grades, said to be from this device, with their date.
  await context.setOffline(true)
  await naviguer(page, 'Notes')
  await page.waitForURL((url) => url.pathname === '/notes')
  await page.getByRole('heading', { level: 2, name: 'Par matière' }).waitFor()
  assert.deepEqual(await matieres.allTextContents(), enLigne)
  await bandeau(page).waitFor()
  const texte = (await bandeau(page).textContent()).trim()
  assert.match(texte, BANDEAU)
  assert.match(texte, /^Hors connexion — notes du /)
  // A polite live region: read out, not interrupting.
  assert.equal(await bandeau(page).locator('xpath=..').getAttribute('aria-live'), 'polite')
  await sansViolationAxe(page)
  const capture = path.join(artifacts, 'hors-ligne-notes-telephone.png')
  await page.screenshot({ path: capture, fullPage: true })
  console.log(`bandeau : « ${texte} » ; capture d'écran : ${capture}`)

  // A write offline: refused at once with the reason, nothing sent (the home's « Tout marquer comme lu »; a sign-in
  // notifies the guardian, so there is an unread one).
  await naviguer(page, 'Accueil')
  await page.waitForURL((url) => url.pathname === '/')
  const notifications = page.getByRole('region', { name: 'Notifications' })
  const toutLire = notifications.getByRole('button', { name: 'Tout marquer comme lu' })
  await toutLire.waitFor()
  const ecritures = []
  page.on('request', (r) => {
    if (r.method() !== 'GET') ecritures.push(`${r.method()} ${r.url()}`)
  })
  await toutLire.click()
  await notifications.getByRole('alert').filter({ hasText: ECRITURE_REFUSEE }).waitFor()
  assert.deepEqual(ecritures, [])

  // Reloaded offline (the installed app opened without network): the shell comes from the worker, the grades from
  // the store.
  await page.goto('/notes')
  await page.getByRole('heading', { level: 2, name: 'Par matière' }).waitFor()
  assert.deepEqual(await matieres.allTextContents(), enLigne)
  assert.match((await bandeau(page).textContent()).trim(), BANDEAU)

  // Back online: logout, then another family's guardian signs in on the same device.
  await context.setOffline(false)
  await naviguer(page, 'Accueil')
  await chargementsTermines(page)
  await page.getByRole('button', { name: 'Se déconnecter' }).click()
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()
  const restantes = await page.evaluate(
    () =>
      new Promise((resoudre, rejeter) => {
        const ouverture = indexedDB.open('ent-hors-ligne')
        ouverture.onerror = () => rejeter(ouverture.error)
        ouverture.onsuccess = () => {
          const compte = ouverture.result.transaction('reponses').objectStore('reponses').count()
          compte.onsuccess = () => resoudre(compte.result)
        }
      }),
  )
  assert.equal(restantes, 0, 'le magasin est vidé à la déconnexion')

  await connecter(page, SECOND)
  const autre = (await appelerApi(page, '/api/identite/me')).corps
  assert.ok(!autre.enfants.some((e) => e.id === enfant.id), 'deux familles différentes')
  await context.setOffline(true)
  await naviguer(page, 'Notes')
  await page.waitForURL((url) => url.pathname === '/notes')
  // Never read by this guardian on this device: said so, and nothing of the first family is on the page.
  await page.getByText("Vous êtes hors connexion et cette page n'a pas encore été consultée sur cet appareil.", { exact: false }).first().waitFor()
  const contenu = await page.locator('main').textContent()
  assert.ok(!contenu.includes(nomEnfant), `${nomEnfant} ne doit pas apparaître`)
  for (const matiere of enLigne) assert.ok(!contenu.includes(`${matiere}Moyenne`), matiere)

  const propres = sansErreurDeLaPage(problemes)
  if (propres.length > 0) console.log(problemes.join('\n'))
  assert.deepEqual(propres, [])
  console.log(`hôte : ${baseUrl}`)
})
