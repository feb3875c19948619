// End-to-end: the établissement's administration screens (node --test e2e/), on a phone. `admin.ent` is the demo lycée's
// local administrator. The link fixed is put back as it was before the test ends (other files read the same demo
// database afterwards); its « fixed by hand » mark stays, which no other test reads.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { width: 390, height: 844 }
const UAI = '0750000A'

async function sansDefilementHorizontal(page, largeur) {
  const reelle = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(reelle <= largeur, `la page fait ${reelle}px de large`)
}

test('the local administrator finds a pupil, opens the card and fixes a guardian link (phone)', async (t) => {
  const { page, problemes } = await ouvrir(t, TELEPHONE)
  await connecter(page, 'admin.ent')

  // The pupil: the demo's last, by login; their first guardian's link as it is now, to put it back.
  const { corps: trouves } = await appelerApi(page, `/api/identite/etablissements/${UAI}/personnes?q=eleve.119`)
  const eleve = trouves.personnes[0]
  const { corps: fiche } = await appelerApi(page, `/api/identite/etablissements/${UAI}/personnes/${eleve.personneId}`)
  const lien = fiche.responsables[0]
  assert.ok(lien, "l'élève a un responsable")

  await naviguer(page, 'Administration')
  await page.getByRole('search', { name: 'Chercher une personne' }).waitFor()
  await sansViolationAxe(page)
  await page.getByLabel('Nom, prénom ou identifiant').fill(`${eleve.prenom} ${eleve.nom}`)
  await page.getByRole('button', { name: 'Chercher' }).click()
  const resultat = page.getByRole('link', { name: `${eleve.nom.toUpperCase()} ${eleve.prenom}` })
  await resultat.waitFor()
  await chargementsTermines(page)
  await sansDefilementHorizontal(page, TELEPHONE.width)
  await resultat.click()

  await page.getByRole('heading', { level: 2, name: `${eleve.prenom} ${eleve.nom.toUpperCase()}` }).waitFor()
  await page.getByText('eleve.119', { exact: true }).waitFor()
  await sansViolationAxe(page)
  await sansDefilementHorizontal(page, TELEPHONE.width)

  const responsables = page.getByRole('region', { name: 'Responsables' })
  const nouveau = lien.lien === 'autre' ? 'tuteur' : 'autre'
  try {
    await responsables.getByRole('button', { name: `Corriger le lien avec ${lien.prenom} ${lien.nom}` }).click()
    await responsables.getByLabel('Lien').selectOption(nouveau)
    await sansViolationAxe(page)
    await responsables.getByRole('button', { name: 'Enregistrer le lien' }).click()
    await page.getByRole('status').getByText(/les prochains imports le conserveront/).waitFor()
    await responsables.getByText(/corrigé à la main/).waitFor()
    const { corps: apres } = await appelerApi(page, `/api/identite/etablissements/${UAI}/personnes/${eleve.personneId}`)
    const corrige = apres.responsables.find((r) => r.responsableId === lien.responsableId)
    assert.equal(corrige.lien, nouveau)
    assert.equal(corrige.fixeManuellement, true)
  } finally {
    const { status } = await appelerApi(page, `/api/identite/etablissements/${UAI}/liens/${lien.responsableId}/${lien.eleveId}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ lien: lien.lien, legal: lien.legal, recoitNotifications: lien.recoitNotifications, recoitCourrier: lien.recoitCourrier }),
    })
    assert.equal(status, 200)
  }
  assert.deepEqual(problemes, [])
})
