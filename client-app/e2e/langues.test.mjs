// End-to-end: the app in French, English and Arabic (issue 19), on a phone. The public home switches language from the
// banner, remembers it, and mirrors the page for Arabic; a guardian's connected home and menu follow; the help pages and
// the accessibility statement are reachable from every footer. At 320 px nothing scrolls sideways in either direction.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { artifacts, chargementsTermines, connecter, ouvrir, sansViolationAxe } from './commun.mjs'

const ETROIT = { width: 320, height: 640 }

const sansDefilementHorizontal = async (page, largeur) => {
  const mesure = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(mesure <= largeur, `la page fait ${mesure}px de large pour ${largeur}px`)
}

const langueDeLaPage = (page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }))

test('the public home in Arabic, right to left, remembered after a reload; then in English', async (t) => {
  const { page, problemes } = await ouvrir(t, ETROIT)
  await page.goto('/')
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()
  assert.deepEqual(await langueDeLaPage(page), { lang: 'fr', dir: 'ltr' })

  await page.getByRole('combobox', { name: 'Langue' }).selectOption('ar')
  await page.getByRole('button', { name: 'تسجيل الدخول' }).waitFor()
  assert.deepEqual(await langueDeLaPage(page), { lang: 'ar', dir: 'rtl' })
  // The banner's end is on the left in Arabic: the sign-in button sits left of the brand.
  const marque = await page.getByRole('link', { name: 'Ent', exact: true }).boundingBox()
  const bouton = await page.getByRole('button', { name: 'تسجيل الدخول' }).boundingBox()
  assert.ok(bouton.x < marque.x, `bouton à ${bouton.x}, marque à ${marque.x}`)
  await sansDefilementHorizontal(page, ETROIT.width)
  await sansViolationAxe(page)
  await page.screenshot({ path: path.join(artifacts, 'langue-accueil-public-ar-320.png'), fullPage: true })

  await page.reload()
  await page.getByRole('button', { name: 'تسجيل الدخول' }).waitFor()
  assert.equal((await langueDeLaPage(page)).dir, 'rtl')
  const cookies = await page.context().cookies()
  assert.equal(cookies.find((c) => c.name === 'ent_langue')?.value, 'ar')

  await page.getByRole('combobox', { name: 'اللغة' }).selectOption('en')
  await page.getByRole('button', { name: 'Sign in' }).waitFor()
  assert.deepEqual(await langueDeLaPage(page), { lang: 'en', dir: 'ltr' })
  assert.equal(await page.getByRole('heading', { name: 'Announcements' }).count(), 1)
  await page.screenshot({ path: path.join(artifacts, 'langue-accueil-public-en-320.png'), fullPage: true })
  assert.deepEqual(problemes, [])
})

test('a guardian’s home and menu in Arabic then English, and the help pages from the footer', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await connecter(page, 'parent.001')
  const prenom = (await page.getByRole('heading', { level: 1 }).textContent()).replace(/^Bonjour /, '')

  await page.getByRole('combobox', { name: 'Langue' }).selectOption('ar')
  await page.getByRole('heading', { level: 1, name: `مرحبًا ${prenom}` }).waitFor()
  await chargementsTermines(page)
  assert.deepEqual(await langueDeLaPage(page), { lang: 'ar', dir: 'rtl' })
  const navigation = page.getByRole('navigation', { name: 'التصفح الرئيسي' })
  await navigation.getByRole('button', { name: 'القائمة' }).click()
  for (const entree of ['الرئيسية', 'النقاط', 'الغيابات', 'الرسائل', 'حسابي']) {
    assert.ok(await navigation.getByRole('link', { name: entree, exact: true }).isVisible(), entree)
  }
  await page.screenshot({ path: path.join(artifacts, 'langue-famille-menu-ar.png'), fullPage: true })
  await navigation.getByRole('button', { name: 'القائمة' }).click()
  assert.ok(await page.getByRole('heading', { name: 'آخر النقاط' }).isVisible())
  await sansViolationAxe(page)
  await page.screenshot({ path: path.join(artifacts, 'langue-famille-accueil-ar.png'), fullPage: true })

  // The footer's help, in Arabic: how to justify an absence.
  await page.getByRole('contentinfo').getByRole('link', { name: 'مساعدة' }).click()
  await page.getByRole('link', { name: 'تبرير غياب' }).click()
  await page.getByRole('heading', { level: 1, name: 'تبرير غياب' }).waitFor()
  await page.screenshot({ path: path.join(artifacts, 'langue-aide-justifier-ar.png'), fullPage: true })

  await page.getByRole('combobox', { name: 'اللغة' }).selectOption('en')
  await page.getByRole('heading', { level: 1, name: 'Explain an absence' }).waitFor()
  assert.deepEqual(await langueDeLaPage(page), { lang: 'en', dir: 'ltr' })
  await page.getByRole('link', { name: 'Ent', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: `Hello ${prenom}` }).waitFor()
  await chargementsTermines(page)
  assert.ok(await page.getByRole('heading', { name: 'Latest grades' }).isVisible())
  await page.screenshot({ path: path.join(artifacts, 'langue-famille-accueil-en.png'), fullPage: true })

  // The accessibility statement, from the footer, says what the law asks.
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility: not compliant' }).click()
  await page.getByRole('heading', { level: 1, name: 'Accessibility statement' }).waitFor()
  assert.ok(await page.getByRole('heading', { name: 'How to appeal' }).isVisible())
  await sansViolationAxe(page)
  assert.deepEqual(problemes, [])
})

test('the language picker works with the keyboard alone', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await page.goto('/')
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()
  const choix = page.getByRole('combobox', { name: 'Langue' })
  for (let i = 0; i < 10 && !(await choix.evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab')
  assert.ok(await choix.evaluate((e) => e === document.activeElement), 'le choix de la langue est atteint au clavier')
  await page.keyboard.press('ArrowDown')
  await page.getByRole('button', { name: 'Sign in' }).waitFor()
  assert.equal((await langueDeLaPage(page)).lang, 'en')
  assert.deepEqual(problemes, [])
})
