// End-to-end: « Mon emploi du temps dans mon agenda » on a phone (node --test e2e/). parent.020 is used by no other test.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { connecter, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

test('a guardian creates their calendar address, which a calendar app then reads without a session, and revokes it', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await connecter(page, 'parent.020')
  await naviguer(page, 'Mon compte')
  await page.waitForURL((url) => url.pathname === '/compte')
  const carte = page.getByRole('region', { name: 'Mon emploi du temps dans mon agenda' })
  await carte.getByText('Aucune adresse d’agenda active.').waitFor()

  await carte.getByRole('button', { name: 'Créer mon adresse d’agenda' }).click()
  const champ = carte.getByLabel(/Adresse \(à copier maintenant/)
  await champ.waitFor()
  const adresse = await champ.inputValue()
  assert.match(adresse, /\/ical\/[A-Za-z0-9_-]{43}\.ics$/)
  assert.equal(await carte.getByRole('link', { name: 'Ouvrir dans mon agenda' }).getAttribute('href'), adresse.replace(/^https?:\/\//, 'webcal://'))
  await carte.getByText('Comment l’ajouter sur mon téléphone ?').click()
  await carte.getByRole('heading', { name: 'iPhone' }).waitFor()
  await carte.getByRole('button', { name: /^Révoquer/ }).waitFor()
  await sansViolationAxe(page)

  // A calendar app: no cookie, no token.
  const flux = await fetch(adresse)
  assert.equal(flux.status, 200)
  assert.equal(flux.headers.get('content-type'), 'text/calendar; charset=utf-8')
  const ics = await flux.text()
  assert.match(ics, /^BEGIN:VCALENDAR/)
  assert.match(ics, /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/)

  await carte.getByRole('button', { name: /^Révoquer/ }).click()
  await carte.getByText('Adresse révoquée : les agendas abonnés ne reçoivent plus rien.').waitFor()
  assert.equal((await fetch(adresse)).status, 404)
  assert.deepEqual(problemes, [])
})
