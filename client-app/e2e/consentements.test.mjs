// End-to-end (issue 17, consentements): on a phone, a teacher asks the families of their class for consent to an
// outing (what, where, when, cost, deadline), a guardian reads the statement, answers « oui » and signs, and the
// teacher's per-pupil list shows the pupil authorised and who signed. Each run creates its own form, named by the run.
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

/** A local date (and time) N days from now, as the form's inputs take it. */
const dansJours = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10)

test('a teacher asks consent for an outing, a guardian signs « oui », the teacher’s list shows it (phone)', async (t) => {
  const titre = `Sortie au Louvre ${Date.now()}`
  const { page, problemes } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(page, 'prof.01')

  await naviguer(page, 'Autorisations de sortie')
  await page.getByRole('heading', { level: 1, name: 'Autorisations de sortie et de projet' }).waitFor()
  await chargementsTermines(page)
  await page.getByRole('button', { name: "Nouvelle demande d'autorisation" }).click()
  await page.getByLabel('Sortie ou projet').waitFor()
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)

  // Only a title: the server's French reasons are shown by the fields.
  await page.getByLabel('Sortie ou projet').fill(titre)
  await page.getByRole('button', { name: 'Envoyer aux familles' }).click()
  await page.getByText('Le lieu compte de 1 à 200 caractères.').waitFor()

  await page.getByLabel('Description pour les familles').fill('Visite guidée des antiquités égyptiennes.\nDépart à 9 h devant le lycée.')
  await page.getByLabel('Lieu').fill('Musée du Louvre')
  await page.getByLabel('Début').fill(`${dansJours(20)}T09:00`)
  await page.getByLabel('Fin').fill(`${dansJours(20)}T16:00`)
  await page.getByLabel('Coût par élève (en euros, 0 si gratuit)').fill('12,50')
  await page.getByLabel('Date limite de réponse').fill(dansJours(10))
  await page.getByLabel('Seconde 1 (2NDE1)').check()
  await page.getByRole('button', { name: 'Envoyer aux familles' }).click()

  // The follow-up opens: nobody has answered this one yet.
  await page.getByRole('heading', { level: 1, name: "Suivi de l'autorisation" }).waitFor()
  await page.getByRole('status').getByText(/^Demande envoyée aux familles de \d+ élèves\.$/).waitFor()
  await chargementsTermines(page)
  const id = new URL(page.url()).pathname.split('/')[2]
  const { corps: suivi } = await appelerApi(page, `/api/communication/consentements/${id}/suivi`)
  assert.equal(suivi.accordes, 0)
  assert.equal(suivi.enAttente, suivi.eleves)
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)

  // A family of the class whose guardian is a demo account.
  const ligne = suivi.lignes.find((l) => l.responsables.some((r) => parents.has(r.id)))
  const responsable = ligne.responsables.find((r) => parents.has(r.id))

  const { page: parent, problemes: siens } = await ouvrir(t, TELEPHONE, PHONE)
  await connecter(parent, parents.get(responsable.id))
  await naviguer(parent, 'Autorisations')
  await parent.getByRole('heading', { level: 1, name: 'Autorisations' }).waitFor()
  const carte = parent.getByRole('listitem', { name: titre })
  await carte.getByText('Musée du Louvre').waitFor()
  await carte.getByText('12,50 €').waitFor()
  const enfant = carte.getByRole('region', { name: ligne.eleve })
  await enfant.getByText('Sans réponse').waitFor()
  await sansViolationAxe(parent)
  await sansDefilementHorizontal(parent)

  // Choosing « oui » shows the statement word for word; signing needs the box ticked.
  await enfant.getByRole('radio', { name: "Oui, j'autorise" }).check()
  await enfant.getByText(new RegExp(`^Je soussigné\\(e\\) .*, responsable légal\\(e\\) de ${ligne.eleve}, autorise mon enfant à participer à « ${titre} »`)).waitFor()
  assert.equal(await enfant.getByRole('button', { name: 'Signer ma réponse' }).isDisabled(), true)
  await enfant.getByRole('checkbox', { name: /Je certifie/ }).check()
  await sansViolationAxe(parent)
  await enfant.getByRole('button', { name: 'Signer ma réponse' }).click()
  await enfant.getByText(`Réponse signée : vous autorisez ${ligne.eleve} à participer.`).waitFor()
  await enfant.getByText('Autorisé', { exact: true }).waitFor()
  await sansViolationAxe(parent)
  assert.deepEqual(siens, [])

  // The teacher's list: the pupil is authorised, signed by that guardian.
  await page.reload()
  await page.getByRole('heading', { level: 1, name: "Suivi de l'autorisation" }).waitFor()
  await chargementsTermines(page)
  const rangee = page.getByRole('table', { name: 'Réponses élève par élève' }).getByRole('row', { name: new RegExp(ligne.eleve) })
  await rangee.getByText('Autorisé', { exact: true }).waitFor()
  await rangee.getByText(new RegExp(`${responsable.nom} : oui`)).waitFor()
  await page.getByText(/^1 autorisé, 0 non autorisé, \d+ sans réponse/).waitFor()
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page)
  // The one 400 is the refusal asked for above (only a title), and the browser's console line about it.
  assert.deepEqual(problemes, [
    `HTTP 400: ${new URL('/api/communication/etablissements/0750000A/consentements', page.url())}`,
    'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
  ])
})
