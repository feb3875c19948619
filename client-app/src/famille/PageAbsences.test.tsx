import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur, parentDeDeux, type Route } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { premierAJustifier, raisonsRefus, verifierFichier } from './absences'
import { absencesCamille, absencesGabriel, justificatif, motifs } from '../commun/testing/vieScolaire'
import { lienNavigation, navigationPrincipale } from '../commun/testing/navigation'

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const API_E1 = '/api/viescolaire/eleves/e1/absences'
const refuse = justificatif({
  id: 'j0',
  statut: 'refuse',
  decideLe: '2026-11-27T10:00:00Z',
  raisonRefus: 'Le certificat ne couvre pas ce jour-là.',
  absences: [{ ...justificatif().absences[0], id: 'a2' }],
})

const routesParent = (autres: Record<string, Route> = {}) => ({
  'GET /api/identite/me': { body: parentDeDeux },
  [`GET ${API_E1}`]: { body: absencesCamille },
  'GET /api/viescolaire/eleves/e2/absences': { body: absencesGabriel },
  'GET /api/viescolaire/motifs-absence': { body: motifs },
  'GET /api/viescolaire/eleves/e1/justificatifs': { body: [refuse] },
  ...autres,
})

async function ouvrir(adresse: string, routes: Record<string, Route>, qui = 'Philippe Michel') {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(routes)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur(qui))} />)
  await screen.findByRole('heading', { level: 1, name: /^Absences|^Bonjour/ })
  return appels
}

const cartes = () => within(screen.getByRole('region', { name: "Absences et retards de l'année" })).getAllByRole('listitem')
const chiffres = () => [...document.querySelectorAll('.chiffres div')].map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent])

/** A file of the given size without allocating it. */
function fichier(nom: string, type: string, octets: number) {
  const f = new File(['%PDF-1.4'], nom, { type })
  Object.defineProperty(f, 'size', { value: octets })
  return f
}

describe("a child's absences", () => {
  it('lands on the absence an SMS names: highlighted, scrolled into view and focused', async () => {
    await ouvrir('/absences?eleve=e1&absence=a3', routesParent())
    const signalee = await screen.findByText('Retard signalé')
    const carte = signalee.closest('li') as HTMLElement
    expect(cartes().indexOf(carte)).toBe(2)
    await vi.waitFor(() => expect(document.activeElement).toBe(carte))
  })

  it("lands on the absences of the justification a decision names", async () => {
    await ouvrir('/absences?eleve=e1&justificatif=j0', routesParent())
    const signalee = await screen.findByText('Justificatif signalé')
    const carte = signalee.closest('li') as HTMLElement
    expect(within(carte).getByText('Raison du refus : Le certificat ne couvre pas ce jour-là.')).toBeTruthy()
    await vi.waitFor(() => expect(document.activeElement).toBe(carte))
  })

  it('shows the counts, then each absence and lateness with its status in words', async () => {
    await ouvrir('/absences?eleve=e1', routesParent())

    await screen.findByRole('region', { name: "Absences et retards de l'année" })
    expect(document.title).toBe('Absences — Ent — Espace numérique de travail')
    expect(document.querySelector('.qui')?.textContent).toBe('Camille Michel')
    expect(chiffres()).toEqual([
      ['À justifier', '2'],
      ['Demi-journées non justifiées ce mois-ci', '2'],
      ["Demi-journées d'absence cette année", '4'],
    ])
    expect(cartes().map((c) => [within(c).getByRole('heading', { level: 3 }).textContent, c.querySelector('.statut')?.textContent])).toEqual([
      ['Absence', '! À justifier'],
      ['Absence', '✗ Refusée'],
      ['Retard de 10 min', '✓ Justifiée'],
      ['Absence', '… Justificatif envoyé'],
    ])
    expect(cartes()[0].textContent).toContain('vendredi 27 novembre 2026, 08:00–08:55')
    expect(cartes()[2].textContent).toContain('Motif : Transport')
    expect(within(cartes()[1]).getByText('Raison du refus : Le certificat ne couvre pas ce jour-là.')).toBeTruthy()
    // « Justifier » on the justifiable ones only, each named after its absence.
    expect(cartes().map((c) => within(c).queryByRole('button')?.getAttribute('aria-label') ?? null)).toEqual([
      'Justifier : Absence — vendredi 27 novembre 2026, 08:00–08:55 · Français — 2NDE1',
      'Justifier : Absence — jeudi 26 novembre 2026, 14:00–14:55 · Mathématiques — 2NDE1',
      null,
      null,
    ])
    const navigation = navigationPrincipale()
    expect(within(navigation).getByRole('button', { name: 'Vie scolaire' }).getAttribute('aria-current')).toBe('true')
    expect(lienNavigation('Absences').getAttribute('aria-current')).toBe('page')
  })

  it('opens the SMS link (no child named) on the first child with something to justify', async () => {
    const appels = await ouvrir(
      '/absences',
      routesParent({
        [`GET ${API_E1}`]: { body: { ...absencesGabriel, eleveId: 'e1' } },
        'GET /api/viescolaire/eleves/e2/absences': { body: { ...absencesCamille, eleveId: 'e2' } },
      }),
    )

    await screen.findByRole('button', { name: 'Justifier des absences' })
    expect(document.querySelector('.qui')?.textContent).toBe('Gabriel Michel')
    expect((screen.getByRole('combobox', { name: 'Enfant suivi' }) as HTMLSelectElement).value).toBe('e2')
    expect(window.location.pathname + window.location.search).toBe('/absences?eleve=e2')
    // Each child read once: the choice's answers serve the page.
    expect(appels.filter((a) => a.route.includes('/absences')).map((a) => a.route)).toEqual([`GET ${API_E1}`, 'GET /api/viescolaire/eleves/e2/absences'])
  })

  it('shows a pupil their own absences, justified by their guardians', async () => {
    await ouvrir('/absences', {
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/viescolaire/eleves/moi-eleve/absences': { body: { ...absencesCamille, eleveId: 'moi-eleve' } },
    })

    await screen.findByRole('region', { name: "Absences et retards de l'année" })
    expect(screen.getByText('Vos responsables légaux peuvent justifier ces absences depuis leur espace.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Justifier/ })).toBeNull()
    expect(screen.queryByRole('combobox', { name: 'Enfant suivi' })).toBeNull()
  })

  it('says « introuvable » for a pupil the server does not show', async () => {
    await ouvrir('/absences?eleve=inconnu', routesParent())
    expect(await screen.findByText(/^Absences introuvables/)).toBeTruthy()
  })
})

describe('« Justifier » in two steps', () => {
  it('checks the absences and the reason, then refuses a file too big before sending, then sends one multipart request', async () => {
    let envoye = false
    const appels = await ouvrir(
      '/absences?eleve=e1',
      routesParent({
        'POST /api/viescolaire/eleves/e1/justificatifs': () => {
          envoye = true
          return { status: 201, body: { id: 'j1' } }
        },
        [`GET ${API_E1}`]: () => ({
          body: envoye
            ? { ...absencesCamille, aJustifier: 0, absences: absencesCamille.absences.map((a) => ({ ...a, statut: a.justifiable ? 'justificatif_depose' : a.statut, justifiable: false })) }
            : absencesCamille,
        }),
      }),
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Justifier des absences' }))

    // Step 1: nothing chosen.
    const formulaire = await screen.findByRole('region', { name: 'Justifier des absences' })
    await within(formulaire).findAllByRole('checkbox')
    await waitFor(() => expect(document.activeElement).toBe(within(formulaire).getByRole('heading', { level: 2 })))
    expect(within(formulaire).getByText('Étape 1 sur 2 : les absences et le motif')).toBeTruthy()
    const cases = within(formulaire).getAllByRole('checkbox')
    expect(cases.map((c) => (c as HTMLInputElement).labels?.[0]?.textContent ?? '')).toEqual([
      'Absence — ven. 27 nov., 08:00–08:55 · Français — 2NDE1',
      'Absence — jeu. 26 nov., 14:00–14:55 · Mathématiques — 2NDE1',
    ])
    fireEvent.change(within(formulaire).getByLabelText('Motif'), { target: { value: 'autre' } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Continuer' }))
    expect(within(formulaire).getByRole('alert').textContent).toBe('Vérifiez les champs signalés.')
    expect(within(formulaire).getByText('Cochez au moins une absence.')).toBeTruthy()
    expect(within(formulaire).getByLabelText('Commentaire').getAttribute('aria-invalid')).toBe('true')

    fireEvent.click(cases[0])
    fireEvent.click(cases[1])
    fireEvent.change(within(formulaire).getByLabelText('Motif'), { target: { value: 'maladie' } })
    fireEvent.change(within(formulaire).getByLabelText('Commentaire'), { target: { value: '  Grippe.  ' } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Continuer' }))

    // Step 2: a phone photo of 7 Mo is refused at once.
    expect(await within(formulaire).findByText('Étape 2 sur 2 : le justificatif')).toBeTruthy()
    expect([...formulaire.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['2 absences ou retards', 'Maladie', 'Grippe.'])
    const photo = within(formulaire).getByLabelText('Prendre une photo') as HTMLInputElement
    expect([photo.accept, photo.getAttribute('capture')]).toEqual(['image/*', 'environment'])
    const choix = within(formulaire).getByLabelText('Choisir un fichier') as HTMLInputElement
    expect(choix.accept).toBe('image/*,application/pdf')
    fireEvent.change(photo, { target: { files: [fichier('IMG_2041.jpg', 'image/jpeg', 7.3 * 1024 * 1024)] } })
    expect(within(formulaire).getByRole('alert').textContent).toBe(
      'Ce fichier fait 7,3 Mo : la limite est de 5 Mo. Choisissez un fichier plus léger ou reprenez la photo en qualité moindre.',
    )
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Envoyer le justificatif' }))
    expect(appels.some((a) => a.route.startsWith('POST'))).toBe(false)

    fireEvent.change(choix, { target: { files: [fichier('certificat.pdf', 'application/pdf', 245 * 1024)] } })
    expect(within(formulaire).queryByRole('alert')).toBeNull()
    expect(within(formulaire).getByText(/^Document joint :/).textContent).toBe('Document joint : certificat.pdf (245 Ko)')
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Envoyer le justificatif' }))

    const message = await screen.findByText(/^Justificatif envoyé pour 2 absences/)
    expect(message.getAttribute('role')).toBe('status')
    expect(screen.queryByRole('region', { name: 'Justifier des absences' })).toBeNull()
    const post = appels.filter((a) => a.route === 'POST /api/viescolaire/eleves/e1/justificatifs')
    expect(post).toHaveLength(1)
    const corps = post[0].init?.body as FormData
    expect(corps.getAll('absenceIds')).toEqual(['a1', 'a2'])
    expect([corps.get('motif'), corps.get('commentaire'), (corps.get('document') as File).name]).toEqual(['maladie', 'Grippe.', 'certificat.pdf'])
    expect(new Headers(post[0].init?.headers).get('Content-Type')).toBeNull() // the browser writes the boundary
    expect(new Headers(post[0].init?.headers).get('Authorization')).toBe('Bearer jeton-1')

    // The list reloaded: both now say « Justificatif envoyé ».
    await vi.waitFor(() => expect(cartes()[0].querySelector('.statut')?.textContent).toBe('… Justificatif envoyé'))
    expect(cartes()[1].querySelector('.statut')?.textContent).toBe('… Justificatif envoyé')
    expect(screen.queryByRole('button', { name: 'Justifier des absences' })).toBeNull()
  })

  it("preselects the absence whose « Justifier » was pressed, and takes the server's errors back to their step", async () => {
    await ouvrir(
      '/absences?eleve=e1',
      routesParent({
        'POST /api/viescolaire/eleves/e1/justificatifs': {
          status: 400,
          body: { title: 'One or more validation errors occurred.', status: 400, errors: { 'absenceIds[0]': ['Cette absence est déjà justifiée ou en attente de décision.'] } },
        },
      }),
    )
    const carte = (await screen.findAllByRole('button', { name: /^Justifier : / }))[1]
    fireEvent.click(carte)
    const formulaire = await screen.findByRole('region', { name: 'Justifier des absences' })
    expect((await within(formulaire).findAllByRole('checkbox')).map((c) => (c as HTMLInputElement).checked)).toEqual([false, true])
    fireEvent.change(within(formulaire).getByLabelText('Motif'), { target: { value: 'maladie' } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Continuer' }))
    fireEvent.click(await within(formulaire).findByRole('button', { name: 'Envoyer le justificatif' }))

    expect(await within(formulaire).findByText('Cette absence est déjà justifiée ou en attente de décision.')).toBeTruthy()
    expect(within(formulaire).getByText('Étape 1 sur 2 : les absences et le motif')).toBeTruthy()
    expect(within(formulaire).getByRole('alert').textContent).toBe('Vérifiez les champs signalés.')
  })

  it('says when the server finds the document too large', async () => {
    await ouvrir('/absences?eleve=e1', routesParent({ 'POST /api/viescolaire/eleves/e1/justificatifs': { status: 413 } }))
    fireEvent.click(await screen.findByRole('button', { name: 'Justifier des absences' }))
    const formulaire = await screen.findByRole('region', { name: 'Justifier des absences' })
    fireEvent.click((await within(formulaire).findAllByRole('checkbox'))[0])
    fireEvent.change(within(formulaire).getByLabelText('Motif'), { target: { value: 'maladie' } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Continuer' }))
    fireEvent.change(await within(formulaire).findByLabelText('Choisir un fichier'), { target: { files: [fichier('scan.png', 'image/png', 4 * 1024 * 1024)] } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Envoyer le justificatif' }))

    expect(await within(formulaire).findByText('Ce fichier est trop lourd : 5 Mo au plus.')).toBeTruthy()
    expect(within(formulaire).getByText('Étape 2 sur 2 : le justificatif')).toBeTruthy()
  })

  it('cancels without sending and gives the focus back', async () => {
    const appels = await ouvrir('/absences?eleve=e1', routesParent())
    const bouton = await screen.findByRole('button', { name: 'Justifier des absences' })
    fireEvent.click(bouton)
    fireEvent.click(await screen.findByRole('button', { name: 'Annuler' }))
    expect(screen.queryByRole('region', { name: 'Justifier des absences' })).toBeNull()
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Justifier des absences'))
    expect(appels.some((a) => a.route.startsWith('POST'))).toBe(false)
  })
})

describe('the home page', () => {
  it('shows each child’s absences to justify, linking to the page with the child', async () => {
    await ouvrir('/', routesParent())

    const region = await screen.findByRole('region', { name: 'Absences' })
    await within(region).findByText('2 absences à justifier')
    expect(within(region).getAllByRole('listitem').map((c) => c.textContent)).toEqual([
      'Camille Michel! 2 absences à justifierJustifier les absences',
      'Gabriel MichelAucune absence à justifier.Voir les absences',
    ])
    expect(within(region).getAllByRole('link').map((l) => [l.getAttribute('aria-label'), l.getAttribute('href')])).toEqual([
      ['Justifier les absences de Camille Michel', '/absences?eleve=e1'],
      ['Voir les absences de Gabriel Michel', '/absences?eleve=e2'],
    ])
  })
})

describe('the rules', () => {
  it('keep the latest refusal of each absence', () => {
    const couvre = (id: string) => ({ ...justificatif().absences[0], id })
    const raisons = raisonsRefus([
      { statut: 'refuse', raisonRefus: 'Plus tard', decideLe: '2026-11-28T10:00:00Z', absences: [couvre('a1')] },
      { statut: 'refuse', raisonRefus: 'Plus tôt', decideLe: '2026-11-20T10:00:00Z', absences: [couvre('a1'), couvre('a2')] },
      { statut: 'accepte', raisonRefus: null, decideLe: '2026-11-29T10:00:00Z', absences: [couvre('a3')] },
    ])
    expect([...raisons]).toEqual([
      ['a1', 'Plus tard'],
      ['a2', 'Plus tôt'],
    ])
  })

  it('choose the first child with something to justify, else the first', () => {
    const enfants = [{ id: 'a' }, { id: 'b' }, { id: 'c' }]
    expect(premierAJustifier(enfants, [0, 3, 1])).toBe('b')
    expect(premierAJustifier(enfants, [null, 0, 0])).toBe('a')
    expect(premierAJustifier([], [])).toBeNull()
  })

  it('check a file before sending it: not empty, 5 Mo at most, PDF, JPEG or PNG', () => {
    expect(verifierFichier({ size: 5 * 1024 * 1024, type: 'application/pdf' })).toBeNull()
    expect(verifierFichier({ size: 1000, type: '' })).toBeNull()
    expect(verifierFichier({ size: 5 * 1024 * 1024 + 1, type: 'image/png' })).toMatch(/^Ce fichier fait 5 Mo : la limite est de 5 Mo/)
    expect(verifierFichier({ size: 1000, type: 'image/heic' })).toBe('Seuls les fichiers PDF, JPEG et PNG sont acceptés.')
    expect(verifierFichier({ size: 0, type: 'image/png' })).toBe('Ce fichier est vide : choisissez-en un autre.')
  })
})
