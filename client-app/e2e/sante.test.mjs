// End-to-end (issue 18): on a phone, the nurse finds a pupil who walked into the infirmary, records a visit that sends
// them home, and the legal guardian is told at once: the notification (without the reason) leads to the child's health
// record, where the visit is. A teacher of the pupil reads nothing of it. Each run's visit is named by the run.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, idDemo, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { width: 390, height: 844 }
const PHONE = { hasTouch: true, isMobile: true }

async function sansDefilementHorizontal(page) {
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= TELEPHONE.width, `la page fait ${largeur}px de large`)
}

test('the nurse sends a pupil home and the guardian is told and reads the visit (phone)', async (t) => {
  const soins = `Température 38,7 °C, repos allongé (${Date.now()}).`
  const eleveId = idDemo('eleve.009')

  // The guardian of eleve.009 (the demo's family 9): their child's name, as the app shows it.
  const { page: parent, problemes } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(parent, 'parent.016')
  const moi = (await appelerApi(parent, '/api/identite/me')).corps
  const enfant = moi.enfants.find((e) => e.id === eleveId)
  assert.ok(enfant, 'parent.016 est responsable de eleve.009')
  assert.ok(enfant.domaines.includes('sante'))

  // The nurse: Infirmerie → the search → the pupil's record.
  const { page: infirmerie, problemes: siens } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(infirmerie, 'infirmerie')
  await naviguer(infirmerie, 'Infirmerie')
  await infirmerie.getByRole('heading', { level: 1, name: 'Infirmerie' }).waitFor()
  await chargementsTermines(infirmerie)
  await sansViolationAxe(infirmerie)
  await sansDefilementHorizontal(infirmerie)
  await infirmerie.getByLabel("Nom ou prénom de l'élève").fill(`${enfant.prenom} ${enfant.nom}`)
  await infirmerie.getByRole('button', { name: 'Chercher' }).click()
  await infirmerie.locator(`a[href="/infirmerie/eleves/${eleveId}"]`).first().click()
  await infirmerie.getByRole('heading', { level: 1, name: 'Dossier de santé' }).waitFor()
  await chargementsTermines(infirmerie)
  await sansViolationAxe(infirmerie)
  await sansDefilementHorizontal(infirmerie)

  // Sent home: the form says the family will be told, and how little the message says.
  await infirmerie.getByRole('radio', { name: 'Malaise' }).check()
  await infirmerie.getByLabel('Soins donnés').fill(soins)
  await infirmerie.getByRole('radio', { name: /Rentre au domicile avec sa famille/ }).check()
  await infirmerie.getByText('Les responsables légaux recevront aussitôt un SMS et une notification', { exact: false }).waitFor()
  await infirmerie.getByRole('button', { name: 'Enregistrer le passage' }).click()
  await infirmerie.getByRole('status').getByText('Passage enregistré. La famille est prévenue (SMS et application).').waitFor()
  await infirmerie.getByText(soins).waitFor()
  await chargementsTermines(infirmerie)
  await sansViolationAxe(infirmerie)

  // The guardian: the infirmary's message, in the app within seconds (the delivery worker), then the record.
  let notification = null
  for (let essai = 0; essai < 40 && !notification; essai++) {
    const liste = (await appelerApi(parent, '/api/communication/me/notifications')).corps
    notification = (liste.notifications ?? liste).find((n) => n.categorie === 'sante' && n.eleveId === eleveId && n.lien?.includes('passage='))
    if (!notification) await parent.waitForTimeout(250)
  }
  assert.ok(notification, "la notification de l'infirmerie est arrivée")
  assert.match(notification.texte, /doit rentrer au domicile/)
  assert.doesNotMatch(notification.texte, /38,7|Malaise|malaise/, 'ni le motif ni les soins dans le message')

  await parent.goto(notification.lien)
  await parent.getByRole('heading', { level: 1, name: /^Santé/ }).waitFor()
  await chargementsTermines(parent)
  await parent.getByText(soins).waitFor()
  const visite = parent.locator('li.passage.cible')
  assert.match(await visite.textContent(), /Rentré au domicile avec sa famille/)
  assert.match(await visite.textContent(), /famille prévenue aussitôt/)
  await sansViolationAxe(parent)
  await sansDefilementHorizontal(parent)

  // A teacher of the pupil: nothing of the record (404).
  const { page: prof } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(prof, 'prof.01')
  assert.equal((await appelerApi(prof, `/api/viescolaire/eleves/${eleveId}/sante`)).status, 404)
  assert.deepEqual([...problemes, ...siens], [])
})
