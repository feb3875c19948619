// End-to-end: a guardian downloads everything Ent holds about their child (RGPD) from « Mon compte », on a phone,
// and the archive holds every file the register's export page lists (node --test e2e/).
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { test } from 'node:test'
import { connecter, ouvrir, sansViolationAxe } from './commun.mjs'

/** The names of a zip's entries, read from its central directory (signature 0x02014b50; name length at 28, name at 46). */
function entreesZip(octets) {
  const noms = []
  for (let i = 0; i + 46 <= octets.length; i++) {
    if (octets.readUInt32LE(i) !== 0x02014b50) continue
    const longueur = octets.readUInt16LE(i + 28)
    noms.push(octets.subarray(i + 46, i + 46 + longueur).toString('utf8'))
    i += 45 + longueur
  }
  return noms
}

/** The files docs/registre-des-traitements/export-rgpd.md says a child's export holds (column « Export d'un enfant »: oui). */
async function fichiersDocumentes() {
  const page = await readFile(path.resolve(import.meta.dirname, '../../docs/registre-des-traitements/export-rgpd.md'), 'utf8')
  return [...page.matchAll(/^\|\s*`([^`]+)`\s*\|[^|]*\|\s*([^|]*?)\s*\|[^|]*\|\s*$/gm)].filter((m) => m[2] === 'oui').map((m) => m[1].replace(/^\.\//, ''))
}

test('a guardian prepares and downloads their child’s data from « Mon compte »', async (t) => {
  const { page, problemes } = await ouvrir(t)
  await connecter(page, 'parent.005')
  await page.goto('/compte')
  const section = page.getByRole('region', { name: 'Mes données personnelles' })
  await section.getByText(/Aucun export disponible|Données de /).first().waitFor()

  const bouton = section.getByRole('button', { name: /^Préparer l'export des données de / }).first()
  const prenom = (await bouton.textContent()).replace("Préparer l'export des données de ", '')
  await bouton.click()
  // Prepared in the background: the card shows its progress, then the download.
  const telecharger = section.getByRole('button', { name: new RegExp(`^Télécharger les données de ${prenom} `) }).first()
  await telecharger.waitFor({ timeout: 30_000 })
  await sansViolationAxe(page)

  const telechargement = page.waitForEvent('download', { timeout: 15_000 })
  await telecharger.click()
  const fichier = await telechargement
  assert.match(fichier.suggestedFilename(), /^donnees-ent-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.zip$/)
  await section.getByText(`Données de ${prenom}`, { exact: false }).first().waitFor()
  const octets = await readFile(await fichier.path())
  assert.equal(octets.subarray(0, 2).toString(), 'PK')
  const noms = entreesZip(octets)
  const attendus = await fichiersDocumentes()
  assert.ok(attendus.length >= 12, `${attendus.length} fichiers documentés`)
  assert.deepEqual(attendus.filter((f) => !noms.includes(f)), [], `absents de l'archive : ${noms.join(', ')}`)
  assert.deepEqual(problemes, [])
})
