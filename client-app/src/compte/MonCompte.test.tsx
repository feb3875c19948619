import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { grouperParQuatre } from '../commun/profils'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { liensNavigation, navigationPrincipale } from '../commun/testing/navigation'

const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }
const parent = {
  id: 'p1',
  prenom: 'Philippe',
  nom: 'Michel',
  email: 'philippe.michel@exemple.fr',
  mobile: '+33600000001',
  doubleAuthentification: false,
  administrateurRegion: false,
  profils: [{ ...lycee, profil: 'responsable', fonction: null }],
  enfants: [{ id: 'e1', prenom: 'Gabriel', nom: 'Michel', ...lycee, legal: true, domaines: ['travail_scolaire', 'vie_scolaire'] }],
}
const professeur = {
  id: 'x',
  prenom: 'Karim',
  nom: 'Benali',
  email: null,
  mobile: null,
  doubleAuthentification: false,
  administrateurRegion: false,
  profils: [{ ...lycee, profil: 'enseignant', fonction: null }],
  enfants: [],
}
const appareils = [
  { id: 'a1', libelle: 'Firefox sur Android', premierVu: '2025-03-01T08:00:00Z', dernierVu: '2025-03-12T17:30:00Z' },
  { id: 'a2', libelle: 'Chrome sur Windows', premierVu: '2025-02-10T09:00:00Z', dernierVu: '2025-02-11T09:00:00Z' },
]
const acces = (a: Record<string, unknown>) => ({
  id: 1,
  le: '2025-03-12T09:15:00Z',
  qui: 'Marie Durand',
  qualite: 'cpe',
  role: "conseiller·ère principal·e d'éducation",
  libelle: 'a consulté les absences',
  application: null,
  parLaFamille: false,
  quoi: 'ListerAbsencesEleve',
  domaine: 'vie_scolaire',
  action: 'lecture',
  ...a,
})
const journal = {
  page: 1,
  taille: 20,
  suivante: false,
  acces: [
    acces({ id: 9 }),
    acces({ id: 8, le: '2025-03-12T08:00:00Z', qui: 'Claire Roux', qualite: 'enseignant', role: 'professeur·e de mathématiques', libelle: 'a saisi ou corrigé une note' }),
    acces({ id: 7, le: '2025-03-11T14:00:00Z', qui: null, qualite: 'autre', role: "une personne extérieure à l'établissement", libelle: 'a consulté les notes', application: 'Appli Devoirs' }),
  ],
}
const JOURNAL = 'GET /api/identite/eleves/e1/journal-acces?page=1&taille=20&famille=false'

type Reponse = { status?: number; body?: unknown }
type Route = Reponse | ((init?: RequestInit) => Reponse)

/** Answers fetch from a table of "METHOD path" (JSON), 404 otherwise; records each call with its JSON body. */
function serveur(routes: Record<string, Route>) {
  const appels: { route: string; corps: unknown }[] = []
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const route = `${init?.method ?? 'GET'} ${String(url)}`
    appels.push({ route, corps: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined })
    const trouvee = routes[route]
    if (!trouvee) return new Response('', { status: 404 })
    const { status = 200, body } = typeof trouvee === 'function' ? trouvee(init) : trouvee
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    })
  })
  vi.stubGlobal('fetch', fetch)
  return appels
}

const routesParent = (autres: Record<string, Route> = {}) => ({
  'GET /api/identite/me': { body: parent },
  'GET /api/identite/me/appareils': { body: appareils },
  'GET /api/identite/me/applications': { body: [] },
  [JOURNAL]: { body: journal },
  ...autres,
})

async function afficher(routes: Record<string, Route>, qui = 'Philippe Michel') {
  const appels = serveur(routes)
  render(<App chemin="/compte" gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  await screen.findByRole('heading', { level: 1, name: 'Mon compte' })
  await screen.findByRole('region', { name: 'Mot de passe' })
  return appels
}

const probleme = (errors: Record<string, string[]>) => ({
  status: 400,
  body: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'Données invalides', status: 400, errors },
})

/** The text of the element(s) an input's aria-describedby points to. */
const description = (champ: HTMLElement) =>
  (champ.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent)
    .join(' ')

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

describe('the account page', () => {
  it('is reached from the navigation, which marks it as the current page', async () => {
    await afficher(routesParent())

    expect(liensNavigation()).toEqual([
      ['Accueil', '/', null],
      ['Emploi du temps', '/emploi-du-temps', null],
      ['Devoirs', '/devoirs', null],
      ['Cahier de textes', '/cahier-de-textes', null],
      ['Notes', '/notes', null],
      ['Bulletins', '/bulletins', null],
      ['Manuels et ressources', '/ressources', null],
      ['Absences', '/absences', null],
      ['Sorties', '/sorties', null],
      ['Autorisations', '/autorisations', null],
      ['Messagerie', '/messagerie', null],
      ['Annonces', '/annonces', null],
      ['Agenda', '/agenda', null],
      ['Élections', '/elections', null],
      ['Signalements', '/signalements', null],
      ['Mon compte', '/compte', 'page'],
    ])
    // A top-level entry: no group is marked as holding the current page.
    expect(within(navigationPrincipale()).getAllByRole('button').map((b) => [b.textContent, b.getAttribute('aria-current')])).toEqual([
      ['Scolarité', null],
      ['Vie scolaire', null],
      ['Communication', null],
    ])
    expect(document.title).toBe('Mon compte — Ent — Espace numérique de travail')
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Mot de passe',
      'Coordonnées pour les notifications',
      'Absences de mes enfants',
      'Messagerie',
      'Notifications sur cet appareil',
      'Double authentification',
      'Mon emploi du temps dans mon agenda',
      'Appareils',
      'Applications autorisées',
      'Qui a consulté les données de mes enfants',
      'Mes données personnelles',
    ])
  })

  it('asks to sign in when nobody is connected', async () => {
    serveur({})
    render(<App chemin="/compte" gestionnaire={fauxGestionnaire(null)} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Mon compte' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Se connecter' })).toBeTruthy()
  })
})

describe('password', () => {
  const remplir = (actuel: string, nouveau: string, confirmation: string) => {
    const region = screen.getByRole('region', { name: 'Mot de passe' })
    fireEvent.change(within(region).getByLabelText('Mot de passe actuel'), { target: { value: actuel } })
    fireEvent.change(within(region).getByLabelText('Nouveau mot de passe'), { target: { value: nouveau } })
    fireEvent.change(within(region).getByLabelText('Confirmation du nouveau mot de passe'), { target: { value: confirmation } })
    fireEvent.click(within(region).getByRole('button', { name: 'Changer le mot de passe' }))
    return region
  }

  it('catches two different new passwords without calling the server', async () => {
    const appels = await afficher(routesParent())

    const region = remplir('ancien-mot-de-passe', 'nouveau-mot-de-passe', 'nouveau-mot-de-pase')

    const confirmation = within(region).getByLabelText('Confirmation du nouveau mot de passe')
    expect(confirmation.getAttribute('aria-invalid')).toBe('true')
    expect(description(confirmation)).toBe('Les deux nouveaux mots de passe ne sont pas identiques.')
    expect(within(region).getByRole('alert').textContent).toBe('Vérifiez les champs signalés.')
    expect(appels.some((a) => a.route.includes('mot-de-passe'))).toBe(false)
  })

  it("shows the server's field errors next to their fields", async () => {
    await afficher(
      routesParent({
        'PUT /api/identite/me/mot-de-passe': probleme({
          actuel: ['Le mot de passe actuel est incorrect.'],
          nouveau: ['Le nouveau mot de passe doit compter au moins 10 caractères.'],
        }),
      }),
    )

    const region = remplir('faux', 'court', 'court')

    await within(region).findByRole('alert')
    expect(description(within(region).getByLabelText('Mot de passe actuel'))).toBe('Le mot de passe actuel est incorrect.')
    expect(description(within(region).getByLabelText('Nouveau mot de passe'))).toBe(
      'Au moins 10 caractères, sans votre identifiant. Le nouveau mot de passe doit compter au moins 10 caractères.',
    )
    expect(within(region).getByLabelText('Confirmation du nouveau mot de passe').getAttribute('aria-invalid')).toBeNull()
  })

  it('says the other devices must log in again once changed, and empties the fields', async () => {
    const appels = await afficher(routesParent({ 'PUT /api/identite/me/mot-de-passe': { status: 204 } }))

    const region = remplir('ancien-mot-de-passe', 'nouveau-mot-de-passe', 'nouveau-mot-de-passe')

    await waitFor(() =>
      expect(within(region).getByRole('status').textContent).toBe('Mot de passe modifié. Vos autres appareils devront se reconnecter.'),
    )
    expect(appels.find((a) => a.route === 'PUT /api/identite/me/mot-de-passe')?.corps).toEqual({
      actuel: 'ancien-mot-de-passe',
      nouveau: 'nouveau-mot-de-passe',
    })
    expect((within(region).getByLabelText('Mot de passe actuel') as HTMLInputElement).value).toBe('')
  })
})

describe('contacts for notifications', () => {
  const CHANGEMENTS = 'POST /api/identite/me/contacts/changements'
  const CONFIRMATION = 'POST /api/identite/me/contacts/changements/c1/confirmation'
  const enAttente = { id: 'c1', contact: 'mobile', destination: '+33612345678', expireLe: '2025-03-12T10:15:00Z' }
  const region = () => screen.getByRole('region', { name: 'Coordonnées pour les notifications' })

  it('changes the mobile with the current password, then the code sent to the new number', async () => {
    const appels = await afficher(
      routesParent({
        [CHANGEMENTS]: { body: { enregistres: { email: parent.email, mobile: parent.mobile }, enAttente } },
        [CONFIRMATION]: { body: { email: parent.email, mobile: '+33612345678' } },
      }),
    )
    expect(within(region()).getByText('+33600000001')).toBeTruthy()

    fireEvent.click(within(region()).getByLabelText('Téléphone mobile'))
    fireEvent.change(within(region()).getByLabelText('Nouveau numéro de mobile'), { target: { value: '06 12 34 56 78' } })
    fireEvent.change(within(region()).getByLabelText('Mot de passe actuel'), { target: { value: 'mon-mot-de-passe' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Recevoir un code' }))

    const code = await within(region()).findByLabelText('Code reçu (6 chiffres)')
    expect(description(code)).toBe('Envoyé à +33612345678. Il est valable 15 minutes.')
    await waitFor(() => expect(document.activeElement).toBe(code))
    expect(appels.find((a) => a.route === CHANGEMENTS)?.corps).toEqual({ contact: 'mobile', valeur: '06 12 34 56 78', motDePasse: 'mon-mot-de-passe' })

    fireEvent.change(code, { target: { value: '123456' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Confirmer' }))

    await waitFor(() => expect(within(region()).getByRole('status').textContent).toBe('Coordonnées enregistrées.'))
    expect(appels.find((a) => a.route === CONFIRMATION)?.corps).toEqual({ code: '123456' })
    expect(within(region()).getByText('+33612345678')).toBeTruthy()
  })

  it('shows a wrong password and a wrong code next to their fields', async () => {
    let essai = 0
    await afficher(
      routesParent({
        [CHANGEMENTS]: () =>
          ++essai === 1
            ? probleme({ motDePasse: ["Le mot de passe actuel n'est pas le bon."] })
            : { body: { enregistres: { email: parent.email, mobile: parent.mobile }, enAttente } },
        [CONFIRMATION]: probleme({ code: ['Code incorrect : il vous reste 4 essais.'] }),
      }),
    )
    fireEvent.click(within(region()).getByLabelText('Téléphone mobile'))
    fireEvent.change(within(region()).getByLabelText('Nouveau numéro de mobile'), { target: { value: '0612345678' } })
    const motDePasse = within(region()).getByLabelText('Mot de passe actuel')
    fireEvent.change(motDePasse, { target: { value: 'faux' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Recevoir un code' }))

    await within(region()).findByRole('alert')
    expect(motDePasse.getAttribute('aria-invalid')).toBe('true')
    expect(description(motDePasse)).toBe("Le mot de passe actuel n'est pas le bon.")

    fireEvent.change(motDePasse, { target: { value: 'le-bon' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Recevoir un code' }))
    const code = await within(region()).findByLabelText('Code reçu (6 chiffres)')
    fireEvent.change(code, { target: { value: '000000' } })
    fireEvent.click(within(region()).getByRole('button', { name: 'Confirmer' }))

    await waitFor(() => expect(code.getAttribute('aria-invalid')).toBe('true'))
    expect(description(code)).toContain('Code incorrect : il vous reste 4 essais.')
  })

  it('removes the e-mail address only on request, with the password and no code', async () => {
    const appels = await afficher(
      routesParent({ [CHANGEMENTS]: { body: { enregistres: { email: null, mobile: parent.mobile }, enAttente: null } } }),
    )
    fireEvent.change(within(region()).getByLabelText('Mot de passe actuel'), { target: { value: 'mon-mot-de-passe' } })
    fireEvent.click(within(region()).getByRole('button', { name: "Retirer l'adresse électronique" }))

    await waitFor(() => expect(within(region()).getByRole('status').textContent).toBe('Adresse électronique retirée.'))
    expect(appels.find((a) => a.route === CHANGEMENTS)?.corps).toEqual({ contact: 'email', valeur: null, motDePasse: 'mon-mot-de-passe' })
    expect(within(region()).getByText('aucune')).toBeTruthy()
    expect(within(region()).queryByLabelText('Code reçu (6 chiffres)')).toBeNull()
  })
})

describe('second factor', () => {
  it('enrols: shows the secret by groups of four and the link, then the recovery codes once', async () => {
    const appels = await afficher(
      routesParent({
        'POST /api/identite/me/double-authentification': {
          body: { uri: 'otpauth://totp/Ent:parent.001?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Ent', secret: 'JBSWY3DPEHPK3PXPJBSWY3DP' },
        },
        'POST /api/identite/me/double-authentification/confirmation': { body: { codesSecours: ['abcd-efgh', 'ijkl-mnop'] } },
      }),
    )
    const region = screen.getByRole('region', { name: 'Double authentification' })
    expect(within(region).getByText(/désactivée/)).toBeTruthy()

    fireEvent.click(within(region).getByRole('button', { name: 'Activer' }))

    expect(await within(region).findByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP')).toBeTruthy()
    expect(within(region).getByRole('link', { name: /ouvrir le lien/ }).getAttribute('href')).toMatch(/^otpauth:\/\/totp\//)
    const code = within(region).getByLabelText('Code à 6 chiffres')
    expect([code.getAttribute('inputmode'), code.getAttribute('autocomplete')]).toEqual(['numeric', 'one-time-code'])

    fireEvent.change(code, { target: { value: '123 456' } })
    fireEvent.click(within(region).getByRole('button', { name: 'Confirmer' }))

    const codes = await within(region).findByRole('list', { name: 'Codes de secours' })
    expect(within(codes).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['abcd-efgh', 'ijkl-mnop'])
    expect(within(region).getByText(/Ils ne seront plus jamais affichés/)).toBeTruthy()
    expect(appels.find((a) => a.route.endsWith('/confirmation'))?.corps).toEqual({ code: '123456' })

    fireEvent.click(within(region).getByRole('button', { name: "J'ai noté mes codes" }))
    expect(within(region).queryByRole('list', { name: 'Codes de secours' })).toBeNull()
    expect(within(region).getByRole('button', { name: 'Désactiver' })).toBeTruthy()
  })

  it('shows a wrong code next to the field', async () => {
    await afficher(
      routesParent({
        'POST /api/identite/me/double-authentification': { body: { uri: 'otpauth://totp/Ent:x?secret=AAAA', secret: 'AAAABBBB' } },
        'POST /api/identite/me/double-authentification/confirmation': probleme({ code: ['Ce code est incorrect ou a expiré.'] }),
      }),
    )
    const region = screen.getByRole('region', { name: 'Double authentification' })
    fireEvent.click(within(region).getByRole('button', { name: 'Activer' }))
    const code = await within(region).findByLabelText('Code à 6 chiffres')
    fireEvent.change(code, { target: { value: '000000' } })
    fireEvent.click(within(region).getByRole('button', { name: 'Confirmer' }))

    await within(region).findByRole('alert')
    expect(description(code)).toBe('Ce code est incorrect ou a expiré.')
  })

  it('is turned off with a code when active', async () => {
    const appels = await afficher(
      routesParent({
        'GET /api/identite/me': { body: { ...parent, doubleAuthentification: true } },
        'DELETE /api/identite/me/double-authentification': { status: 204 },
      }),
    )
    const region = screen.getByRole('region', { name: 'Double authentification' })
    fireEvent.change(within(region).getByLabelText("Code de l'application ou code de secours"), { target: { value: '654321' } })
    fireEvent.click(within(region).getByRole('button', { name: 'Désactiver' }))

    await waitFor(() => expect(within(region).getByRole('status').textContent).toBe('Double authentification désactivée.'))
    expect(within(region).getByRole('button', { name: 'Activer' })).toBeTruthy()
    expect(appels.find((a) => a.route.startsWith('DELETE'))?.corps).toEqual({ code: '654321' })
  })

  it('groups a secret by four', () => {
    expect(grouperParQuatre('ABCDEFGHIJ')).toBe('ABCD EFGH IJ')
  })
})

describe('devices', () => {
  it('are listed with their dates in French, and one is forgotten by its labelled button', async () => {
    const appels = await afficher(routesParent({ 'DELETE /api/identite/me/appareils/a2': { status: 204 } }))
    const region = screen.getByRole('region', { name: 'Appareils' })

    const cartes = await within(region).findAllByRole('listitem')
    expect(cartes.map((c) => within(c).getByRole('heading', { level: 3 }).textContent)).toEqual(['Firefox sur Android', 'Chrome sur Windows'])
    const dates = [...cartes[0].querySelectorAll('time')]
    expect(dates.map((d) => [d.getAttribute('datetime'), d.textContent])).toEqual([
      ['2025-03-01T08:00:00Z', '1 mars 2025 à 09:00'],
      ['2025-03-12T17:30:00Z', '12 mars 2025 à 18:30'],
    ])

    fireEvent.click(within(region).getByRole('button', { name: "Oublier l'appareil Chrome sur Windows" }))

    await waitFor(() => expect(within(region).getByRole('status').textContent).toBe('Appareil « Chrome sur Windows » oublié.'))
    expect(within(region).queryByText('Chrome sur Windows')).toBeNull()
    expect(within(region).getByText('Firefox sur Android')).toBeTruthy()
    expect(appels.filter((a) => a.route.startsWith('DELETE')).map((a) => a.route)).toEqual(['DELETE /api/identite/me/appareils/a2'])
  })
})

describe('access log of the children', () => {
  it("writes each access as a sentence, grouped by day, without the family's own reads", async () => {
    await afficher(routesParent())
    const region = screen.getByRole('region', { name: 'Qui a consulté les données de mes enfants' })
    const enfant = within(region).getByRole('region', { name: 'Gabriel Michel' })

    const lignes = await within(enfant).findAllByRole('listitem')
    expect(lignes.map((l) => l.textContent)).toEqual([
      "10:15 Marie Durand, conseiller·ère principal·e d'éducation, a consulté les absences",
      '09:00 Claire Roux, professeur·e de mathématiques, a saisi ou corrigé une note',
      "15:00 Une personne extérieure à l'établissement a consulté les notes, via Appli Devoirs",
    ])
    // One heading per day (Paris time): 12 March has two accesses, 11 March one.
    expect(within(enfant).getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      expect.stringMatching(/^mercredi 12 mars/),
      expect.stringMatching(/^mardi 11 mars/),
    ])
    expect((within(region).getByLabelText('Afficher aussi nos propres consultations') as HTMLInputElement).checked).toBe(false)
  })

  it("shows the family's own reads once asked, and keeps the choice in the address", async () => {
    const appels = await afficher(
      routesParent({
        'GET /api/identite/eleves/e1/journal-acces?page=1&taille=20&famille=true': {
          body: { ...journal, acces: [acces({ id: 10, qui: 'Philippe Michel', qualite: 'responsable', role: 'son père', libelle: 'a consulté les notes', parLaFamille: true }), ...journal.acces] },
        },
      }),
    )
    const region = screen.getByRole('region', { name: 'Qui a consulté les données de mes enfants' })
    await within(region).findByText(/Marie Durand/)
    fireEvent.click(within(region).getByLabelText('Afficher aussi nos propres consultations'))

    expect(await within(region).findByText(/Philippe Michel, son père, a consulté les notes/)).toBeTruthy()
    expect(window.location.search).toBe('?journal=tout')
    expect(appels.map((a) => a.route)).toContain('GET /api/identite/eleves/e1/journal-acces?page=1&taille=20&famille=true')
  })

  it('pages back with the last entry as cursor, and focuses the first older entry', async () => {
    const appels = await afficher(
      routesParent({
        [JOURNAL]: { body: { ...journal, suivante: true } },
        'GET /api/identite/eleves/e1/journal-acces?page=1&taille=20&famille=false&avant=7': {
          body: { ...journal, acces: [acces({ id: 5, le: '2025-03-01T09:15:00Z' })] },
        },
      }),
    )
    const region = screen.getByRole('region', { name: 'Qui a consulté les données de mes enfants' })
    fireEvent.click(await within(region).findByRole('button', { name: 'Afficher les accès plus anciens' }))

    expect(await within(region).findByText('1 accès plus anciens affichés.')).toBeTruthy()
    const enfant = within(region).getByRole('region', { name: 'Gabriel Michel' })
    expect(within(enfant).getAllByRole('listitem')).toHaveLength(4)
    await waitFor(() => expect(document.activeElement?.textContent).toMatch(/^10:15 Marie Durand/))
    expect(within(enfant).getAllByRole('heading', { level: 4 }).at(-1)?.textContent).toMatch(/^samedi 1er mars/)
    expect(within(region).queryByRole('button', { name: 'Afficher les accès plus anciens' })).toBeNull()
    expect(appels.filter((a) => a.route.includes('avant='))).toHaveLength(1)
  })

  it('says so when nobody outside the family has accessed a child’s data yet', async () => {
    await afficher(routesParent({ [JOURNAL]: { body: { ...journal, acces: [] } } }))

    expect(await screen.findByText("Personne en dehors de la famille n'a consulté les données de Gabriel Michel pour le moment.")).toBeTruthy()
  })

  it('is absent for a teacher', async () => {
    const appels = await afficher({ 'GET /api/identite/me': { body: professeur }, 'GET /api/identite/me/appareils': { body: [] }, 'GET /api/identite/me/applications': { body: [] } }, 'Karim Benali')

    expect(await screen.findByText('Aucun appareil enregistré.')).toBeTruthy()
    expect(screen.queryByRole('region', { name: 'Qui a consulté les données de mes enfants' })).toBeNull()
    expect(appels.some((a) => a.route.includes('journal-acces'))).toBe(false)
  })
})

describe("a guardian's absence notifications", () => {
  const preferences = { sms: true, courriel: false, application: true }

  it('are read, changed and saved; at least one way stays chosen', async () => {
    const appels = await afficher(
      routesParent({
        'GET /api/communication/me/preferences-notifications': { body: preferences },
        'PUT /api/communication/me/preferences-notifications': (init) => ({ body: JSON.parse(String(init?.body)) }),
      }),
    )
    const section = screen.getByRole('region', { name: 'Absences de mes enfants' })
    const groupe = await within(section).findByRole('group', { name: 'Être prévenu des absences par' })
    const cases = within(groupe).getAllByRole('checkbox') as HTMLInputElement[]
    expect(cases.map((c) => [c.labels?.[0]?.textContent, c.checked])).toEqual([
      ['SMS (au téléphone mobile ci-dessus)', true],
      ["Courriel (à l'adresse électronique ci-dessus)", false],
      ["Application (dans les notifications de l'accueil d'Ent)", true],
    ])

    fireEvent.click(cases[0])
    fireEvent.click(cases[2])
    fireEvent.click(within(section).getByRole('button', { name: 'Enregistrer les préférences' }))
    expect(within(section).getByRole('alert').textContent).toBe("Choisissez au moins une façon d'être prévenu.")
    expect(appels.some((a) => a.route.startsWith('PUT'))).toBe(false)

    fireEvent.click(cases[1])
    fireEvent.click(within(section).getByRole('button', { name: 'Enregistrer les préférences' }))
    expect(await within(section).findByText('Préférences enregistrées.')).toBeTruthy()
    expect(appels.find((a) => a.route.startsWith('PUT'))?.corps).toEqual({ sms: false, courriel: true, application: false })
  })

  it('are not offered to someone without children', async () => {
    await afficher({ 'GET /api/identite/me': { body: professeur }, 'GET /api/identite/me/appareils': { body: [] }, 'GET /api/identite/me/applications': { body: [] } }, 'Karim Benali')
    expect(screen.queryByRole('region', { name: 'Absences de mes enfants' })).toBeNull()
  })
})

describe('the messaging e-mail digest', () => {
  it('is off until asked, saved, never offers SMS, and shows the server refusal next to the box', async () => {
    const appels = await afficher({
      'GET /api/identite/me': { body: professeur },
      'GET /api/identite/me/appareils': { body: [] },
      'GET /api/identite/me/applications': { body: [] },
      'GET /api/communication/me/preferences-messagerie': { body: { resumeCourriel: false, courrielConnu: false, heureResume: 18 } },
      'PUT /api/communication/me/preferences-messagerie': probleme({
        resumeCourriel: ["Ajoutez d'abord une adresse électronique à votre compte (rubrique « Coordonnées ») : le résumé y est envoyé."],
      }),
    }, 'Karim Benali')
    const section = screen.getByRole('region', { name: 'Messagerie' })
    const resume = (await within(section).findByRole('checkbox', {
      name: 'Recevoir chaque jour à 18 h un résumé par courriel de mes messages non lus',
    })) as HTMLInputElement
    expect(resume.checked).toBe(false)
    expect(within(section).getAllByRole('checkbox')).toHaveLength(1)
    expect(within(section).getByText(/jamais envoyés par SMS/)).toBeTruthy()

    fireEvent.click(resume)
    fireEvent.click(within(section).getByRole('button', { name: 'Enregistrer' }))
    expect((await within(section).findByText(/Ajoutez d'abord une adresse électronique à votre compte/)).id).toBeTruthy()
    expect(resume.getAttribute('aria-invalid')).toBe('true')
    expect(appels.find((a) => a.route === 'PUT /api/communication/me/preferences-messagerie')?.corps).toEqual({ resumeCourriel: true })
  })
})
