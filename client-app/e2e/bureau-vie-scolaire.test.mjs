// End-to-end: the vie scolaire desk's work (node --test e2e/), each journey on a phone and on a desktop, with axe.
// cpe is the demo lycée's CPE (Karim Benali); parent.001 is the legal guardian of eleve.001; infirmerie is its nurse.
// Nothing depends on today's date: exit requests are asked for today, and the past day used is read from the clock
// (the last weekday before today, when the demo's timetable has lessons).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, idDemo, naviguer, ouvrir, sansViolationAxe } from './commun.mjs'

const TELEPHONE = { width: 390, height: 844 }
const BUREAU = { width: 1280, height: 800 }
const ECRANS = [
  ['téléphone', TELEPHONE],
  ['bureau', BUREAU],
]
const UAI = '0750000A'
const navigation = (page) => page.getByRole('navigation', { name: 'Navigation principale' })

/** Today and the last weekday before it (Monday to Friday), at Paris, as the API writes days. */
function jours() {
  const paris = (d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d)
  const aujourdhui = paris(new Date())
  const d = new Date(`${aujourdhui}T12:00:00Z`)
  do d.setUTCDate(d.getUTCDate() - 1)
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6)
  return { aujourdhui, ouvrePasse: d.toISOString().slice(0, 10) }
}

async function sansDefilementHorizontal(page, viewport) {
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= viewport.width, `la page fait ${largeur}px de large`)
}

for (const [ecran, viewport] of ECRANS) {
  test(`the desk accepts one exit request and refuses another after confirming, the list refreshing (${ecran})`, async (t) => {
    // parent.001 asks twice for eleve.001 today, with reasons this run alone uses.
    const marque = `${ecran} ${Date.now()}`
    const parent = await ouvrir(t, viewport)
    await connecter(parent.page, 'parent.001')
    const eleve = idDemo('eleve.001')
    for (const [heure, motif] of [
      ['23:10', `Rendez-vous orthodontiste ${marque}`],
      ['23:20', `Match de handball ${marque}`],
    ]) {
      const { status } = await appelerApi(parent.page, `/api/viescolaire/eleves/${eleve}/demandes-sortie`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ date: jours().aujourdhui, heureSortie: heure, motif, jeCertifie: true }),
      })
      assert.equal(status, 201)
    }

    const { page, problemes } = await ouvrir(t, viewport)
    await connecter(page, 'cpe')
    // The home says there are requests to visa, and leads to them.
    const bloc = page.getByRole('region', { name: 'Demandes de sortie à viser' })
    await bloc.getByRole('link', { name: 'Viser les demandes de sortie' }).click()
    await page.waitForURL((url) => url.pathname === '/vie-scolaire/sorties')
    await page.getByRole('heading', { level: 1, name: 'Demandes de sortie' }).waitFor()
    await chargementsTermines(page)
    assert.equal(await page.title(), 'Demandes de sortie — Ent — Espace numérique de travail')
    const carte = (motif) => page.getByRole('listitem').filter({ hasText: motif })
    const accepter = carte(`Rendez-vous orthodontiste ${marque}`)
    await accepter.waitFor()
    const nom = (await accepter.getByRole('heading', { level: 3 }).getByRole('link').textContent()).trim()
    assert.match(await accepter.textContent(), /aujourd'hui à 23:10/)
    assert.match(await accepter.textContent(), /Demandée par/)
    await sansViolationAxe(page)
    await sansDefilementHorizontal(page, viewport)

    await accepter.getByRole('button', { name: `Accepter la sortie de ${nom}` }).click()
    const statut = page.getByRole('status').filter({ hasText: /^Sortie de .* acceptée \(aujourd'hui à 23:10\) : la famille est prévenue\.$/ })
    await statut.waitFor()
    await chargementsTermines(page)
    await accepter.waitFor({ state: 'detached' })
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'En attente du visa')

    // Refusing asks first, with a word for the family; « Annuler » changes nothing.
    const refuser = carte(`Match de handball ${marque}`)
    await refuser.getByRole('button', { name: `Refuser la sortie de ${nom}` }).click()
    const message = refuser.getByLabel('Message à la famille (facultatif)')
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA')
    await message.fill('Le match a lieu en dehors des heures de cours.')
    await sansViolationAxe(page)
    await refuser.getByRole('button', { name: `Confirmer le refus de la sortie de ${nom}` }).click()
    await page.getByRole('status').filter({ hasText: /^Sortie de .* refusée/ }).waitFor()
    await chargementsTermines(page)
    await refuser.waitFor({ state: 'detached' })

    const { corps } = await appelerApi(page, `/api/viescolaire/eleves/${eleve}/sorties`)
    const statuts = Object.fromEntries(corps.demandes.filter((d) => d.motif.endsWith(marque)).map((d) => [d.heureSortie, [d.statut, d.commentaire ?? null]]))
    assert.deepEqual(statuts, { '23:10': ['acceptee', null], '23:20': ['refusee', 'Le match a lieu en dehors des heures de cours.'] })
    assert.deepEqual(problemes, [])
  })

  test(`the desk reminds a teacher of a roll call not taken, and the list shows who reminded (${ecran})`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport)
    await connecter(page, 'cpe')
    const { ouvrePasse } = jours()
    const { corps: liste } = await appelerApi(page, `/api/viescolaire/etablissements/${UAI}/appels-non-faits?date=${ouvrePasse}`)
    const lecon = liste.find((a) => !a.relance)
    assert.ok(lecon, `un cours sans appel ni relance le ${ouvrePasse}`)

    await page.goto(`/vie-scolaire/appels?date=${ouvrePasse}`)
    await page.getByRole('heading', { level: 1, name: 'Appels non faits' }).waitFor()
    await chargementsTermines(page)
    const section = page.getByRole('region', { name: 'Cours sans appel' })
    const horaire = (i) => new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(i))
    const cours = `${lecon.matiere} — ${lecon.classe}`
    const bouton = section.getByRole('button', { name: `Relancer ${lecon.enseignant} pour l'appel de ${cours} à ${horaire(lecon.debut)}–${horaire(lecon.fin)}` })
    await bouton.waitFor()
    // Lessons already reminded say by whom, without a button.
    const dejaRelancees = liste.filter((a) => a.relance).length
    assert.equal(await section.getByText(/^Relancé par /).count(), dejaRelancees)
    await sansViolationAxe(page)
    await sansDefilementHorizontal(page, viewport)

    await bouton.click()
    await section.getByRole('status').filter({ hasText: `${lecon.enseignant} a reçu un rappel pour l'appel de ${cours}` }).waitFor()
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /^Relancé par Karim Benali, /)
    assert.equal(await section.getByText(/^Relancé par /).count(), dejaRelancees + 1)

    // Reloaded, the day and the reminder are still there (the list reads it from the server).
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Appels non faits' }).waitFor()
    await chargementsTermines(page)
    assert.equal(await page.getByRole('region', { name: 'Cours sans appel' }).getByText(/^Relancé par /).count(), dejaRelancees + 1)
    assert.deepEqual(problemes, [])
  })

  test(`the dashboard names the pupils behind its figures, each opening the pupil's page (${ecran})`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport)
    await connecter(page, 'cpe')
    await naviguer(page, 'Tableau de bord')
    await page.waitForURL((url) => url.pathname === '/vie-scolaire')
    await page.getByRole('heading', { level: 2, name: 'Justificatifs à examiner' }).waitFor()
    await chargementsTermines(page)

    const resume = page.getByText(/^Voir les élèves concernés \(\d+\)$/)
    await resume.click()
    const liste = page.locator('details[open] ul')
    const premiere = liste.getByRole('listitem').first()
    assert.match(await premiere.textContent(), /^\S.* · \d+ (absence ou retard non justifié|absences ou retards non justifiés)$/)
    await sansViolationAxe(page)
    await sansDefilementHorizontal(page, viewport)

    const lien = premiere.getByRole('link')
    const nom = (await lien.textContent()).trim()
    await lien.click()
    await page.waitForURL((url) => url.pathname.startsWith('/vie-scolaire/eleves/'))
    await page.getByRole('heading', { level: 2, name: "Absences et retards de l'année" }).waitFor()
    await chargementsTermines(page)
    // The list writes « Nom Prénom », the page « Prénom Nom ».
    const titre = await page.getByRole('heading', { level: 1 }).textContent()
    assert.deepEqual(titre.split(' ').sort(), nom.split(' ').sort())
    assert.match(await page.getByRole('region', { name: "Absences et retards de l'année" }).textContent(), /À justifier|Refusée/)
    await sansViolationAxe(page)
    assert.deepEqual(problemes, [])
  })

  test(`the CPE's home lists the work to do with names; the nurse's opens the infirmary's register (${ecran})`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport)
    await connecter(page, 'cpe')
    for (const titre of ['Chercher un élève', 'Absences du jour à suivre', 'Justificatifs à examiner', 'Demandes de sortie à viser', 'Appels non faits', "Élèves au-delà du seuil d'absentéisme"]) {
      await page.getByRole('heading', { level: 2, name: titre }).waitFor()
    }
    await chargementsTermines(page)
    await sansViolationAxe(page)
    await sansDefilementHorizontal(page, viewport)
    // The pupil over the threshold or absent today, when there is one, is named with a link to their page.
    const noms = page.getByRole('region', { name: "Élèves au-delà du seuil d'absentéisme" }).getByRole('link')
    for (const lien of await noms.all()) assert.match(await lien.getAttribute('href'), /^\/vie-scolaire\/eleves\//)

    const infirmerie = await ouvrir(t, viewport)
    await connecter(infirmerie.page, 'infirmerie')
    const section = infirmerie.page.getByRole('region', { name: 'Infirmerie' })
    await section.waitFor()
    assert.equal(await section.getByRole('link', { name: 'Ouvrir le registre du jour' }).getAttribute('href'), '/infirmerie')
    await sansViolationAxe(infirmerie.page)
    assert.equal(await navigation(infirmerie.page).getByRole('link', { name: 'Élèves', exact: true, includeHidden: true }).count(), 0)
    assert.deepEqual([...problemes, ...infirmerie.problemes], [])
  })

  test(`the desk finds a pupil and records a parent's phone call over a past day (${ecran})`, async (t) => {
    const { page, problemes } = await ouvrir(t, viewport)
    await connecter(page, 'cpe')
    // A pupil with a guardian, as the search gives them (one per screen size).
    const { corps: trouves } = await appelerApi(page, `/api/identite/etablissements/${UAI}/eleves?q=ma`)
    const eleve = trouves.filter((e) => e.responsables.length > 0)[ecran === 'téléphone' ? 0 : 1]
    assert.ok(eleve, 'un élève avec un responsable')

    await naviguer(page, 'Élèves')
    await page.waitForURL((url) => url.pathname === '/vie-scolaire/eleves')
    await page.getByRole('heading', { level: 1, name: 'Élèves' }).waitFor()
    const champ = page.getByLabel("Nom ou prénom de l'élève")
    await champ.fill('m')
    await page.getByRole('button', { name: 'Chercher' }).click()
    await page.getByText('Saisissez au moins 2 lettres du nom ou du prénom.').waitFor()
    assert.equal(await champ.getAttribute('aria-invalid'), 'true')
    await champ.fill(`${eleve.nom} ${eleve.prenom}`)
    await page.getByRole('button', { name: 'Chercher' }).click()
    await page.waitForURL((url) => url.searchParams.get('q') === `${eleve.nom} ${eleve.prenom}`)
    await page.getByRole('status').filter({ hasText: /élèves? trouvés?/ }).waitFor()
    await chargementsTermines(page)
    await sansViolationAxe(page)
    await sansDefilementHorizontal(page, viewport)

    // The search is in the address: a reload gives the same list.
    await page.reload()
    const lien = page.getByRole('link', { name: `${eleve.nom} ${eleve.prenom}`, exact: true })
    await lien.waitFor()
    await chargementsTermines(page)
    await lien.click()
    await page.waitForURL((url) => url.pathname === `/vie-scolaire/eleves/${eleve.eleveId}`)
    await page.getByRole('heading', { level: 1, name: `${eleve.prenom} ${eleve.nom}` }).waitFor()
    await chargementsTermines(page)

    const { ouvrePasse } = jours()
    const formulaire = page.getByRole('region', { name: 'Enregistrer une absence signalée par la famille' })
    const responsable = eleve.responsables[0]
    await formulaire.getByLabel('Qui a prévenu ?').selectOption({ index: 1 })
    await formulaire.getByLabel('Comment ?').selectOption({ label: 'Téléphone' })
    await formulaire.getByLabel('Premier jour').fill(ouvrePasse)
    await formulaire.getByLabel('Dernier jour').fill(ouvrePasse)
    await formulaire.getByLabel('Motif').selectOption({ label: 'Maladie' })
    await formulaire.getByLabel('Note (facultatif)').fill(`Appel à 8 h 05 (${ecran})`)
    await sansViolationAxe(page)
    await formulaire.getByRole('button', { name: "Enregistrer l'absence" }).click()
    const statut = formulaire.getByRole('status').filter({ hasText: `Absence de ${eleve.prenom} ${eleve.nom} enregistrée (2 demi-journées) : justifiée (Maladie).` })
    await statut.waitFor()
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'status')
    await chargementsTermines(page)
    const absences = page.getByRole('region', { name: "Absences et retards de l'année" })
    const signalee = absences.getByText(new RegExp(`^Signalée par ${responsable.prenom} ${responsable.nom} \\(.+\\) par téléphone$`))
    assert.ok((await signalee.count()) >= 2)

    // Reloaded, the page still knows whom it is about (the link's state), and the server kept the caller.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: `${eleve.prenom} ${eleve.nom}` }).waitFor()
    await chargementsTermines(page)
    const { corps } = await appelerApi(page, `/api/viescolaire/eleves/${eleve.eleveId}/absences`)
    const dujour = corps.absences.filter((a) => a.debut.startsWith(ouvrePasse) && a.moyen === 'telephone')
    assert.ok(dujour.length >= 2)
    assert.deepEqual([...new Set(dujour.map((a) => a.statut))], ['justifiee'])
    assert.deepEqual(problemes, [])
  })
}
