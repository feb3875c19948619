// End-to-end: a guardian's account page, "Mon compte" (node --test e2e/).
// parent.005 is used by no other test: its contacts change here, never its password.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { chargementsTermines, naviguer, ouvrir, sansViolationAxe, artifacts } from './commun.mjs'

const passerelle = process.env.ENT_SMS_URL

/** The code in the last SMS the gateway's stand-in received for `numero` (WireMock's admin API), waiting up to 20 s. */
async function codeRecu(numero) {
  const limite = Date.now() + 20_000
  for (;;) {
    const requetes = await (await fetch(`${passerelle}/__admin/requests`)).json()
    const sms = requetes
      .filter((r) => r.Request.Path === '/messages' && r.Request.Method === 'POST')
      .map((r) => JSON.parse(r.Request.Body))
      .find((m) => m.to === numero && /confirmer cette coordonnée/.test(m.text))
    if (sms) return sms.text.match(/[0-9]{6}/)[0]
    assert.ok(Date.now() < limite, `aucun SMS de code pour ${numero} après 20 s`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function seConnecter(page, identifiant) {
  await page.goto('/')
  await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.waitForURL((url) => url.pathname === '/connexion')
  await page.getByLabel('Identifiant').fill(identifiant)
  await page.getByLabel('Mot de passe').fill('demo-ent-2026')
  await page.getByRole('button', { name: 'Se connecter' }).click()
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/')
}

test('a guardian opens "Mon compte", changes the contacts and sees their devices and the access log', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await seConnecter(page, 'parent.005')
  await page.getByRole('heading', { level: 1, name: /^Bonjour / }).waitFor()
  await chargementsTermines(page)

  const navigation = page.getByRole('navigation', { name: 'Navigation principale' })
  await naviguer(page, 'Mon compte')
  await page.waitForURL((url) => url.pathname === '/compte')
  await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor()
  assert.equal(await navigation.getByRole('link', { name: 'Mon compte', includeHidden: true }).getAttribute('aria-current'), 'page')
  assert.equal(await navigation.getByRole('link', { name: 'Accueil', includeHidden: true }).getAttribute('aria-current'), null)

  // This very browser is one of the devices.
  const appareils = page.getByRole('region', { name: 'Appareils' })
  await appareils.getByRole('button', { name: /^Oublier l'appareil / }).first().waitFor()
  assert.ok((await appareils.getByRole('listitem').count()) >= 1)

  const journal = page.getByRole('region', { name: 'Qui a consulté les données de mes enfants' })
  await journal.waitFor()
  await journal.getByText(/Chargement…/).first().waitFor({ state: 'detached' })

  // A new mobile: the current password, then the code sent by SMS to the new number (read from the gateway's stand-in).
  const coordonnees = page.getByRole('region', { name: 'Coordonnées pour les notifications' })
  await coordonnees.getByLabel('Téléphone mobile', { exact: true }).check()
  await coordonnees.getByLabel('Nouveau numéro de mobile').fill('06 12 34 56 78')
  await coordonnees.getByLabel('Mot de passe actuel').fill('demo-ent-2026')
  await coordonnees.getByRole('button', { name: 'Recevoir un code' }).click()
  const champCode = coordonnees.getByLabel('Code reçu (6 chiffres)')
  await champCode.waitFor()
  if (passerelle) {
    await champCode.fill(await codeRecu('+33612345678'))
    await coordonnees.getByRole('button', { name: 'Confirmer' }).click()
    await coordonnees.getByRole('status').getByText('Coordonnées enregistrées.').waitFor()
    await coordonnees.getByText('+33612345678', { exact: true }).waitFor()
  }

  await sansViolationAxe(page)
  const capture = path.join(artifacts, 'responsable-mon-compte-telephone.png')
  await page.screenshot({ path: capture, fullPage: true })
  console.log(`capture d'écran : ${capture}`)

  // Stored: a reload shows the same values.
  await page.reload()
  await page.getByRole('heading', { level: 1, name: 'Mon compte' }).waitFor()
  if (passerelle) {
    await page.getByRole('region', { name: 'Coordonnées pour les notifications' }).getByText('+33612345678', { exact: true }).waitFor()
  }
  await page.getByRole('region', { name: 'Appareils' }).getByRole('listitem').first().waitFor()

  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= 390, `la page fait ${largeur}px de large`)
  assert.deepEqual(problemes, [])
})
