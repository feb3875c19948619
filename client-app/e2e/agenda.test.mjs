// End-to-end: the school calendar (issue 16) on a phone (node --test e2e/). parent.021 is used by no other test.
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import path from 'node:path'
import { appelerApi, artifacts, chargementsTermines, connecter, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const parisLe = (decalage) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + decalage * 86_400_000),
  )

test('the head adds an outing for a class; a guardian of that class sees it on their phone, named by child, and downloads its .ics', async (t) => {
  // The guardian's child's class, as the demo's councils say it (any day of the year, a council is within 200 days).
  const famille = await ouvrir(t)
  await connecter(famille.page, 'parent.021')
  const { corps: evenements } = await appelerApi(famille.page, `/api/communication/me/evenements?du=${parisLe(-200)}&au=${parisLe(200)}`)
  const conseil = evenements.find((e) => e.categorie === 'conseil_classe' && e.pour.length > 0)
  assert.ok(conseil, 'un conseil de classe de l’enfant dans la démo')
  const classe = conseil.audience.divisions[0]
  const enfant = conseil.pour[0]

  // The head, on a phone: Agenda › Calendrier de l'établissement › Ajouter un événement.
  const direction = await ouvrir(t)
  await connecter(direction.page, 'direction')
  await naviguer(direction.page, 'Agenda')
  await direction.page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor()
  await chargementsTermines(direction.page)
  await direction.page.getByRole('link', { name: "Calendrier de l'établissement (toutes les classes)" }).click()
  await direction.page.getByRole('heading', { level: 1, name: "Calendrier de l'établissement" }).waitFor()
  await direction.page.getByRole('button', { name: 'Ajouter un événement' }).click()
  const formulaire = direction.page.getByRole('form', { name: 'Nouvel événement' })
  const titre = `Sortie au musée — ${classe.libelle} (${Date.now()})`
  await formulaire.getByLabel('Titre').fill(titre)
  await formulaire.getByLabel('Catégorie').selectOption('sortie')
  await formulaire.getByLabel('Premier jour').fill(parisLe(7))
  await formulaire.getByLabel('Heure de début').fill('08:30')
  await formulaire.getByLabel('Heure de fin').fill('16:30')
  await formulaire.getByLabel('Lieu').fill("Musée d'Orsay")
  await formulaire.getByLabel(classe.libelle, { exact: true }).check()
  await formulaire.getByLabel('Personnels').uncheck()
  await sansViolationAxe(direction.page)
  await formulaire.getByRole('button', { name: 'Enregistrer' }).click()
  await direction.page.getByText(`Événement « ${titre} » ajouté au calendrier.`).waitFor()
  await direction.page.getByRole('heading', { level: 3, name: titre }).waitFor()
  await sansViolationAxe(direction.page)
  assert.deepEqual(direction.problemes, [])

  // The guardian opens Agenda: the outing, for their child, with its time in words.
  await naviguer(famille.page, 'Agenda')
  await famille.page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor()
  const carte = famille.page.getByRole('article', { name: titre })
  await carte.waitFor()
  await carte.getByText(`Pour ${enfant}`).waitFor()
  await carte.getByText(/de 8 h 30 à 16 h 30/).waitFor()
  await carte.getByText("Lieu : Musée d'Orsay").waitFor()
  assert.equal(await carte.getByRole('button', { name: 'Modifier' }).count(), 0)
  await sansViolationAxe(famille.page)
  await famille.page.screenshot({ path: path.join(artifacts, 'agenda-famille.png'), fullPage: true })

  const [telechargement] = await Promise.all([
    famille.page.waitForEvent('download'),
    carte.getByRole('button', { name: 'Ajouter à mon agenda (.ics)' }).click(),
  ])
  assert.match(telechargement.suggestedFilename(), /\.ics$/)
  const ics = await readFile(await telechargement.path(), 'utf8')
  assert.match(ics, /BEGIN:VEVENT/)
  assert.match(ics, /DTSTART;TZID=Europe\/Paris:\d{8}T083000/)
  assert.deepEqual(famille.problemes, [])
})
