// End-to-end (issue 17): on a phone, a pupil files a harassment report with the établissement's form (a required field
// forgotten first: the server's reason shows by the field), the CPE finds it in the reports received, takes it in hand
// and answers; the pupil reads the answer. A teacher of the pupil cannot read it. Each run files its own report, named
// by the run, and reads only that one.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, idDemo, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { width: 390, height: 844 }
const PHONE = { hasTouch: true, isMobile: true }

async function sansDefilementHorizontal(page) {
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= TELEPHONE.width, `la page fait ${largeur}px de large`)
}

test('a pupil files a harassment report and the CPE answers it (phone)', async (t) => {
  const recit = `Des élèves m'insultent à chaque récréation (${Date.now()}).`
  const { page, problemes } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(page, 'eleve.007')

  // The pupil: Signalements → the harassment form, said to be read by the direction and the CPE only.
  await naviguer(page, 'Signalements')
  await page.getByRole('heading', { level: 1, name: 'Signalements' }).waitFor()
  await chargementsTermines(page)
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)
  await page.getByRole('link', { name: 'Remplir « Signaler un harcèlement »' }).click()
  await page.getByRole('heading', { level: 1, name: 'Signaler un harcèlement' }).waitFor()
  await page.getByText('seuls la direction et le CPE liront ce signalement', { exact: false }).waitFor()
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)

  // A choice made, the story forgotten: the server's reason by the field, the focus on the alert.
  await page.getByRole('radio', { name: 'Sur internet ou les réseaux sociaux' }).check()
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
  await page.getByText("« Que s'est-il passé ? » : ce champ est obligatoire.").waitFor()
  // The focus moves to the alert once it is shown (an effect after the render: later than the text on a loaded machine).
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'alert', null, { timeout: 5_000 })
  await sansViolationAxe(page)

  await page.getByLabel("Que s'est-il passé ? (obligatoire)").fill(recit)
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click()
  await page.getByRole('status').getByText('Votre signalement est envoyé. Vous serez prévenu de la réponse.').waitFor()
  await page.getByText('Reçu', { exact: true }).waitFor()
  const id = new URL(page.url()).pathname.split('/')[2]
  await chargementsTermines(page)
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)

  // A teacher of the pupil: « unknown ». prof.01 teaches French in every class but TG1, prof.12 in TG1: the one who
  // reads the pupil's absences is theirs.
  let { page: prof } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(prof, 'prof.01')
  if ((await appelerApi(prof, `/api/viescolaire/eleves/${idDemo('eleve.007')}/absences`)).status !== 200) {
    ;({ page: prof } = await ouvrir(t, TELEPHONE, PHONE))
    await connecter(prof, 'prof.12')
  }
  assert.equal((await appelerApi(prof, `/api/viescolaire/eleves/${idDemo('eleve.007')}/absences`)).status, 200)
  assert.equal((await appelerApi(prof, `/api/communication/signalements/${id}`)).status, 404)
  assert.equal((await appelerApi(prof, '/api/communication/etablissements/0750000A/signalements')).status, 404)

  // The CPE: Signalements reçus → the report → take it in hand → answer.
  const { page: cpe, problemes: siens } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(cpe, 'cpe')
  await naviguer(cpe, 'Signalements reçus')
  await cpe.getByRole('heading', { level: 1, name: 'Signalements reçus' }).waitFor()
  await chargementsTermines(cpe)
  await sansViolationAxe(cpe)
  await sansDefilementHorizontal(cpe)
  await cpe.locator(`a[href="/signalements/${id}"]`).click()
  await cpe.getByRole('heading', { level: 1, name: 'Signaler un harcèlement' }).waitFor()
  await cpe.getByText(recit).waitFor()
  await cpe.getByText('Chaque lecture de ce signalement est inscrite au journal des accès.').waitFor()
  await sansViolationAxe(cpe)
  await cpe.getByRole('button', { name: 'Prendre en charge' }).click()
  await cpe.getByRole('status').getByText('Le signalement est pris en charge.').waitFor()
  await cpe.getByText('En cours', { exact: true }).first().waitFor()
  await chargementsTermines(cpe)
  await cpe.getByLabel(/^Répondre à /).fill('Merci de nous avoir écrit. Viens me voir demain à 10 h au bureau de la vie scolaire.')
  await cpe.getByRole('button', { name: 'Envoyer', exact: true }).click()
  await cpe.getByRole('status').getByText('Votre réponse est envoyée.').waitFor()
  await cpe.getByText('Répondu', { exact: true }).first().waitFor()
  await chargementsTermines(cpe)
  await sansViolationAxe(cpe)
  await sansDefilementHorizontal(cpe)
  assert.deepEqual(siens, [])

  // The pupil reads the answer.
  await page.reload()
  await page.getByText('Viens me voir demain à 10 h au bureau de la vie scolaire.', { exact: false }).waitFor()
  await page.getByText('Répondu', { exact: true }).first().waitFor()
  await chargementsTermines(page)
  await sansViolationAxe(page)
  // The one 400 is the refusal asked for above (the story left out), and the browser's console line about it.
  assert.deepEqual(problemes, [
    `HTTP 400: ${new URL('/api/communication/me/signalements', page.url())}`,
    'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
  ])
})
