// End-to-end: the head's screens (node --test e2e/), on a phone and on a desktop. `direction` is the demo lycée's head.
// Every change is put back before the test ends (a published period withdrawn, a service created then deleted), since
// other files read the same demo database afterwards; the only lasting trace is none.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { width: 390, height: 844 }
const BUREAU = { width: 1280, height: 800 }
const UAI = '0750000A'

async function sansDefilementHorizontal(page, largeur) {
  const reelle = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(reelle <= largeur, `la page fait ${reelle}px de large`)
}

for (const [ecran, viewport] of [
  ['phone', TELEPHONE],
  ['desktop', BUREAU],
]) {
  test(`the head sees the report cards to publish on the home page, publishes a period once confirmed and withdraws it (${ecran})`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport)
    await connecter(page, 'direction')
    const { corps: aFaire } = await appelerApi(page, `/api/scolarite/etablissements/${UAI}/a-faire`)
    const { corps: periodes } = await appelerApi(page, `/api/scolarite/etablissements/${UAI}/periodes`)

    // Home: the block names each due period and links to its publication.
    const bloc = page.getByRole('region', { name: 'Bulletins à publier' })
    await bloc.waitFor()
    await chargementsTermines(page)
    for (const b of aFaire.bulletins) await bloc.getByRole('link', { name: b.libelle }).waitFor()
    if (aFaire.bulletins.length === 0) await bloc.getByText('Aucun bulletin à publier').waitFor()
    await bloc.getByRole('link', { name: 'Tableau de bord de la vie scolaire' }).waitFor()
    await sansViolationAxe(page)

    // The period to publish: the first unpublished one, so that withdrawing puts the demo back as it was.
    const periode = periodes.find((p) => !p.bulletinsPubliesLe)
    assert.ok(periode, 'le lycée démo a une période non publiée')
    await naviguer(page, 'Publication des bulletins')
    await page.getByRole('heading', { level: 1, name: 'Publication des bulletins' }).waitFor()
    await chargementsTermines(page)
    const onglets = page.getByRole('navigation', { name: 'Périodes' })
    await onglets.getByRole('link', { name: new RegExp(periode.libelle) }).click()
    await page.waitForURL((url) => url.searchParams.get('periode') === periode.id)
    const section = page.getByRole('region', { name: periode.libelle })
    await section.getByText('Bulletins non publiés.').waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'titre-periode')
    const due = aFaire.bulletins.find((b) => b.periodeId === periode.id)
    if (due) {
      const tableau = section.getByRole('table', { name: 'Où en est chaque classe' })
      assert.equal(await tableau.getByRole('row').count(), due.classes.length + 1)
    }
    await sansViolationAxe(page)
    if (viewport === TELEPHONE) await sansDefilementHorizontal(page, TELEPHONE.width)

    // Publish: a confirmation first; cancelling sends nothing.
    await section.getByRole('button', { name: 'Publier les bulletins' }).click()
    const confirmation = section.getByRole('group', { name: /Publier les bulletins du/ })
    await confirmation.getByText(/Les élèves et leurs familles pourront aussitôt les lire/).waitFor()
    await sansViolationAxe(page)
    await confirmation.getByRole('button', { name: 'Annuler' }).click()
    assert.equal((await appelerApi(page, `/api/scolarite/etablissements/${UAI}/periodes`)).corps.find((p) => p.id === periode.id).bulletinsPubliesLe, null)

    try {
      await section.getByRole('button', { name: 'Publier les bulletins' }).click()
      await section.getByRole('button', { name: 'Confirmer la publication' }).click()
      await section.getByRole('status').getByText(`Bulletins du ${periode.libelle} publiés`).waitFor()
      await section.getByText(/^Bulletins publiés le /).waitFor()
      assert.ok((await appelerApi(page, `/api/scolarite/etablissements/${UAI}/periodes`)).corps.find((p) => p.id === periode.id).bulletinsPubliesLe)
      // The period's tab says so, and the state survives a reload (the period is in the address).
      await page.reload()
      await page.getByRole('region', { name: periode.libelle }).getByText(/^Bulletins publiés le /).waitFor()
      await chargementsTermines(page)

      // Withdraw, confirmed.
      await section.getByRole('button', { name: 'Retirer la publication' }).click()
      await section.getByRole('group', { name: /Retirer la publication des bulletins du/ }).waitFor()
      await sansViolationAxe(page)
      await section.getByRole('button', { name: 'Confirmer le retrait' }).click()
      await section.getByRole('status').getByText(`Publication du ${periode.libelle} retirée`).waitFor()
      await section.getByText('Bulletins non publiés.').waitFor()
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Publier les bulletins')
    } finally {
      await appelerApi(page, `/api/scolarite/etablissements/${UAI}/periodes/${periode.id}/publication`, { method: 'DELETE' })
    }
    assert.deepEqual(problemes, [])
  })

  test(`the head reads and saves the periods, and is told what is wrong in French (${ecran})`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport)
    await connecter(page, 'direction')
    await naviguer(page, 'Structure')
    await page.getByRole('heading', { level: 1, name: "Structure de l'établissement" }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Périodes' }).waitFor()
    await chargementsTermines(page)
    await sansViolationAxe(page)
    if (viewport === TELEPHONE) await sansDefilementHorizontal(page, TELEPHONE.width)

    // A period that ends before it starts: the server's message next to the field, which gets the focus; nothing saved.
    const premier = page.getByRole('group', { name: '1er trimestre' })
    const fin = premier.getByLabel('Fin')
    const finAvant = await fin.inputValue()
    const veille = new Date(`${await premier.getByLabel('Début').inputValue()}T00:00:00Z`)
    veille.setUTCDate(veille.getUTCDate() - 1)
    await fin.fill(veille.toISOString().slice(0, 10))
    await page.getByRole('button', { name: 'Enregistrer les périodes' }).click()
    await page.getByRole('alert').waitFor()
    await page.locator('.erreur-champ').first().waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true')
    await sansViolationAxe(page)

    // The dates as they were: saved again, said so.
    await fin.fill(finAvant)
    await page.getByRole('button', { name: 'Enregistrer les périodes' }).click()
    await page.getByRole('status').getByText(/^Périodes enregistrées/).waitFor()
    assert.deepEqual(problemes.filter((p) => !p.includes(' 400')), [], 'seuls les refus attendus (400)')
  })

  test(`the head adds a service, changes its coefficient and deletes it once confirmed (${ecran})`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport)
    await connecter(page, 'direction')
    const { corps: structure } = await appelerApi(page, `/api/scolarite/etablissements/${UAI}/structure`)
    const { corps: matieres } = await appelerApi(page, `/api/scolarite/etablissements/${UAI}/matieres`)
    const classe = structure.classes.find((c) => c.code === 'TG1')
    // A subject TG1 is not taught yet: the new service is then the only one of its line.
    const matiere = matieres.find((m) => !structure.services.some((s) => s.classeId === classe.id && s.matiereCode === m.code))
    assert.ok(matiere, 'une matière n’est pas enseignée en TG1')
    const enseignant = structure.enseignants[0]
    const description = `${matiere.libelle} — TG1`

    await page.goto('/direction/structure?onglet=services')
    await page.getByRole('heading', { level: 2, name: 'Services' }).waitFor()
    await chargementsTermines(page)
    await sansViolationAxe(page)
    if (viewport === TELEPHONE) await sansDefilementHorizontal(page, TELEPHONE.width)

    const formulaire = page.getByRole('form', { name: 'Ajouter un service' })
    // Nothing chosen: the form says what is missing, in French, without asking the server.
    await formulaire.getByRole('button', { name: 'Ajouter le service' }).click()
    await formulaire.getByText('Choisissez la classe ou le groupe.').waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true')

    let cree
    try {
      await formulaire.getByLabel('Classe ou groupe').selectOption(`classe:${classe.id}`)
      await formulaire.getByLabel('Matière').selectOption(matiere.code)
      await formulaire.getByLabel('Enseignant').selectOption(enseignant.id)
      await formulaire.getByLabel('Coefficient').fill('1,5')
      await formulaire.getByRole('button', { name: 'Ajouter le service' }).click()
      await page.getByRole('status').getByText(`Service ${description} ajouté.`).waitFor()
      cree = (await appelerApi(page, `/api/scolarite/etablissements/${UAI}/structure`)).corps.services.find(
        (s) => s.classeId === classe.id && s.matiereCode === matiere.code,
      )
      assert.equal(cree?.coefficient, 1.5)

      const tg1 = page.getByRole('region', { name: /^TG1/ })
      await tg1.getByRole('button', { name: `Modifier ${description}` }).click()
      const modifier = page.getByRole('form', { name: `Modifier le service ${description}` })
      await modifier.getByLabel('Coefficient').fill('deux')
      await modifier.getByRole('button', { name: 'Enregistrer' }).click()
      await modifier.getByText('Indiquez un coefficient, par exemple 2 ou 1,5.').waitFor()
      await sansViolationAxe(page)
      await modifier.getByLabel('Coefficient').fill('2')
      await modifier.getByRole('button', { name: 'Enregistrer' }).click()
      await page.getByRole('status').getByText(`Service ${description} enregistré.`).waitFor()
      await tg1.getByRole('row', { name: new RegExp(matiere.libelle) }).getByRole('cell', { name: '2', exact: true }).waitFor()

      await tg1.getByRole('button', { name: `Supprimer ${description}` }).click()
      const confirmation = tg1.getByRole('group', { name: /Supprimer le service/ })
      await confirmation.getByRole('button', { name: 'Annuler' }).click()
      await tg1.getByRole('button', { name: `Supprimer ${description}` }).click()
      await sansViolationAxe(page)
      await tg1.getByRole('button', { name: 'Confirmer la suppression' }).click()
      await page.getByRole('status').getByText(`Service ${description} supprimé.`).waitFor()
      assert.equal(await tg1.getByRole('row', { name: new RegExp(matiere.libelle) }).count(), 0)
      cree = null
    } finally {
      if (cree) await appelerApi(page, `/api/scolarite/etablissements/${UAI}/services/${cree.id}`, { method: 'DELETE' })
    }
    assert.deepEqual(problemes, [])
  })
}

test('the classes, groups and subjects parts open from their address, and a wrong class code is explained (phone)', async (t) => {
  const { page, problemes } = await ouvrir(t, TELEPHONE)
  await connecter(page, 'direction')
  await page.goto('/direction/structure?onglet=classes')
  await page.getByRole('heading', { level: 2, name: 'Classes et groupes' }).waitFor()
  await chargementsTermines(page)
  await page.getByRole('row', { name: /^2NDE1/ }).waitFor()
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page, TELEPHONE.width)

  // A code with a space: the server's French message by the field, focused; nothing created.
  const formulaire = page.getByRole('form', { name: 'Créer une classe' })
  await formulaire.getByLabel('Code de la classe').fill('2 NDE!')
  await formulaire.getByLabel('Nom de la classe').fill('Essai')
  await formulaire.getByRole('button', { name: 'Créer la classe' }).click()
  await formulaire.locator('.erreur-champ').waitFor()
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true')

  // The head teachers' form opens focused and saves as it was.
  await page.getByRole('button', { name: 'Professeurs principaux de 2NDE1' }).click()
  const pp = page.getByRole('form', { name: 'Professeurs principaux de 2NDE1' })
  await pp.getByLabel('Premier professeur principal').waitFor()
  await sansViolationAxe(page)
  await pp.getByRole('button', { name: 'Enregistrer' }).click()
  await page.getByRole('status').getByText('Professeurs principaux de 2NDE1 enregistrés.').waitFor()

  await page.goto('/direction/structure?onglet=notation')
  await page.getByRole('heading', { level: 2, name: 'Matières et notation' }).waitFor()
  await chargementsTermines(page)
  await page.getByRole('radio', { name: 'Compte 0 dans la moyenne' }).waitFor()
  assert.ok(await page.getByRole('radio', { name: 'Compte 0 dans la moyenne' }).isChecked())
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page, TELEPHONE.width)
  assert.deepEqual(problemes.filter((p) => !p.includes(' 400')), [], 'seuls les refus attendus (400)')
})

test('someone who runs no établissement is told the page is not theirs (desktop)', async (t) => {
  const { page } = await ouvrir(t, BUREAU)
  await connecter(page, 'cpe')
  // Once the CPE's own entries are there (/me answered): none for the report cards, even in a closed group.
  const navigation = page.getByRole('navigation', { name: 'Navigation principale' })
  await navigation.getByRole('button', { name: 'Vie scolaire' }).waitFor()
  assert.equal(await navigation.getByRole('link', { name: 'Publication des bulletins', includeHidden: true }).count(), 0)
  assert.equal(await navigation.getByRole('button', { name: 'Gestion' }).count(), 0)
  await page.goto('/direction/bulletins')
  await page.getByText('Cette page est réservée à la direction').waitFor()
  await sansViolationAxe(page)
})
