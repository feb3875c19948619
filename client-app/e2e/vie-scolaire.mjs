// Steps of the vie scolaire pages that other end-to-end files may reuse (this file holds no test). Pupils are named as
// the staff lists write them: « Nom Prénom ».
import { chargementsTermines, naviguer } from './commun.mjs'

const echapper = (texte) => texte.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** From a connected teacher's page: « Appel » in the navigation, then the day's lessons. */
export async function ouvrirAppel(page) {
  await naviguer(page, 'Appel')
  await page.waitForURL((url) => url.pathname === '/appel')
  await page.getByRole('heading', { level: 2, name: 'Cours du jour' }).waitFor()
}

/**
 * On /appel (today): « Autre cours », the service whose label reads e.g. « Français — 2NDE1 », starting now; waits for
 * its roll call. Returns { serviceId, debut, fin } from the address.
 */
export async function commencerAutreCours(page, cours) {
  const section = page.getByRole('region', { name: 'Autre cours' })
  await section.getByLabel('Cours').selectOption({ label: cours })
  await section.getByRole('button', { name: "Faire l'appel maintenant" }).click()
  await page.waitForURL((url) => url.pathname.startsWith('/appel/'))
  await page.getByRole('list', { name: 'Élèves' }).waitFor()
  const url = new URL(page.url())
  return { serviceId: url.pathname.split('/').pop(), debut: url.searchParams.get('debut'), fin: url.searchParams.get('fin') }
}

/** A pupil's big button on the roll call: its name reads « Dupont Marie, Présent ». */
export const boutonEleve = (page, nom) => page.getByRole('button', { name: new RegExp(`^${echapper(nom)}, `) })

/** The pupil's state as the page says it: « Présent », « Absent », « Retard 10 min », « Exclu du cours ». */
export async function etatEleve(page, nom) {
  const libelle = await boutonEleve(page, nom).getAttribute('aria-label')
  return libelle.slice(nom.length + 2)
}

async function autreEtat(page, nom, choix) {
  await page.getByRole('button', { name: `Retard, exclu : ${nom}` }).click()
  await page.getByRole('group', { name: `Autres états : ${nom}` }).getByRole('button', { name: choix, exact: true }).click()
}

/**
 * On a roll call page: marks the named pupils absent (one tap each when present), late (minutes: 5, 10, 15 or any
 * other) or excluded; the others are left as they are. Then « Valider l'appel » and waits for the status, returned
 * (« Appel enregistré — les familles des absents sont prévenues. »).
 */
export async function faireAppel(page, { absents = [], retards = {}, exclus = [] } = {}) {
  await page.getByRole('list', { name: 'Élèves' }).waitFor()
  for (const nom of absents) {
    const etat = await etatEleve(page, nom)
    if (etat === 'Présent') await boutonEleve(page, nom).click()
    else if (etat !== 'Absent') await autreEtat(page, nom, 'Absent')
  }
  for (const [nom, minutes] of Object.entries(retards)) {
    if ([5, 10, 15].includes(Number(minutes))) {
      await autreEtat(page, nom, `${minutes} min`)
    } else {
      await autreEtat(page, nom, 'Autre durée')
      await page.getByLabel('Minutes de retard').fill(String(minutes))
      await page.getByLabel('Minutes de retard').press('Enter')
    }
  }
  for (const nom of exclus) await autreEtat(page, nom, 'Exclu du cours')
  await page.getByRole('button', { name: /^Valider l'appel/ }).click()
  const statut = page.getByRole('status').filter({ hasText: /^Appel enregistré — / })
  await statut.waitFor()
  return statut.textContent()
}

/** Opens a family's absences page (the SMS's link when no child is given) and waits for the list. */
export async function ouvrirAbsences(page, eleveId) {
  await page.goto(eleveId ? `/absences?eleve=${eleveId}` : '/absences')
  await page.getByRole('heading', { level: 2, name: "Absences et retards de l'année" }).waitFor()
  await chargementsTermines(page)
}

/**
 * On /absences, as a legal guardian: « Justifier des absences », step 1 (the absences: 'toutes' the justifiable ones,
 * or the labels' beginnings, e.g. ['Absence — ven. 27 nov.']; the reason's label; a comment), step 2 (fichier: a path
 * or { name, mimeType, buffer } for « Choisir un fichier »; none to send without a document), then « Envoyer le
 * justificatif ». Returns the status (« Justificatif envoyé pour 2 absences : … »).
 */
export async function justifier(page, { absences = 'toutes', motif = 'Maladie', commentaire = '', fichier } = {}) {
  await page.getByRole('button', { name: 'Justifier des absences' }).click()
  const formulaire = page.getByRole('region', { name: 'Justifier des absences' })
  const cases = formulaire.getByRole('group', { name: 'Absences à justifier' }).getByRole('checkbox')
  await cases.first().waitFor()
  if (absences === 'toutes') {
    for (const c of await cases.all()) await c.check()
  } else {
    for (const debut of absences) await formulaire.getByLabel(new RegExp(`^${echapper(debut)}`)).check()
  }
  await formulaire.getByLabel('Motif').selectOption({ label: motif })
  if (commentaire) await formulaire.getByLabel('Commentaire').fill(commentaire)
  await formulaire.getByRole('button', { name: 'Continuer' }).click()
  await formulaire.getByText('Étape 2 sur 2 : le justificatif').waitFor()
  if (fichier) {
    await formulaire.getByLabel('Choisir un fichier').setInputFiles(fichier)
    await formulaire.getByText(/^Document joint :/).waitFor()
  }
  await formulaire.getByRole('button', { name: 'Envoyer le justificatif' }).click()
  const statut = page.getByRole('status').filter({ hasText: /^Justificatif envoyé pour / })
  await statut.waitFor({ timeout: 30_000 })
  await chargementsTermines(page)
  return statut.textContent()
}

/** From a connected CPE's or head's page: « Tableau de bord » (group « Vie scolaire ») in the navigation, everything loaded. */
export async function ouvrirTableau(page) {
  await naviguer(page, 'Tableau de bord')
  await page.waitForURL((url) => url.pathname === '/vie-scolaire')
  await page.getByRole('heading', { level: 2, name: 'Justificatifs à examiner' }).waitFor()
  await chargementsTermines(page)
}

/** The queue's card of a pupil's (oldest) justification. */
export const carteJustificatif = (page, eleveNom) =>
  page
    .getByRole('region', { name: 'Justificatifs à examiner' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${echapper(eleveNom)}( ·|$)`) }) })
    .first()

/** On /vie-scolaire: accepts the pupil's oldest justification waiting; returns the status (« Justificatif de … accepté : … »). */
export async function accepterJustificatif(page, eleveNom) {
  await page.getByRole('button', { name: `Accepter le justificatif de ${eleveNom}`, exact: true }).first().click()
  const statut = page.getByRole('status').filter({ hasText: /^Justificatif de .* accepté/ })
  await statut.waitFor()
  return statut.textContent()
}

/** On /vie-scolaire: refuses the pupil's oldest justification waiting, with the reason told to the family. */
export async function refuserJustificatif(page, eleveNom, raison) {
  await page.getByRole('button', { name: `Refuser le justificatif de ${eleveNom}`, exact: true }).first().click()
  await page.getByLabel('Raison du refus').fill(raison)
  await page.getByRole('button', { name: `Confirmer le refus du justificatif de ${eleveNom}`, exact: true }).click()
  const statut = page.getByRole('status').filter({ hasText: /^Justificatif de .* refusé/ })
  await statut.waitFor()
  return statut.textContent()
}
