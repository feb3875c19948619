// End-to-end (issue 18): on a phone, a pupil opens a digital textbook from « Mes manuels et ressources » (the GAR's web
// service is a WireMock.Net stand-in over mutual TLS, started by build.ps1), and their legal guardian sees it in the
// week's list of resources their child opened. The GAR's own page, where « Ouvrir » leads, is answered by the test.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, idDemo, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { width: 390, height: 844 }
const PHONE = { hasTouch: true, isMobile: true }
const MANUEL = 'Mathématiques 2de — manuel numérique'

async function sansDefilementHorizontal(page) {
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= TELEPHONE.width, `la page fait ${largeur}px de large`)
}

test("a pupil opens a textbook through the GAR and their guardian sees it in the week's list (phone)", async (t) => {
  // The pupil: Scolarité › Manuels et ressources, the GAR's list with its two textbooks.
  const { page, problemes } = await ouvrir(t, TELEPHONE, PHONE)
  await page.context().route(/\/acces\//, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: '<!doctype html><html lang="fr"><title>GAR</title><h1>Manuel ouvert</h1></html>' }),
  )
  await connecter(page, 'eleve.004')
  await naviguer(page, 'Manuels et ressources')
  await page.getByRole('heading', { level: 1, name: 'Mes manuels et ressources' }).waitFor()
  await page.getByRole('heading', { level: 3, name: MANUEL }).waitFor({ timeout: 20_000 })
  await chargementsTermines(page)
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)

  // « Ouvrir » opens the GAR's page in a new tab, and the opening is recorded for the family.
  const lien = page.getByRole('link', { name: `Ouvrir « ${MANUEL} » (nouvel onglet)` })
  const [onglet, enregistree] = await Promise.all([
    page.waitForEvent('popup'),
    page.waitForResponse((r) => r.url().endsWith('/api/ressources/me/ressources-numeriques/ouvertures') && r.request().method() === 'POST'),
    lien.click(),
  ])
  assert.equal(enregistree.status(), 201)
  await onglet.getByRole('heading', { name: 'Manuel ouvert' }).waitFor()
  await onglet.close()

  // A guardian of eleve.004 (the demo's family 4): Scolarité › Manuels et ressources, this week's openings.
  const { page: parent, problemes: siens } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(parent, 'parent.007')
  const moi = (await appelerApi(parent, '/api/identite/me')).corps
  assert.ok(moi.enfants.some((e) => e.id === idDemo('eleve.004')), 'parent.007 est responsable de eleve.004')
  await naviguer(parent, 'Manuels et ressources')
  await parent.getByRole('heading', { level: 1, name: 'Manuels et ressources' }).waitFor()
  await chargementsTermines(parent)
  // The family has two children at the lycée (eleve.004 and eleve.064): the page for eleve.004, as its link names it.
  await parent.goto(`/ressources?eleve=${idDemo('eleve.004')}`)
  await parent.getByRole('heading', { level: 1, name: 'Manuels et ressources' }).waitFor()
  const semaine = parent.getByRole('region', { name: /^Ressources ouvertes/ })
  await semaine.getByRole('heading', { level: 3, name: MANUEL }).waitFor()
  assert.match(await semaine.textContent(), /Éditions de démonstration · ouverte le/)
  assert.match(await semaine.textContent(), /Conservation : /)
  await chargementsTermines(parent)
  await sansViolationAxe(parent)
  await sansDefilementHorizontal(parent)

  // Another family sees nothing of it (404).
  const { page: autre } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(autre, 'parent.001')
  assert.equal((await appelerApi(autre, `/api/ressources/eleves/${idDemo('eleve.004')}/ressources-ouvertes`)).status, 404)
  assert.deepEqual([...problemes, ...siens], [])
})
