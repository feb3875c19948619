// End-to-end, the timetable chain on a phone: the vie scolaire desk cancels a lesson of a pupil's class → the
// family's notifications tell it (one message) → its link opens the timetable on that day, the lesson struck through
// and said « Annulé — … ». The change is withdrawn afterwards, so that the other files find the timetable as it was.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, idDemo, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { viewport: { width: 390, height: 844 }, options: { hasTouch: true, isMobile: true } }
// Unique per run: a run that failed before its withdrawal leaves its own notification behind.
const MOTIF = `Professeur absent (essai ${Date.now() % 1_000_000})`

/** A day as the API writes it, n days after today at Paris. */
const jourParis = (decalage = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + decalage * 86_400_000),
  )

/** « 10:00 », as the desk's checkboxes name a lesson. */
const heure = (iso) => new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(iso))

test('the desk cancels a lesson → the family is told and the timetable shows it struck', async (t) => {
  const famille = await ouvrir(t, TELEPHONE.viewport, TELEPHONE.options)
  await connecter(famille.page, 'parent.001')
  const eleveId = idDemo('eleve.001')
  // A lesson of eleve.001's from tomorrow on (today's are the roll call tests'), as timetabled.
  const edt = await appelerApi(famille.page, `/api/scolarite/eleves/${eleveId}/emploi-du-temps?du=${jourParis(1)}&au=${jourParis(14)}`)
  assert.equal(edt.status, 200)
  const cours = edt.corps.eleves[0].cours.find((c) => c.statut === 'normal')
  if (!cours) {
    t.skip("la démo n'a pas encore d'emploi du temps dans Scolarité")
    return
  }
  const jour = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(cours.debut))
  const classe = await appelerApi(famille.page, `/api/scolarite/eleves/${eleveId}/emploi-du-temps?du=${jour}&au=${jour}`)
  const libelleClasse = classe.corps.eleves[0].classe

  // The desk: the class's day, the lesson ticked, cancelled with the reason families read.
  const bureau = await ouvrir(t, { width: 1280, height: 900 })
  await connecter(bureau.page, 'cpe')
  const structure = await appelerApi(bureau.page, `/api/scolarite/etablissements/0750000A/emploi-du-temps?du=${jour}&au=${jour}`)
  const code = structure.corps.classes.find((c) => c.libelle === libelleClasse).code
  await bureau.page.goto(`/vie-scolaire/emploi-du-temps?classe=${code}&jour=${jour}`)
  await bureau.page.getByRole('checkbox', { name: `Choisir ${cours.matiere}, ${cours.classe}, ${heure(cours.debut)}` }).check()
  await bureau.page.getByLabel(/Motif lu par les familles/).fill(MOTIF)
  await bureau.page.getByRole('button', { name: 'Enregistrer et prévenir les familles' }).click()
  await bureau.page.getByText('1 cours modifié : les élèves et leurs familles sont prévenus.').waitFor()
  await chargementsTermines(bureau.page)
  await sansViolationAxe(bureau.page)
  const modification = (await appelerApi(bureau.page, `/api/scolarite/eleves/${eleveId}/emploi-du-temps?du=${jour}&au=${jour}`)).corps.eleves[0].cours.find(
    (c) => c.serviceId === cours.serviceId && c.debut === cours.debut,
  )
  assert.equal(modification.statut, 'annule')
  assert.deepEqual(bureau.problemes, [])
  try {
    await familleVoitLAnnulation(famille, cours, jour)
  } finally {
    // Withdrawn while the desk's page is open (the pages close after the test).
    const retrait = await appelerApi(bureau.page, `/api/scolarite/etablissements/0750000A/modifications-cours/${modification.modificationId}`, { method: 'DELETE' })
    assert.equal(retrait.status, 204)
  }
})

async function familleVoitLAnnulation(famille, cours, jour) {
  // The family: one notification (the outbox worker delivers in-app at once), whose link opens that day.
  const { page } = famille
  let notification
  for (let essai = 0; essai < 50 && !notification; essai++) {
    await page.goto('/')
    await page.getByRole('heading', { name: 'Notifications' }).waitFor()
    await chargementsTermines(page)
    const cartes = page.locator('li.notification', { hasText: MOTIF })
    if ((await cartes.count()) > 0) notification = cartes
    else await page.waitForTimeout(200)
  }
  assert.ok(notification, 'la notification de la famille')
  assert.equal(await notification.count(), 1, 'une seule notification pour la famille')
  assert.match(await notification.innerText(), new RegExp(`${cours.matiere}.*annulé`))
  await notification.getByRole('link').click()
  await page.waitForURL((url) => url.pathname === '/emploi-du-temps' && url.searchParams.get('jour') === jour)
  const ligne = page.locator('li.cours', { hasText: `Annulé — ${MOTIF}` })
  await ligne.waitFor()
  assert.ok((await ligne.locator('s').innerText()).includes(cours.matiere), 'le cours annulé est barré')
  await chargementsTermines(page)
  await sansViolationAxe(page)

  // The menu entry leads there too.
  await page.goto('/')
  await chargementsTermines(page)
  await naviguer(page, 'Emploi du temps')
  await page.getByRole('heading', { level: 1, name: 'Emploi du temps' }).waitFor()
  await chargementsTermines(page)
  assert.deepEqual(famille.problemes, [])
}

test('the family’s week on a phone and a teacher’s timetable read without fault', async (t) => {
  const { page, problemes } = await ouvrir(t, TELEPHONE.viewport, TELEPHONE.options)
  await connecter(page, 'parent.001')
  await naviguer(page, 'Emploi du temps')
  await page.getByRole('heading', { level: 1, name: 'Emploi du temps' }).waitFor()
  await chargementsTermines(page)
  await page.getByRole('button', { name: 'Jour suivant' }).click()
  await page.getByRole('button', { name: 'Vue semaine' }).click()
  await page.getByRole('heading', { level: 2, name: /^Semaine du/ }).waitFor()
  await chargementsTermines(page)
  await sansViolationAxe(page)
  assert.deepEqual(problemes, [])

  const prof = await ouvrir(t, TELEPHONE.viewport, TELEPHONE.options)
  await connecter(prof.page, 'prof.01')
  await naviguer(prof.page, 'Mon emploi du temps')
  await prof.page.getByRole('heading', { level: 1, name: 'Mon emploi du temps' }).waitFor()
  await chargementsTermines(prof.page)
  await sansViolationAxe(prof.page)
  assert.deepEqual(prof.problemes, [])
})
