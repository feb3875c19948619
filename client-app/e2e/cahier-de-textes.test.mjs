// End-to-end, on a phone: a teacher writes a lesson's page with homework and a file and publishes it; the pupil reads it,
// ticks the homework « fait »; their guardian sees the tick. Marked absent at that lesson's roll call, the pupil finds
// it from their absences list, flagged « cours manqué ».
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, idDemo, ouvrir, sansViolationAxe } from './commun.mjs'

/** Milliseconds since midnight in Europe/Paris, now. */
function msDepuisMinuitParis() {
  const parties = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date())
      .map((p) => [p.type, Number(p.value)]),
  )
  return ((parties.hour * 60 + parties.minute) * 60 + parties.second) * 1000 + (Date.now() % 1000)
}

test('a teacher publishes a lesson with homework and a file; the pupil sees it and ticks it done; the guardian sees the tick; the absent pupil finds the missed lesson', async (t) => {
  // A child of parent.001 and their class's French service, taught by prof.01.
  const famille = await ouvrir(t)
  await connecter(famille.page, 'parent.001')
  const enfants = (await appelerApi(famille.page, '/api/identite/me')).corps.enfants

  const prof = await ouvrir(t)
  await connecter(prof.page, 'prof.01')
  const enseignement = (await appelerApi(prof.page, '/api/scolarite/me/enseignement')).corps
  const services = JSON.stringify(enseignement)
  let enfant, service
  for (const e of enfants) {
    const cahier = (await appelerApi(famille.page, `/api/scolarite/eleves/${e.id}/cahier-de-textes`)).corps
    const commun = cahier.matieres.find((m) => services.includes(m.serviceId))
    if (commun) {
      ;[enfant, service] = [e, commun.serviceId]
      break
    }
  }
  assert.ok(enfant, 'un enfant de parent.001 a un cours de prof.01')
  let eleve
  for (let i = 1; i <= 400 && !eleve; i++) if (idDemo(`eleve.${String(i).padStart(3, '0')}`) === enfant.id) eleve = `eleve.${String(i).padStart(3, '0')}`
  assert.ok(eleve, "l'identifiant de l'enfant")

  // An extra lesson that ended an hour ago (whatever the timetable says), written and published from the editor. Its
  // roll call is taken the same day (Europe/Paris), so shortly after midnight the lesson is squeezed into the day's
  // first minutes, and a run that would cross midnight waits for it.
  let depuisMinuit = msDepuisMinuitParis()
  if (depuisMinuit > 86_400_000 - 120_000) {
    await new Promise((r) => setTimeout(r, 86_400_000 - depuisMinuit + 5_000))
    depuisMinuit = msDepuisMinuitParis()
  }
  const fin = new Date(Math.floor(Date.now() / 1000) * 1000 - Math.min(3_600_000, Math.floor(depuisMinuit / 3)))
  const debut = new Date(fin.getTime() - Math.min(55 * 60_000, Math.floor(depuisMinuit / 3)))
  await prof.page.goto(`/enseignement/services/${service}/cahier-de-textes?${new URLSearchParams({ debut: debut.toISOString(), fin: fin.toISOString() })}`)
  await prof.page.getByRole('heading', { level: 1, name: 'Cahier de textes' }).waitFor()
  const consigne = `Lire le chapitre ${Date.now()}`
  const titre = `Le roman au XIXe siècle (${Date.now()})`
  await prof.page.getByLabel('Titre').fill(titre)
  await prof.page.getByRole('textbox', { name: 'Ce qui a été fait' }).click()
  await prof.page.keyboard.type('Lecture analytique du premier chapitre.')
  await prof.page.getByRole('button', { name: 'Donner un devoir' }).click()
  await prof.page.getByLabel('À faire').last().fill(consigne)
  await prof.page.getByRole('button', { name: 'Publier maintenant' }).click()
  await prof.page.getByText('Publié : élèves et familles le voient.').waitFor()
  await prof.page.getByLabel(/^Joindre un fichier/).setInputFiles({
    name: 'chapitre-1.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
  })
  await prof.page.getByRole('button', { name: 'Joindre', exact: true }).click()
  await prof.page.getByText('chapitre-1.pdf').waitFor()
  await sansViolationAxe(prof.page)

  // The pupil: the lesson in the cahier de textes with its file, the homework in « Devoirs », ticked done.
  const lui = await ouvrir(t)
  await connecter(lui.page, eleve)
  await lui.page.goto('/cahier-de-textes')
  await chargementsTermines(lui.page)
  const page = lui.page.getByRole('listitem').filter({ hasText: titre })
  await page.getByText('Lecture analytique du premier chapitre.').waitFor()
  await page.getByRole('button', { name: /chapitre-1\.pdf/ }).waitFor()
  await lui.page.goto('/devoirs')
  await chargementsTermines(lui.page)
  const devoir = lui.page.getByRole('listitem').filter({ hasText: consigne })
  // The box shows the tick once the server has it (a click, then the answer).
  await devoir.getByRole('checkbox', { name: 'Fait' }).click()
  await devoir.getByRole('checkbox', { name: 'Fait', checked: true }).waitFor()
  await sansViolationAxe(lui.page)

  // The guardian: the tick shows, and they tick « vu ».
  await famille.page.goto(`/devoirs?eleve=${enfant.id}`)
  await chargementsTermines(famille.page)
  const chezParent = famille.page.getByRole('listitem').filter({ hasText: consigne })
  await chezParent.getByText('✓ Fait, coché par l’élève').waitFor()
  await chezParent.getByRole('checkbox', { name: 'Vu' }).click()
  await chezParent.getByRole('checkbox', { name: 'Vu', checked: true }).waitFor()
  const relu = (await appelerApi(famille.page, `/api/scolarite/eleves/${enfant.id}/devoirs`)).corps
  const ligne = relu.jours.flatMap((j) => j.devoirs).find((d) => d.devoir.consigne.includes(consigne))
  assert.ok(ligne?.fait && ligne.vuParMoi, 'fait et vu sont enregistrés')

  // The roll call of that lesson marks the pupil absent (as the « Appel » screen sends it): their absences list links
  // to the lesson's page, flagged « Cours manqué ».
  const appel = await appelerApi(prof.page, `/api/viescolaire/services/${service}/appel`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ debut: debut.toISOString(), fin: fin.toISOString(), eleves: [{ eleveId: enfant.id, etat: 'absent' }] }),
  })
  assert.equal(appel.status, 200, JSON.stringify(appel.corps))
  await lui.page.goto('/absences')
  await chargementsTermines(lui.page)
  await lui.page.getByRole('link', { name: /^Le cours manqué au cahier de textes/ }).first().click()
  await lui.page.getByRole('heading', { level: 1, name: 'Cahier de textes' }).waitFor()
  const manque = lui.page.getByRole('listitem').filter({ hasText: titre })
  await manque.getByText('Cours manqué').waitFor()
  await manque.getByText(consigne).waitFor()
  await sansViolationAxe(lui.page)
})
