// End-to-end (issue #16): on a phone, the head publishes an announcement with « accusé de lecture » to a class's
// families, two families confirm it from their home page, the head sees who has and has not and reminds the others,
// then withdraws it (« Retirer », after a confirmation) and a family no longer sees it: each run publishes its own,
// named by the run, reads only that one, and leaves nothing behind for the families.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, idDemo, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { width: 390, height: 844 }
const PHONE = { hasTouch: true, isMobile: true }

async function sansDefilementHorizontal(page) {
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= TELEPHONE.width, `la page fait ${largeur}px de large`)
}

/** The demo guardians' logins by person id (parent.001 …): the demo derives each id from the login. */
const parents = new Map(Array.from({ length: 400 }, (_, i) => `parent.${String(i + 1).padStart(3, '0')}`).map((l) => [idDemo(l), l]))

test('the head publishes an announcement with acknowledgement to a class, two families confirm, the head reminds the others (phone)', async (t) => {
  const titre = `Sortie au théâtre ${Date.now()}`
  const { page, problemes } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(page, 'direction')

  // The head: Annonces → the sent ones → the form.
  await naviguer(page, 'Annonces')
  await page.getByRole('heading', { level: 1, name: 'Annonces' }).waitFor()
  await chargementsTermines(page)
  await page.getByRole('link', { name: 'Publier une annonce et suivre les lectures' }).click()
  await page.getByRole('heading', { level: 1, name: 'Annonces envoyées' }).waitFor()
  await chargementsTermines(page)
  await page.getByRole('link', { name: 'Publier une annonce' }).click()
  await page.getByRole('heading', { level: 1, name: 'Publier une annonce' }).waitFor()
  await page.getByLabel('Titre').waitFor()
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)

  // Nothing chosen but a title: the server's French reasons are shown by the fields.
  await page.getByLabel('Titre').fill(titre)
  await page.getByRole('button', { name: 'Publier' }).click()
  await page.getByText('Le texte compte de 1 à 10 000 caractères.').waitFor()

  await page.getByLabel('Texte').fill('La classe de Seconde 2 ira au théâtre jeudi prochain.\nDépart à 13 h 30 devant le lycée.')
  await page.getByLabel('Seconde 2 (2NDE2)').check()
  await page.getByLabel('Demander un accusé de lecture aux familles').check()
  await page.getByRole('button', { name: 'Publier' }).click()

  // The follow-up opens: nobody has confirmed yet.
  await page.getByRole('heading', { level: 1, name: "Suivi de l'annonce" }).waitFor()
  await page.getByRole('status').getByText(/^Annonce publiée pour \d+ destinataires\.$/).waitFor()
  await page.getByText(/0 famille sur \d+ a confirmé/).first().waitFor()
  const id = new URL(page.url()).pathname.split('/')[2]
  const { corps: suivi } = await appelerApi(page, `/api/communication/annonces/${id}/suivi`)
  const familles = suivi.classes[0].eleves
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)

  // Two families whose guardian has no other child in the class (a guardian's confirmation counts for all their children).
  const compte = new Map()
  for (const f of familles) for (const r of f.responsables) compte.set(r.id, (compte.get(r.id) ?? 0) + 1)
  const choisies = familles.filter((f) => compte.get(f.responsables[0].id) === 1 && parents.has(f.responsables[0].id)).slice(0, 2)
  assert.equal(choisies.length, 2)

  for (const famille of choisies) {
    const login = parents.get(famille.responsables[0].id)
    const { page: parent, problemes: siens } = await ouvrir(t, TELEPHONE, PHONE)
    await connecter(parent, login)
    // Home: the announcement stands out (« Nouveau », « À confirmer ») and opens in the list.
    const bloc = parent.getByRole('region', { name: 'Annonces' })
    const carte = bloc.getByRole('listitem').filter({ hasText: titre })
    await carte.getByText('Nouveau').waitFor()
    await carte.getByText('À confirmer').waitFor()
    await sansViolationAxe(parent)
    await carte.getByRole('link', { name: titre }).click()
    await parent.getByRole('heading', { level: 1, name: 'Annonces' }).waitFor()
    const ouverte = parent.getByRole('listitem', { name: new RegExp(titre) })
    await ouverte.getByText('Départ à 13 h 30 devant le lycée.', { exact: false }).waitFor()
    await ouverte.getByRole('button', { name: `J'ai lu cette annonce : « ${titre} »` }).click()
    await ouverte.getByText(/^Lecture confirmée le /).waitFor()
    await sansViolationAxe(parent)
    await sansDefilementHorizontal(parent)
    assert.deepEqual(siens, [])
  }

  // The head: who has and who has not, and a reminder to the others only.
  await page.reload()
  await page.getByText(/2 familles sur \d+ ont confirmé/).first().waitFor()
  await chargementsTermines(page)
  const classe = page.locator('details').filter({ hasText: '2NDE2' })
  for (const f of choisies) await classe.getByRole('listitem').filter({ hasText: f.eleve }).getByText('✓ confirmé').waitFor()
  assert.equal(await classe.getByText('✗ pas encore confirmé').count(), familles.length - 2)
  await sansViolationAxe(page)
  const restantes = familles.length - 2
  await page.getByRole('button', { name: `Relancer les ${restantes} familles qui n'ont pas confirmé` }).click()
  await page.getByRole('status').getByText(new RegExp(`^Relance envoyée à ${restantes} familles`)).waitFor()
  await chargementsTermines(page)
  await page.getByText(/^Dernière relance : /).waitFor()
  await sansViolationAxe(page)

  // The head withdraws it: a confirmation first; the follow-up keeps it, marked withdrawn, the confirmations with it.
  await page.getByRole('button', { name: "Retirer l'annonce" }).click()
  await page.getByRole('group', { name: 'Confirmer le retrait' }).waitFor()
  await sansViolationAxe(page)
  await page.getByRole('button', { name: 'Confirmer le retrait' }).click()
  await page.getByRole('status').getByText('Annonce retirée : ses destinataires ne la voient plus.').waitFor()
  await chargementsTermines(page)
  await page.getByText(/^Retirée le /).waitFor()
  await page.getByText(/2 familles sur \d+ ont confirmé/).first().waitFor()
  assert.equal(await page.getByRole('button', { name: "Retirer l'annonce" }).count(), 0)
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)

  // A family that had confirmed it no longer sees it: not on its home page, not in its list.
  const { page: famille } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(famille, parents.get(choisies[0].responsables[0].id))
  await chargementsTermines(famille)
  assert.equal(await famille.getByText(titre).count(), 0)
  await naviguer(famille, 'Annonces')
  await famille.getByRole('heading', { level: 1, name: 'Annonces' }).waitFor()
  await chargementsTermines(famille)
  assert.equal(await famille.getByText(titre).count(), 0)
  const { corps: siennes } = await appelerApi(famille, '/api/communication/me/annonces')
  assert.ok(!siennes.some((a) => a.id === id), 'la famille voit encore l’annonce retirée')
  // The one 400 is the refusal asked for above (no text, no class), and the browser's console line about it.
  assert.deepEqual(problemes, [
    `HTTP 400: ${new URL('/api/communication/etablissements/0750000A/annonces', page.url())}`,
    'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
  ])
})
