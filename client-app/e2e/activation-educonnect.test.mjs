// End-to-end: a family activates its account with EduConnect, on a phone (node --test e2e/; issue #14).
// EduConnect is a national service: build.ps1 starts its stand-in (tests/Ent.EduConnect.Bouchon, the .NET tests'
// EduConnectStub) and gives its address in ENT_EDUCONNECT_URL; the test tells it who signs in at the next authorization.
// parent.156 is used by no other test: the head « réinitialise » it (back to activation, as the directory import leaves
// an account), then the family comes from the login page's « Se connecter avec ÉduConnect », is found by the usual
// matching (a guardian: the child EduConnect names, then the guardian's name among that child's guardians), accepts the
// terms and lands in Ent, logged in, without an Ent password. A later EduConnect login needs the link alone.
import assert from 'node:assert/strict'
import path from 'node:path'
import { test } from 'node:test'
import { appelerApi, artifacts, chargementsTermines, connecter, idDemo, ouvrir, sansViolationAxe } from './commun.mjs'

const educonnect = process.env.ENT_EDUCONNECT_URL
const UAI = '0750000A'
const FAMILLE = 'parent.156'
const ENFANT = 'eleve.107'
// The demo pupil n's national identifier, as the demo seeds it (IdentiteDemo.EleveIdNational): what EduConnect's
// vectors name a child by.
const ELEVE_ID_NATIONAL = String(9_000_000 + Number(ENFANT.slice('eleve.'.length)))
// EduConnect's subject for this person: fixed, so that a second run against the same database finds the link made by
// the first one (a new subject would meet an account already linked to another EduConnect account).
const SUJET = 'e2e-educonnect-parent-156'
const TELEPHONE = { width: 390, height: 844 }

/** Tells the stand-in who signs in at the next authorization, as EduConnect would describe them. */
async function ensuiteSeConnecte(personne) {
  const reponse = await fetch(`${educonnect}/__test/personne`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(personne),
  })
  assert.equal(reponse.status, 204, await reponse.text())
}

const sansDefilementHorizontal = async (page) => {
  const largeur = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(largeur <= TELEPHONE.width, `la page fait ${largeur}px de large`)
}

/** The connected home of this family: their first name, their child's card; the page's loads finished. */
async function accueilDeLaFamille(page, parent, enfant) {
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor()
  await page.getByRole('heading', { level: 1, name: `Bonjour ${parent.prenom}` }).waitFor()
  assert.equal(new URL(page.url()).pathname, '/')
  await page.waitForLoadState('networkidle')
  await chargementsTermines(page)
  const enfants = page.getByRole('region', { name: 'Votre enfant' })
  await enfants.getByRole('heading', { level: 3, name: `${enfant.prenom} ${enfant.nom}` }).waitFor()
}

test(
  'a family activates its account with EduConnect on a phone, lands logged in, and later logs in with EduConnect alone',
  { skip: !educonnect && "ENT_EDUCONNECT_URL non défini (l'EduConnect de test est lancé par build.ps1)" },
  async (t) => {
    // The head sends the family's account back to activation, as the administration screens' « réinitialiser » does,
    // and reads the family's card: the names and the child EduConnect will name.
    const direction = await ouvrir(t)
    await connecter(direction.page, 'direction')
    const reinitialise = await appelerApi(direction.page, `/api/identite/comptes/${idDemo(FAMILLE)}/activation`, { method: 'POST' })
    assert.equal(reinitialise.status, 200)
    const fiche = async () => {
      const { status, corps } = await appelerApi(direction.page, `/api/identite/etablissements/${UAI}/personnes/${idDemo(FAMILLE)}`)
      assert.equal(status, 200)
      return corps
    }
    const parent = await fiche()
    assert.equal(parent.compte.etat, 'a_activer')
    const enfant = parent.enfants.find((e) => e.eleveId === idDemo(ENFANT))
    assert.ok(enfant, `${ENFANT} est un enfant de ${FAMILLE}`)

    // EduConnect's word for this guardian: family names in capitals as its directory writes them, one vector per child
    // (profil|nom|prenom|eleveId|UAI; profil 1: first legal guardian).
    const personneEduConnect = {
      sujet: SUJET,
      affiliation: 'resp2d',
      nom: parent.nom.toUpperCase(),
      prenom: parent.prenom,
      vecteurs: [`1|${enfant.nom.toUpperCase()}|${enfant.prenom}|${ELEVE_ID_NATIONAL}|${UAI}`],
    }
    await ensuiteSeConnecte(personneEduConnect)

    // The family, on its phone: the login page's EduConnect button, EduConnect, then the terms in Ent.
    const { page, problemes } = await ouvrir(t, TELEPHONE, { hasTouch: true, isMobile: true })
    await page.goto('/connexion')
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor()
    await page.getByRole('link', { name: 'Se connecter avec ÉduConnect' }).click()
    await page.getByRole('heading', { level: 1, name: 'Activer mon compte' }).waitFor()
    assert.equal(new URL(page.url()).pathname, '/connexion/educonnect/fin')
    await page.getByText('ÉduConnect nous a permis de retrouver votre compte Ent.').waitFor()
    await sansViolationAxe(page)
    await sansDefilementHorizontal(page)
    await page.screenshot({ path: path.join(artifacts, 'activation-educonnect-conditions-telephone.png'), fullPage: true })
    // Nothing is activated until the terms are accepted.
    assert.equal((await fiche()).compte.etat, 'a_activer')
    await page.getByLabel("J'accepte les conditions d'utilisation").check()
    await page.getByRole('button', { name: 'Activer mon compte' }).click()

    // Straight into the app, logged in as this guardian, their child on the home page; no Ent password was asked.
    await accueilDeLaFamille(page, parent, enfant)
    await sansDefilementHorizontal(page)
    const moi = await appelerApi(page, '/api/identite/me')
    assert.equal(moi.status, 200)
    assert.equal(moi.corps.nom, parent.nom)
    assert.equal(moi.corps.prenom, parent.prenom)
    assert.deepEqual(moi.corps.enfants.map((e) => e.id), [idDemo(ENFANT)])
    const active = await fiche()
    assert.equal(active.compte.etat, 'actif')
    assert.ok(active.compte.activeLe)

    // Logged out, then in again through the app's « Se connecter »: EduConnect alone opens the account now (the link
    // made at the activation), without the terms, and the app comes back with its tokens.
    await page.getByRole('button', { name: 'Se déconnecter' }).click()
    await page.getByRole('heading', { name: 'Réunion parents-professeurs' }).waitFor()
    await ensuiteSeConnecte(personneEduConnect)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/connexion')
    await page.getByRole('link', { name: 'Se connecter avec ÉduConnect' }).click()
    await accueilDeLaFamille(page, parent, enfant)
    assert.deepEqual(problemes, [])
    assert.deepEqual(direction.problemes, [])
  },
)
