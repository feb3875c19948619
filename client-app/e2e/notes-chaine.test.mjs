// End-to-end, the chain: a teacher enters a whole class's grades; a guardian of one of those pupils sees the
// grade and the class average right after, on the home page; the guardian of a pupil of another family does not.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appelerApi, chargementsTermines, connecter, ouvrir } from './commun.mjs'
import { cellules, chiffres, creerEvaluation, ouvrirService, saisirAuClavier } from './enseignement.mjs'

const CLASSES_DE_PROF_01 = { 'Seconde 1': '2NDE1', 'Seconde 2': '2NDE2', 'Première générale 1': '1G1' }

test('a teacher enters 30+ grades; the guardian sees the grade and the class average at once; another family does not', async (t) => {
  // Which of parent.001's children is in a class where prof.01 teaches French.
  const famille = await ouvrir(t)
  await connecter(famille.page, 'parent.001')
  const enfants = (await appelerApi(famille.page, '/api/identite/me')).corps.enfants
  let enfant, code
  for (const e of enfants) {
    const classe = (await appelerApi(famille.page, `/api/scolarite/eleves/${e.id}/notes`)).corps.classe
    if (CLASSES_DE_PROF_01[classe]) {
      ;[enfant, code] = [e, CLASSES_DE_PROF_01[classe]]
      break
    }
  }
  assert.ok(enfant, "un enfant de parent.001 est dans une classe de prof.01")

  // The teacher: a new assessment, published at once, 30+ marks typed with the keyboard, saved in one go.
  const prof = await ouvrir(t)
  await connecter(prof.page, 'prof.01')
  await ouvrirService(prof.page, `Français — ${code}`)
  const titre = `Commentaire composé ${Date.now()}`
  await creerEvaluation(prof.page, { titre })
  const nombre = await cellules(prof.page).count()
  assert.ok(nombre >= 30, `${nombre} élèves`)
  await saisirAuClavier(prof.page, Array.from({ length: nombre }, (_, i) => String(6 + (i % 14)) + (i % 3 === 0 ? ',5' : '')))
  await prof.page.getByRole('button', { name: 'Enregistrer' }).click()
  await prof.page.getByText(`${nombre} résultats enregistrés.`).waitFor()
  const moyenne = (await chiffres(prof.page)).Moyenne

  // The guardian, right after: the home page's latest grades show this assessment, the child's mark and the average.
  await famille.page.goto(`/?eleve=${enfant.id}`)
  await chargementsTermines(famille.page)
  const derniere = famille.page.getByRole('region', { name: 'Dernières notes' }).getByRole('listitem').filter({ hasText: titre })
  await derniere.waitFor()
  const affichee = (await derniere.textContent()).match(/Moyenne de la classe : (\d+(?:,\d+)?)\/20/)
  assert.ok(affichee, 'la moyenne de la classe est affichée')
  const nombreFr = (texte) => Number(texte.replace(',', '.'))
  assert.ok(Math.abs(nombreFr(affichee[1]) - nombreFr(moyenne)) < 0.01, `${affichee[1]} ≠ ${moyenne}`)

  // The guardian of a pupil of another class (TG1, which prof.01 does not teach): nothing of it, and 404 on the pupil.
  // In the demo, parent.039 is the first guardian whose children are all in TG1 (checked here, not assumed).
  const autre = await ouvrir(t)
  await connecter(autre.page, 'parent.039')
  const siens = (await appelerApi(autre.page, '/api/identite/me')).corps.enfants
  const classes = await Promise.all(siens.map(async (e) => (await appelerApi(autre.page, `/api/scolarite/eleves/${e.id}/notes`)).corps.classe))
  assert.ok(classes.length > 0 && classes.every((c) => c === 'Terminale générale 1'), `parent.039 : ${classes}`)
  for (const e of siens) {
    const dernieres = (await appelerApi(autre.page, `/api/scolarite/eleves/${e.id}/dernieres-notes`)).corps
    assert.ok(!dernieres.some((n) => n.titre === titre), 'la note ne doit pas apparaître chez une autre famille')
  }
  assert.equal((await appelerApi(autre.page, `/api/scolarite/eleves/${enfant.id}/notes`)).status, 404)
})
