import { naviguer } from './commun.mjs'

// Steps of the teacher's pages that other end-to-end files may reuse (this file holds no test).

/** From a connected page: « Mes classes » in the navigation, then the service whose link reads e.g. « Français — 2NDE1 ». */
export async function ouvrirService(page, nom) {
  await naviguer(page, 'Mes classes')
  await page.waitForURL((url) => url.pathname === '/enseignement')
  await page.getByRole('link', { name: nom }).click()
  await page.waitForURL((url) => url.pathname.startsWith('/enseignement/services/'))
  await page.getByRole('heading', { level: 1, name: nom }).waitFor()
}

/** Fills « Nouvelle évaluation » (date left as proposed: today) and waits for the new grid; returns its id. */
export async function creerEvaluation(page, { titre, bareme, publication } = {}) {
  const formulaire = page.getByRole('region', { name: 'Nouvelle évaluation' })
  await formulaire.getByLabel('Titre').fill(titre)
  if (bareme !== undefined) await formulaire.getByLabel('Noté sur').fill(String(bareme))
  if (publication) await formulaire.getByLabel('Visible des familles à partir du (facultatif)').fill(publication)
  await formulaire.getByRole('button', { name: 'Créer et saisir les notes' }).click()
  await page.waitForURL((url) => url.pathname.startsWith('/enseignement/evaluations/'))
  await page.getByRole('heading', { level: 1, name: titre }).waitFor()
  return new URL(page.url()).pathname.split('/').pop()
}

/** The grid's result cells, in the order of the pupils. */
export const cellules = (page) => page.getByRole('table').getByRole('textbox', { name: /^Résultat de / })

/** Types one text per pupil from the first cell on, with the keyboard alone: the text, then Enter. */
export async function saisirAuClavier(page, textes) {
  await cellules(page).first().focus()
  for (const texte of textes) {
    await page.keyboard.type(texte)
    await page.keyboard.press('Enter')
  }
}

/** The save bar's figures: { Saisis: '31 / 31', Moyenne: '11,5', Min: '0', Max: '19,5' }. */
export const chiffres = (page) =>
  page.locator('.stats-saisie > div').evaluateAll((divs) =>
    Object.fromEntries(divs.map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])),
  )

