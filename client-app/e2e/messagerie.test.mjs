// End-to-end: the messaging of issue 16 (node --test e2e/messagerie.test.mjs), on a phone (390×844). A guardian writes
// to their child's teacher with an attachment, the teacher answers, the guardian is notified and reads; the head
// suspends the pupils' messaging and a pupil sees why (the suspension is lifted at the end). This file's family is
// eleve.030's (its single guardian parent.054), which no other file uses.
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { appelerApi, artifacts, chargementsTermines, connecter, idDemo, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { width: 390, height: 844 }
const PARENT = 'parent.054'
const ELEVE = 'eleve.030'

/** The login of a demo teacher from their id (prof.01 … prof.12). */
function profDe(id) {
  for (let i = 1; i <= 12; i++) {
    const login = `prof.${String(i).padStart(2, '0')}`
    if (idDemo(login) === id) return login
  }
  throw new Error(`aucun enseignant de la démo n'a l'id ${id}`)
}

test('a guardian writes to their child’s teacher with an attachment, the teacher answers, the guardian is notified and reads (phone)', async (t) => {
  const sujet = `Certificat ${Date.now()}`
  const fichier = path.join(artifacts, 'certificat-messagerie.pdf')
  await mkdir(artifacts, { recursive: true })
  await writeFile(fichier, '%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n')

  // The guardian writes.
  const parent = await ouvrir(t, TELEPHONE)
  await connecter(parent.page, PARENT)
  await naviguer(parent.page, 'Messagerie')
  await parent.page.getByRole('heading', { level: 1, name: 'Messagerie' }).waitFor()
  await chargementsTermines(parent.page)
  await sansViolationAxe(parent.page)
  await parent.page.getByRole('link', { name: 'Nouveau message' }).click()
  await parent.page.getByRole('heading', { level: 1, name: 'Nouveau message' }).waitFor()
  await chargementsTermines(parent.page)
  await sansViolationAxe(parent.page)

  // The picker offers the child's teachers (with the subject and the child), never another family.
  const possibles = (await appelerApi(parent.page, '/api/communication/me/messagerie/destinataires')).corps
  assert.ok(possibles.personnes.every((p) => p.profil !== 'responsable' && p.profil !== 'eleve'))
  const enseignant = possibles.personnes.find((p) => p.profil === 'enseignant')
  assert.ok(enseignant, 'un enseignant de l’enfant')
  await parent.page.getByLabel('Chercher un destinataire').fill(enseignant.nom.split(' ').at(-1))
  await parent.page.getByRole('checkbox', { name: new RegExp(enseignant.nom) }).check()
  await parent.page.getByLabel('Sujet').fill(sujet)
  await parent.page.getByLabel('Message', { exact: true }).fill('Bonjour, voici le certificat médical de mon enfant. Plus d’informations : https://www.ameli.fr')
  await parent.page.getByLabel(/Joindre un fichier/).setInputFiles(fichier)
  await parent.page.getByRole('list', { name: 'Fichiers joints' }).getByText('certificat-messagerie.pdf').waitFor()
  await parent.page.getByRole('button', { name: 'Envoyer' }).click()
  await parent.page.getByRole('heading', { level: 1, name: sujet }).waitFor()
  const conversation = parent.page.url().split('/').at(-1)
  assert.deepEqual(parent.problemes, [])

  // The teacher finds it unread, opens the file, answers.
  const prof = await ouvrir(t, TELEPHONE)
  await connecter(prof.page, profDe(enseignant.id))
  await naviguer(prof.page, 'Messagerie')
  const entree = prof.page.getByRole('link', { name: new RegExp(sujet) })
  await entree.waitFor()
  assert.match(await entree.textContent(), /1 non lu/)
  await entree.click()
  await prof.page.getByRole('heading', { level: 1, name: sujet }).waitFor()
  await prof.page.getByRole('link', { name: 'https://www.ameli.fr' }).waitFor()
  const telechargement = prof.page.waitForEvent('download')
  await prof.page.getByRole('button', { name: /certificat-messagerie\.pdf/ }).click()
  assert.equal((await telechargement).suggestedFilename(), 'certificat-messagerie.pdf')
  await prof.page.getByLabel('Votre réponse').fill('Merci, bien reçu. Bon rétablissement !')
  await prof.page.getByRole('button', { name: 'Envoyer' }).click()
  await prof.page.getByText('Merci, bien reçu. Bon rétablissement !').waitFor()
  await sansViolationAxe(prof.page)
  assert.deepEqual(prof.problemes, [])

  // The guardian is notified in the application (the outbox's worker delivers it), follows it and reads.
  const lien = `/messagerie/${conversation}`
  for (let essai = 0; ; essai++) {
    const notifications = (await appelerApi(parent.page, '/api/communication/me/notifications?limite=50')).corps
    if (notifications.notifications.some((n) => n.lien === lien && !n.lue)) break
    assert.ok(essai < 100, 'la notification du message est arrivée')
    await parent.page.waitForTimeout(100)
  }
  await naviguer(parent.page, 'Accueil')
  await chargementsTermines(parent.page)
  await parent.page.getByRole('link', { name: new RegExp(`Message de .* : ${sujet}`) }).click()
  await parent.page.getByText('Merci, bien reçu. Bon rétablissement !').waitFor()
  await chargementsTermines(parent.page)
  await sansViolationAxe(parent.page)
  // Read: the teacher's answer shows nothing unread any more.
  for (let essai = 0; ; essai++) {
    const boite = (await appelerApi(parent.page, '/api/communication/me/conversations')).corps
    if (boite.conversations.find((c) => c.id === conversation)?.nonLus === 0) break
    assert.ok(essai < 50, 'la conversation est lue')
    await parent.page.waitForTimeout(100)
  }
  assert.deepEqual(parent.problemes, [])
})

test('the head suspends the pupils’ messaging and a pupil sees why; reading stays possible (phone)', async (t) => {
  const direction = await ouvrir(t, TELEPHONE)
  await connecter(direction.page, 'direction')
  await direction.page.goto('/messagerie/moderation')
  await direction.page.getByRole('heading', { level: 1, name: 'Modération de la messagerie' }).waitFor()
  await chargementsTermines(direction.page)
  await sansViolationAxe(direction.page)
  await direction.page.getByLabel('Profil').selectOption('eleve')
  await direction.page.getByLabel('Raison (montrée aux personnes concernées)').fill('Messages inappropriés : la messagerie des élèves reprend lundi.')
  await direction.page.getByRole('button', { name: 'Suspendre' }).click()
  await direction.page.getByRole('list', { name: 'Suspensions en cours' }).getByText(/reprend lundi/).waitFor()
  assert.deepEqual(direction.problemes, [])

  try {
    const eleve = await ouvrir(t, TELEPHONE)
    await connecter(eleve.page, ELEVE)
    await naviguer(eleve.page, 'Messagerie')
    await eleve.page.getByRole('heading', { level: 1, name: 'Messagerie' }).waitFor()
    await eleve.page.getByText(/La messagerie des élèves est suspendue par la direction : Messages inappropriés/).waitFor()
    await eleve.page.getByText('Vous pouvez toujours lire vos messages.', { exact: false }).waitFor()
    assert.equal(await eleve.page.getByRole('link', { name: 'Nouveau message' }).count(), 0)
    await chargementsTermines(eleve.page)
    await sansViolationAxe(eleve.page)
    assert.deepEqual(eleve.problemes, [])
  } finally {
    // The other files' pupils write again.
    const leve = await appelerApi(direction.page, '/api/communication/etablissements/0750000A/messagerie/suspensions/eleve', { method: 'DELETE' })
    assert.equal(leve.status, 204)
  }
})
