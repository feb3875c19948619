import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { eleveSeul, fauxServeur, parentDeDeux } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'

const passage = {
  id: 'v1',
  arrivee: '2026-12-02T09:05:00Z',
  depart: '2026-12-02T09:40:00Z',
  motif: 'malaise',
  motifLibelle: 'Malaise',
  issue: 'retour_domicile',
  issueLibelle: 'Rentré au domicile avec sa famille',
  soins: 'Température 38,6 °C.',
  observations: null,
  famillePrevenue: true,
}
const pai = {
  allergies: 'Arachide',
  traitements: "Stylo d'adrénaline",
  conduiteATenir: null,
  consignesUrgence: 'Injecter le stylo, appeler le 15.',
  document: { typeContenu: 'application/pdf', taille: 1200, deposeLe: '2026-09-10T08:00:00Z' },
  modifieLe: '2026-09-10T08:00:00Z',
}
const infirmiere = {
  ...eleveSeul,
  id: 'inf',
  prenom: 'Linh',
  nom: 'Nguyen',
  profils: [{ ...eleveSeul.profils[0], profil: 'personnel', fonction: 'infirmier' }],
}

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('school health', () => {
  it("shows a guardian their child's PAI and visits, the one a notification names marked", async () => {
    fauxServeur({
      'GET /api/identite/me': { body: parentDeDeux },
      'GET /api/viescolaire/eleves/e2/sante': { body: { eleveId: 'e2', pai, passages: [passage], modifiable: false } },
    })
    render(<App chemin="/sante?eleve=e2&passage=v1" gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Santé — Gabriel Michel' })).toBeTruthy()
    const fiche = await screen.findByRole('region', { name: /PAI/ })
    expect(within(fiche).getByText('Arachide')).toBeTruthy()
    expect(within(fiche).getByText('Injecter le stylo, appeler le 15.')).toBeTruthy()
    expect(within(fiche).getByRole('button', { name: 'Télécharger le PAI signé' })).toBeTruthy()
    const visite = screen.getByRole('listitem', { name: /^Passage signalé/ })
    await waitFor(() => expect(document.activeElement).toBe(visite))
    expect(visite.textContent).toContain('Soins : Température 38,6 °C.')
    expect(visite.textContent).toContain('famille prévenue aussitôt')
  })

  it("tells a pupil under 15 who reads their record when the server refuses it", async () => {
    fauxServeur({
      'GET /api/identite/me': { body: eleveSeul },
      'GET /api/viescolaire/eleves/moi-eleve/sante': { status: 404, body: { type: 'urn:ent:probleme:introuvable', title: 'Introuvable', status: 404 } },
    })
    render(<App chemin="/sante" gestionnaire={fauxGestionnaire(utilisateur('Inès Durand'))} />)
    expect(await screen.findByText(/consulté par tes responsables légaux et l'infirmerie jusqu'à tes 15 ans/)).toBeTruthy()
  })

  it('lets the nurse record a visit: field errors by their fields, then the family told and said so', async () => {
    let tentative = 0
    const appels = fauxServeur({
      'GET /api/identite/me': { body: infirmiere },
      'GET /api/viescolaire/eleves/e9/sante': { body: { eleveId: 'e9', pai: null, passages: [], modifiable: true } },
      'POST /api/viescolaire/eleves/e9/sante/passages': () =>
        tentative++ === 0
          ? {
              status: 400,
              body: { type: 'urn:ent:probleme:validation', title: 'Données invalides', status: 400, detail: 'Vérifiez les champs signalés.', errors: { motif: ['Choisissez le motif.'] } },
            }
          : { status: 201, body: passage },
    })
    render(<App chemin="/infirmerie/eleves/e9" gestionnaire={fauxGestionnaire(utilisateur('Linh Nguyen'))} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Dossier de santé' })).toBeTruthy()
    fireEvent.click(await screen.findByRole('radio', { name: /Rentre au domicile avec sa famille/ }))
    expect(screen.getByText(/recevront aussitôt un SMS et une notification/)).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le passage' }))
    const alerte = await screen.findByRole('alert')
    await waitFor(() => expect(document.activeElement).toBe(alerte))
    expect(screen.getByText('Choisissez le motif.')).toBeTruthy()

    fireEvent.click(screen.getByRole('radio', { name: 'Malaise' }))
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le passage' }))
    expect(await screen.findByText('Passage enregistré. La famille est prévenue (SMS et application).')).toBeTruthy()
    const envoye = appels.filter((a) => a.route === 'POST /api/viescolaire/eleves/e9/sante/passages').at(-1)!.corps as Record<string, unknown>
    expect(envoye.motif).toBe('malaise')
    expect(envoye.issue).toBe('retour_domicile')
    expect(typeof envoye.arrivee).toBe('string')
  })
})
