// End-to-end: the teacher's screens on a phone (390×844) and a computer (1280×800) (node --test e2e/). prof.02 teaches
// mathematics in 2NDE1 and 2NDE2 and is the head teacher of 2NDE1 (30 pupils): the roll call of a lesson off the
// timetable (never sent here), the grade grid, an assessment changed then deleted, the appraisals and the class council
// of the current period, the home page's lessons and work to do. Other files use prof.01: nothing here meets them.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { appelerApi, artifacts, chargementsTermines, connecter, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'
import { creerEvaluation, ouvrirService } from './enseignement.mjs'
import { commencerAutreCours, ouvrirAppel } from './vie-scolaire.mjs'

const ECRANS = [
  { nom: 'téléphone', viewport: { width: 390, height: 844 }, options: { hasTouch: true, isMobile: true } },
  { nom: 'ordinateur', viewport: { width: 1280, height: 800 }, options: {} },
]

async function capture(page, nom) {
  const fichier = path.join(artifacts, nom)
  await page.screenshot({ path: fichier })
  console.log(`capture d'écran : ${fichier}`)
}

/** The page as just loaded, scrolled to the top, nothing focused. */
async function recharger(page) {
  await page.reload()
  await page.getByRole('heading', { level: 1 }).waitFor()
  // The screen's module is lazy: its « Chargement… » may not be there yet when the heading is.
  await page.waitForLoadState('networkidle')
  await chargementsTermines(page)
}

/**
 * Tab presses from the top of a freshly loaded page until the button named `nom` has the focus; a skip link met on
 * the way is followed with Enter (not counted: it is no Tab). Returns the count, or Infinity past 10.
 */
async function tabulationsJusqua(page, nom) {
  for (let n = 1; n <= 10; n++) {
    await page.keyboard.press('Tab')
    const focus = await page.evaluate(() => ({ texte: document.activeElement?.textContent ?? '', lien: document.activeElement?.className === 'raccourci' }))
    if (focus.lien && focus.texte.includes(nom)) {
      await page.keyboard.press('Enter')
      const apres = await page.evaluate(() => document.activeElement?.textContent ?? '')
      if (apres.startsWith(nom)) return n
    }
    if (focus.texte.startsWith(nom)) return n
  }
  return Number.POSITIVE_INFINITY
}

/** Whether the element is wholly inside the window without any scrolling. */
const dansLaFenetre = (locator) =>
  locator.evaluate((e) => {
    const r = e.getBoundingClientRect()
    return window.scrollY === 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0
  })

/** Whether the element is inside the window as it is scrolled now. */
const visible = (locator) =>
  locator.evaluate((e) => {
    const r = e.getBoundingClientRect()
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0
  })

for (const { nom, viewport, options } of ECRANS) {
  test(`the roll call and the grade grid on a ${nom}: the whole class, « Valider l'appel » and « Enregistrer » at hand`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport, options)
    await connecter(page, 'prof.02')

    // The roll call of mathematics in 2NDE1, off the timetable: opened, never sent.
    const { corps: enseignement } = await appelerApi(page, '/api/scolarite/me/enseignement')
    const maths = enseignement.services.find((s) => s.code === '2NDE1' && s.matiere === 'Mathématiques')
    assert.ok(maths, 'prof.02 enseigne les mathématiques en 2NDE1')
    const { corps: jour } = await appelerApi(page, '/api/viescolaire/me/cours')
    await ouvrirAppel(page)
    await commencerAutreCours(page, jour.services.find((s) => s.serviceId === maths.id).cours)
    await recharger(page)
    const eleves = page.getByRole('list', { name: 'Élèves' }).getByRole('listitem')
    assert.equal(await eleves.count(), maths.effectif)
    const valider = page.getByRole('button', { name: "Valider l'appel" })
    if (nom === 'ordinateur') {
      assert.ok(await dansLaFenetre(eleves.last()), 'le dernier élève de la classe est visible sans défiler')
      assert.ok(await dansLaFenetre(valider), "« Valider l'appel » est visible sans défiler")
    } else {
      assert.ok(await dansLaFenetre(valider), "« Valider l'appel » reste visible en bas de l'écran")
      await eleves.nth(15).scrollIntoViewIfNeeded()
      assert.ok(await visible(valider), "« Valider l'appel » reste visible en faisant défiler")
    }
    await capture(page, `enseignant-appel-${nom}.png`)
    await recharger(page)
    const tabulations = await tabulationsJusqua(page, "Valider l'appel")
    assert.ok(tabulations <= 3, `${tabulations} tabulations jusqu'à « Valider l'appel »`)
    await sansViolationAxe(page)

    // The grade grid of a new assessment: the same, with « Enregistrer ».
    await ouvrirService(page, 'Mathématiques — 2NDE1')
    await creerEvaluation(page, { titre: `Grille (${nom}) — ${Date.now()}` })
    await recharger(page)
    const lignes = page.getByRole('table').getByRole('row')
    assert.equal(await lignes.count(), maths.effectif + 1)
    const enregistrer = page.getByRole('button', { name: 'Enregistrer', exact: true })
    if (nom === 'ordinateur') {
      assert.ok(await dansLaFenetre(lignes.last()), 'le dernier élève de la grille est visible sans défiler')
      assert.ok(await dansLaFenetre(enregistrer), '« Enregistrer » est visible sans défiler')
    } else {
      assert.ok(await dansLaFenetre(enregistrer), "« Enregistrer » reste visible en bas de l'écran")
    }
    await capture(page, `enseignant-grille-${nom}.png`)
    await recharger(page)
    const versEnregistrer = await tabulationsJusqua(page, 'Enregistrer')
    assert.ok(versEnregistrer <= 3, `${versEnregistrer} tabulations jusqu'à « Enregistrer »`)
    await sansViolationAxe(page)
    assert.deepEqual(problemes, [])
  })

  test(`a teacher changes an assessment, then deletes it after confirming, on a ${nom}`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport, options)
    await connecter(page, 'prof.02')
    await ouvrirService(page, 'Mathématiques — 2NDE2')
    const titre = `Interrogation (${nom}) — ${Date.now()}`
    await creerEvaluation(page, { titre })
    await page.getByRole('navigation', { name: "Fil d'Ariane" }).getByRole('link', { name: 'Mathématiques — Seconde 2' }).click()

    // « Modifier »: the form in place of the card, kept in the address (a reload keeps it).
    await page.getByRole('link', { name: `Modifier « ${titre} »` }).click()
    await page.waitForURL((url) => url.searchParams.has('modifier'))
    await recharger(page)
    const formulaire = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: `Modifier « ${titre} »` }) })
    await sansViolationAxe(page)
    const nouveau = `${titre} (corrigée)`
    await formulaire.getByLabel('Titre').fill(nouveau)
    await formulaire.getByLabel('Coefficient').fill('0,5')
    await formulaire.getByRole('button', { name: 'Enregistrer les modifications' }).click()
    await page.waitForURL((url) => !url.searchParams.has('modifier'))
    const statut = page.getByRole('status').filter({ hasText: `L'évaluation « ${nouveau} » a été modifiée.` })
    await statut.waitFor()
    assert.equal(await statut.evaluate((e) => e === document.activeElement), true)
    const carte = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: nouveau, exact: true }) })
    assert.match(await carte.locator('dl').innerText(), /Coefficient\s+0,5/)

    // « Supprimer »: asked first, then gone.
    await carte.getByRole('button', { name: `Supprimer « ${nouveau} »` }).click()
    const question = carte.getByRole('group', { name: new RegExp(`^Supprimer « ${nouveau.replace(/[()]/g, '\\$&')} »`) })
    await question.waitFor()
    await sansViolationAxe(page)
    await question.getByRole('button', { name: 'Supprimer définitivement' }).click()
    await page.getByRole('status').filter({ hasText: `L'évaluation « ${nouveau} » a été supprimée, avec ses notes.` }).waitFor()
    assert.equal(await page.getByRole('link', { name: nouveau, exact: true }).count(), 0)
    const { corps: evaluations } = await appelerApi(page, new URL(page.url()).pathname.replace('/enseignement', '/api/scolarite') + '/evaluations')
    assert.equal(evaluations.some((e) => e.titre === nouveau), false)
    await sansViolationAxe(page)
    assert.deepEqual(problemes, [])
  })

  test(`a head teacher writes appraisals and records the class council, on a ${nom}`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport, options)
    await connecter(page, 'prof.02')
    await naviguer(page, 'Mes classes')
    await page.getByRole('link', { name: 'Appréciations — Mathématiques, 2NDE1' }).click()
    await page.getByRole('heading', { level: 1, name: /^Appréciations — / }).waitFor()
    await chargementsTermines(page)
    await sansViolationAxe(page)

    const periodes = page.getByRole('navigation', { name: 'Périodes' })
    const courante = await periodes.locator('[aria-current="page"]').innerText()
    const { corps: liste } = await appelerApi(page, '/api/scolarite/etablissements/0750000A/periodes')
    const periode = liste.find((p) => p.libelle === courante)
    if (periode.bulletinsPubliesLe) {
      await page.getByText(/^Les bulletins de cette période sont publiés/).waitFor()
    } else {
      // The first pupil's appraisal, saved, then read again after a reload.
      const champ = page.getByRole('textbox').first()
      const texte = `Travail régulier (${nom}, ${Date.now()}).`
      await champ.fill(texte)
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click()
      await page.getByRole('status').filter({ hasText: '1 appréciation enregistrée.' }).waitFor()
      await recharger(page)
      assert.equal(await page.getByRole('textbox').first().inputValue(), texte)
    }
    // A period whose report cards are out reads only, and says why.
    const publiee = liste.find((p) => p.bulletinsPubliesLe)
    if (publiee) {
      await periodes.getByRole('link', { name: publiee.libelle }).click()
      await page.getByRole('heading', { level: 1, name: `Appréciations — ${publiee.libelle}` }).waitFor()
      await page.getByText(/^Les bulletins de cette période sont publiés/).waitFor()
      assert.equal(await page.getByRole('textbox').count(), 0)
      await sansViolationAxe(page)
    }

    // The class council of 2NDE1: the last pupil's decision.
    await naviguer(page, 'Mes classes')
    await page.getByRole('link', { name: 'conseil de classe de 2NDE1' }).click()
    await page.getByRole('heading', { level: 1, name: /^Conseil de classe — / }).waitFor()
    await chargementsTermines(page)
    await sansViolationAxe(page)
    if (!periode.bulletinsPubliesLe) {
      const decision = page.getByLabel(/^Décision du conseil pour /).last()
      const choisie = (await decision.inputValue()) === 'encouragements' ? 'compliments' : 'encouragements'
      await decision.selectOption(choisie)
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click()
      await page.getByRole('status').filter({ hasText: 'Conseil enregistré pour 1 élève.' }).waitFor()
      await recharger(page)
      assert.equal(await page.getByLabel(/^Décision du conseil pour /).last().inputValue(), choisie)
    }
    assert.deepEqual(problemes, [])
  })

  test(`a teacher's home shows today's lessons and the work to do, on a ${nom}`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport, options)
    await connecter(page, 'prof.02')
    const cours = page.getByRole('region', { name: "Vos cours aujourd'hui" })
    await cours.waitFor()
    const { corps: jour } = await appelerApi(page, '/api/viescolaire/me/cours')
    assert.equal(await cours.getByRole('listitem').count(), jour.cours.length)
    await cours.getByRole('link', { name: "Tous mes cours et l'appel" }).waitFor()
    await page.getByRole('region', { name: 'À faire' }).waitFor()
    await sansViolationAxe(page)
    await capture(page, `enseignant-accueil-${nom}.png`)
    assert.deepEqual(problemes, [])
  })
}
