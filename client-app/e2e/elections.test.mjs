// End-to-end (issue 17): on a phone, a guardian votes at a parents' election in three taps and sees « A voté »; a
// second attempt is refused; after closing, the head publishes the results and the guardian reads them. The election
// is set up through the API by the head (it opens in seconds and closes within a minute: the screen offers minutes).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { width: 390, height: 844 }
const PHONE = { hasTouch: true, isMobile: true }

async function sansDefilementHorizontal(page) {
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= TELEPHONE.width, `la page fait ${largeur}px de large`)
}

const attendreJusqua = (instant) => new Promise((r) => setTimeout(r, Math.max(0, new Date(instant).getTime() - Date.now())))

test('a guardian votes in three taps and sees « A voté », a second vote is refused, the head publishes the results (phone)', async (t) => {
  const titre = `Conseil d'administration ${Date.now()}`
  const { page: tete } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(tete, 'direction')
  const ouverture = new Date(Date.now() + 5_000).toISOString()
  const cloture = new Date(Date.now() + 75_000).toISOString()
  const creee = await appelerApi(tete, '/api/communication/etablissements/0750000A/elections', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      titre,
      sieges: 3,
      ouverture,
      cloture,
      correspondance: false,
      listes: [
        { nom: 'Parents unis', candidats: [{ nom: 'Martin', prenom: 'Claire', dateNaissance: '1978-03-14' }, { nom: 'Durand', prenom: 'Luc', dateNaissance: '1972-01-19' }] },
        { nom: 'Agir ensemble', candidats: [{ nom: 'Simon', prenom: 'Nadia', dateNaissance: '1980-02-25' }] },
      ],
    }),
  })
  assert.equal(creee.status, 201, JSON.stringify(creee.corps))
  const id = creee.corps.id

  // The guardian, once voting is open: Communication › Élections, « Voter » (tap 1), a list (tap 2), the confirmation (tap 3).
  const { page: parent, problemes } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(parent, 'parent.001')
  await attendreJusqua(ouverture)
  await naviguer(parent, 'Élections')
  await parent.getByRole('heading', { level: 1, name: 'Élections' }).waitFor()
  await chargementsTermines(parent)
  await sansViolationAxe(parent)
  await parent.getByRole('link', { name: `Voter : ${titre}` }).click()
  await parent.getByRole('heading', { level: 1, name: titre }).waitFor()
  await parent.getByLabel('Agir ensemble').check()
  await sansViolationAxe(parent)
  await sansDefilementHorizontal(parent)
  await parent.getByRole('button', { name: 'Confirmer mon vote pour « Agir ensemble »' }).click()
  const aVote = parent.getByRole('heading', { level: 2, name: 'A voté' })
  await aVote.waitFor()
  assert.equal(await aVote.evaluate((h) => h === document.activeElement), true)
  const recu = await parent.locator('.recu').textContent()
  assert.match(recu, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
  await sansViolationAxe(parent)
  await sansDefilementHorizontal(parent)

  // The receipt is in the urn.
  await parent.getByRole('button', { name: 'Vérifier' }).click()
  await parent.getByText('Votre bulletin est dans l’urne.').waitFor()

  // A second attempt is refused (409, in words), and the page, reloaded, still says « A voté » with no ballot.
  const encore = await appelerApi(parent, `/api/communication/elections/${id}/vote`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ listeId: (await appelerApi(parent, `/api/communication/elections/${id}`)).corps.listes[0].id }),
  })
  assert.equal(encore.status, 409)
  assert.match(encore.corps.detail, /^Vous avez déjà voté à cette élection/)
  await parent.reload()
  await parent.getByRole('heading', { level: 2, name: 'A voté' }).waitFor()
  assert.equal(await parent.getByRole('button', { name: /Confirmer mon vote/ }).count(), 0)

  // Results are not for before closing.
  assert.equal((await appelerApi(parent, `/api/communication/elections/${id}/resultats`)).status, 403)

  // After closing, the head reads the count and publishes it.
  await attendreJusqua(cloture)
  await naviguer(tete, 'Élections')
  await tete.getByRole('heading', { level: 1, name: 'Élections' }).waitFor()
  await chargementsTermines(tete)
  await tete.getByRole('link', { name: 'Organiser les élections des parents' }).click()
  await tete.getByRole('heading', { level: 1, name: 'Élections des parents' }).waitFor()
  await chargementsTermines(tete)
  await tete.getByRole('link', { name: titre }).click()
  await tete.getByRole('heading', { level: 1, name: titre }).waitFor()
  const tableau = tete.getByRole('table', { name: 'Voix et sièges par liste (plus fort reste)' })
  await tableau.waitFor()
  await sansViolationAxe(tete)
  await sansDefilementHorizontal(tete)
  await tete.getByRole('button', { name: 'Publier les résultats aux familles' }).click()
  await tete.getByRole('status').getByText('Résultats publiés aux familles.').waitFor()

  // The guardian reads them.
  await parent.reload()
  await parent.getByRole('table', { name: 'Voix et sièges par liste (plus fort reste)' }).waitFor()
  const lignes = await parent.getByRole('table').getByRole('row').allTextContents()
  assert.ok(lignes.some((l) => l.startsWith('Agir ensemble')), lignes.join(' | '))
  await sansViolationAxe(parent)
  // The refusals this test asked for (the second vote, the results before closing) are the only errors.
  // (the browser also reports each in the console, without its address).
  const demandes = /^(HTTP (403|409): .*\/api\/communication\/elections\/|console: Failed to load resource: the server responded with a status of (403|409) )/
  assert.equal(problemes.filter((p) => demandes.test(p)).length, 4, problemes.join('\n'))
  assert.deepEqual(problemes.filter((p) => !demandes.test(p)), [])
})
