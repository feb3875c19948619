// End-to-end: a teacher enters a whole class's grades with the keyboard alone (node --test e2e/).
// prof.01 teaches Français in 2NDE1; the assessment created here is published to families only in two weeks, so that
// the families' pages tested elsewhere see the demo grades as seeded.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { artifacts, connecter, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'
import { cellules, chiffres, creerEvaluation, ouvrirService, saisirAuClavier } from './enseignement.mjs'

const jour = (date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
const francais = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 })

/** One text per pupil: marks with a comma or a dot, one « a » (Absent) and one « r » (Non rendu). */
function textes(nombre) {
  return Array.from({ length: nombre }, (_, i) => {
    if (i === 3) return 'a'
    if (i === 7) return 'r'
    const entier = 5 + ((i * 7) % 15)
    return i % 4 === 1 ? `${entier},5` : i % 4 === 2 ? `${entier}.25` : String(entier)
  })
}

/** The figures the grid must show: marks, and Non rendu as 0 (the demo établissement counts it so). */
function attendus(saisis) {
  const valeurs = saisis.filter((t) => t !== 'a').map((t) => (t === 'r' ? 0 : Number(t.replace(',', '.'))))
  const centiemes = valeurs.reduce((s, v) => s + Math.round(v * 100), 0)
  return {
    Saisis: `${saisis.length} / ${saisis.length}`,
    Moyenne: francais.format(Math.round(centiemes / valeurs.length) / 100),
    Min: francais.format(Math.min(...valeurs)),
    Max: francais.format(Math.max(...valeurs)),
  }
}

test('a teacher creates an assessment, enters 30+ results with the keyboard alone and saves them in one go', async (t) => {
  const { page, problemes } = await ouvrir(t)
  const enregistrements = []
  page.on('request', (r) => {
    if (r.method() === 'PUT' && /\/api\/scolarite\/evaluations\/[^/]+\/notes$/.test(r.url())) enregistrements.push(r.url())
  })

  await connecter(page, 'prof.01')
  await ouvrirService(page, 'Français — 2NDE1')
  await page.getByRole('region', { name: "Évaluations de l'année" }).getByRole('listitem').first().waitFor()

  const aujourdhui = new Date()
  const formulaire = page.getByRole('region', { name: 'Nouvelle évaluation' })
  assert.equal(await formulaire.getByLabel('Date').inputValue(), jour(aujourdhui))
  assert.equal(await formulaire.getByLabel('Noté sur').inputValue(), '20')
  const titre = `Lecture suivie — ${Date.now()}`
  await creerEvaluation(page, { titre, publication: jour(new Date(aujourdhui.getTime() + 14 * 86_400_000)) })

  // The grid: every pupil of the class, nothing entered yet.
  const nombre = await cellules(page).count()
  assert.ok(nombre >= 30, `${nombre} élèves`)
  assert.deepEqual(await chiffres(page), { Saisis: `0 / ${nombre}`, Moyenne: '—', Min: '—', Max: '—' })

  const saisis = textes(nombre)
  await saisirAuClavier(page, saisis)

  // Markers read in words next to their cell; the figures follow the typing, before anything is saved.
  const absent = cellules(page).nth(3)
  assert.equal(await absent.inputValue(), 'A')
  assert.equal(await page.locator(`#${await absent.getAttribute('id')}-marqueur`).textContent(), 'Absent')
  assert.equal(await page.locator(`#${await cellules(page).nth(7).getAttribute('id')}-marqueur`).textContent(), 'Non rendu')
  assert.deepEqual(await chiffres(page), attendus(saisis))
  assert.equal(enregistrements.length, 0)

  // Enter on the last pupil reached « Enregistrer »: Enter again saves.
  const enregistrer = page.getByRole('button', { name: 'Enregistrer' })
  assert.equal(await enregistrer.evaluate((b) => b === document.activeElement), true)
  await page.keyboard.press('Enter')
  await page.getByRole('status').getByText(`${nombre} résultats enregistrés.`).waitFor()
  assert.equal(enregistrements.length, 1, 'une seule requête pour toute la grille')
  assert.deepEqual(await chiffres(page), attendus(saisis))
  await page.getByText('Aucune modification en attente.').waitFor()

  await sansViolationAxe(page)
  await page.screenshot({ path: path.join(artifacts, 'enseignant-grille-telephone.png') })
  await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: path.join(artifacts, 'enseignant-grille-telephone-haut.png') })
  await page.screenshot({ path: path.join(artifacts, 'enseignant-grille-telephone-entiere.png'), fullPage: true })
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= 390, `la page fait ${largeur}px de large`)

  // Stored: a reload shows the saved results, a mark typed with a dot written back with a comma.
  await page.reload()
  await page.getByRole('heading', { level: 1, name: titre }).waitFor()
  const relus = await cellules(page).evaluateAll((champs) => champs.map((c) => c.value))
  assert.deepEqual(
    relus,
    saisis.map((s) => (s === 'a' ? 'A' : s === 'r' ? 'R' : s.replace('.', ','))),
  )
  assert.deepEqual(await chiffres(page), attendus(saisis))

  // A mark over the scale is refused on the page: next to the pupil, then in an alert; nothing is sent.
  const premiere = cellules(page).first()
  await premiere.focus()
  await page.keyboard.type('25')
  await page.keyboard.press('Enter')
  const erreur = page.locator(`#${await premiere.getAttribute('id')}-erreur`)
  assert.equal(await erreur.textContent(), 'La note ne peut pas dépasser 20.')
  assert.equal(await premiere.getAttribute('aria-invalid'), 'true')
  await enregistrer.click()
  const alerte = page.getByRole('alert')
  await alerte.waitFor()
  assert.match(await alerte.textContent(), /^1 résultat n'est pas valable : .+ — rien n'a été envoyé, corrigez puis enregistrez\.$/)
  assert.equal(await premiere.evaluate((c) => c === document.activeElement), true)
  assert.equal(enregistrements.length, 1)
  await sansViolationAxe(page)

  // Tablet, landscape: the same grid, wider.
  await page.setViewportSize({ width: 1024, height: 768 })
  await page.screenshot({ path: path.join(artifacts, 'enseignant-grille-tablette.png') })
  await sansViolationAxe(page)

  // Leaving with the unsaved change asks first. The question is accepted, so that the page really closes: a page left
  // open after a dismissed « beforeunload » is the likely cause of Chromium dying as its context closed (CI, 2026-11-28).
  const dialogue = new Promise((resolve) => page.once('dialog', (d) => d.accept().then(() => resolve(d.type()))))
  const fermee = page.waitForEvent('close')
  await page.close({ runBeforeUnload: true })
  assert.equal(await dialogue, 'beforeunload')
  await fermee

  assert.deepEqual(problemes, [])
})

test('the class list and a service’s assessments show their figures', async (t) => {
  const { page, problemes } = await ouvrir(t, { width: 1024, height: 768 })
  await connecter(page, 'prof.01')
  await naviguer(page, 'Mes classes')
  await page.getByRole('heading', { level: 1, name: 'Mes classes' }).waitFor()
  const services = page.locator('li.service')
  await services.first().waitFor()
  const liens = await services.getByRole('link').allTextContents()
  for (const nom of ['Français — 2NDE1', 'Français — 2NDE2', 'Français — 1G1']) assert.ok(liens.includes(nom), `${nom} dans ${liens}`)
  assert.match(await services.filter({ hasText: 'Français — 2NDE1' }).textContent(), /\d+ élèves · \d+ évaluations?/)
  await sansViolationAxe(page)

  await page.getByRole('link', { name: 'Français — 2NDE2' }).click()
  await page.getByRole('heading', { level: 1, name: 'Français — 2NDE2' }).waitFor()
  const cartes = page.getByRole('region', { name: "Évaluations de l'année" }).getByRole('listitem')
  await cartes.first().waitFor()
  assert.ok((await cartes.count()) >= 4)
  assert.match(await cartes.first().textContent(), /Moyenne de la classe\d+,?\d* \/ \d+/)
  await sansViolationAxe(page)
  await page.screenshot({ path: path.join(artifacts, 'enseignant-evaluations-tablette.png'), fullPage: true })
  assert.deepEqual(problemes, [])
})

test('on a touch screen, the marker buttons of the save bar mark the pupil whose cell was tapped', async (t) => {
  const { page, problemes } = await ouvrir(t, { width: 390, height: 844 }, { hasTouch: true, isMobile: true })
  await connecter(page, 'prof.01')
  await ouvrirService(page, 'Français — 1G1')
  await page.getByRole('region', { name: "Évaluations de l'année" }).getByRole('link').first().click()
  await page.waitForURL((url) => url.pathname.startsWith('/enseignement/evaluations/'))
  await cellules(page).first().waitFor()
  const avant = await chiffres(page)

  const cellule = cellules(page).nth(2)
  await cellule.tap()
  const nom = (await cellule.getAttribute('aria-label')).replace('Résultat de ', '')
  const marqueurs = page.getByRole('group', { name: `Pour ${nom} :` })
  await marqueurs.getByRole('button', { name: 'Non noté' }).tap()
  assert.equal(await cellule.inputValue(), 'N')
  assert.equal(await marqueurs.getByRole('button', { name: 'Non noté' }).getAttribute('aria-pressed'), 'true')
  assert.equal(await cellule.evaluate((c) => c === document.activeElement), true, 'le clavier de la tablette reste sur la case')
  assert.equal(await page.locator(`#${await cellule.getAttribute('id')}-marqueur`).textContent(), 'Non noté')
  await page.getByText('1 modification non enregistrée').waitFor()
  assert.equal((await chiffres(page)).Saisis, avant.Saisis)

  await sansViolationAxe(page)
  await page.screenshot({ path: path.join(artifacts, 'enseignant-grille-telephone-tactile.png') })
  assert.deepEqual(problemes, [])
})
