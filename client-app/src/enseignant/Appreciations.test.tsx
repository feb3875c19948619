import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { probleme, serveur, type Route } from '../commun/testing/enseignement'
import { ligneModifiee } from './Conseil'

const professeur = { id: 'p', prenom: 'Karim', nom: 'Benali', profils: [{ uai: '0750000A', etablissement: 'Lycée démo', profil: 'enseignant', fonction: null }], enfants: [] }
const S1 = '0192f1a0-0000-7000-8000-0000000000a1'
const C1 = '0192f1a0-0000-7000-8000-0000000000c1'
const T1 = '0192f1a0-0000-7000-8000-0000000000f1'
const T2 = '0192f1a0-0000-7000-8000-0000000000f2'
const A = '0192f1a0-0000-7000-8000-00000000000a'
const B = '0192f1a0-0000-7000-8000-00000000000b'
const periodes = [
  { id: T1, decoupage: 'trimestre', numero: 1, libelle: '1er trimestre', debut: '2026-09-01', fin: '2026-11-28', bulletinsPubliesLe: '2026-12-01T10:00:00Z' },
  { id: T2, decoupage: 'trimestre', numero: 2, libelle: '2e trimestre', debut: '2026-11-29', fin: '2027-03-06', bulletinsPubliesLe: null },
]
const appreciations = (periodeId: string, textes: [string | null, string | null] = ['Bon trimestre.', null]) => ({
  serviceId: S1,
  periodeId,
  matiere: 'Français',
  libelle: 'Seconde 1',
  moyenneClasse: 11.2,
  eleves: [
    { eleveId: A, nom: 'Durand', prenom: 'Alice', moyenne: 14.25, appreciation: textes[0] },
    { eleveId: B, nom: 'Martin', prenom: 'Bruno', moyenne: null, appreciation: textes[1] },
  ],
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

function afficher(chemin: string, autres: Record<string, Route> = {}) {
  const appels = serveur({
    'GET /api/identite/me': { body: professeur },
    'GET /api/scolarite/etablissements/0750000A/periodes': { body: periodes },
    [`GET /api/scolarite/services/${S1}/periodes/${T1}/appreciations`]: { body: appreciations(T1) },
    [`GET /api/scolarite/services/${S1}/periodes/${T2}/appreciations`]: { body: appreciations(T2) },
    ...autres,
  })
  render(<App chemin={chemin} gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
  return appels
}

describe('a service’s appraisals', () => {
  it('shows one field per pupil with their average, and the periods as links', async () => {
    afficher(`/enseignement/services/${S1}/appreciations?periode=${T2}`)

    expect(await screen.findByRole('heading', { level: 1, name: 'Appréciations — 2e trimestre' })).toBeTruthy()
    const alice = screen.getByLabelText('Durand Alice') as HTMLTextAreaElement
    expect(alice.value).toBe('Bon trimestre.')
    expect(document.getElementById(alice.getAttribute('aria-describedby')!)?.textContent).toBe('Moyenne 14,25/20')
    expect(screen.getByText('Pas de moyenne')).toBeTruthy()
    const periodesNav = screen.getByRole('navigation', { name: 'Périodes' })
    expect(within(periodesNav).getByRole('link', { name: '2e trimestre' }).getAttribute('aria-current')).toBe('page')
    expect(within(periodesNav).getByRole('link', { name: '1er trimestre' }).getAttribute('href')).toBe(
      `/enseignement/services/${S1}/appreciations?periode=${T1}`,
    )
  })

  it('sends only what changed, an emptied text as null, and says how many were saved', async () => {
    const appels = afficher(`/enseignement/services/${S1}/appreciations?periode=${T2}`, {
      [`PUT /api/scolarite/services/${S1}/periodes/${T2}/appreciations`]: { body: appreciations(T2, [null, 'En progrès.']) },
    })
    fireEvent.change(await screen.findByLabelText('Durand Alice'), { target: { value: '  ' } })
    fireEvent.change(screen.getByLabelText('Martin Bruno'), { target: { value: ' En progrès. ' } })
    expect(screen.getByText('2 appréciations non enregistrées')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    expect((await screen.findByText('2 appréciations enregistrées.')).getAttribute('role')).toBe('status')
    expect(appels.find((a) => a.route.startsWith('PUT'))?.corps).toEqual({
      appreciations: [
        { eleveId: A, texte: null },
        { eleveId: B, texte: 'En progrès.' },
      ],
    })
    expect(screen.getByText('Aucune modification en attente.')).toBeTruthy()
  })

  it('puts a refused text’s message next to its pupil and focuses it', async () => {
    afficher(`/enseignement/services/${S1}/appreciations?periode=${T2}`, {
      [`PUT /api/scolarite/services/${S1}/periodes/${T2}/appreciations`]: probleme({ 'appreciations[0].texte': ['Le texte fait 600 caractères au plus.'] }),
    })
    fireEvent.change(await screen.findByLabelText('Martin Bruno'), { target: { value: 'Trop long' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    // The answer re-renders the form: read the field again each time rather than keep the node from before the send.
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Martin Bruno')))
    expect(screen.getByLabelText('Martin Bruno').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert').textContent).toBe("Rien n'a été enregistré. Corrigez les appréciations signalées.")
  })

  it('reads only, with the reason, once the report cards are published', async () => {
    afficher(`/enseignement/services/${S1}/appreciations?periode=${T1}`)

    expect(await screen.findByText(/^Les bulletins de cette période sont publiés/)).toBeTruthy()
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Enregistrer' })).toBeNull()
    expect(screen.getByText('Bon trimestre.')).toBeTruthy()
  })

  it('turns read only with the server’s reason when the publication came meanwhile (409)', async () => {
    const raison = "Les bulletins de cette période sont publiés : les familles les lisent tels quels. Pour modifier une appréciation ou un avis du conseil, demandez à la direction de retirer d'abord la publication."
    afficher(`/enseignement/services/${S1}/appreciations?periode=${T2}`, {
      [`PUT /api/scolarite/services/${S1}/periodes/${T2}/appreciations`]: { status: 409, body: { status: 409, detail: raison } },
    })
    fireEvent.change(await screen.findByLabelText('Martin Bruno'), { target: { value: 'Bien.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    const alerte = await screen.findByRole('alert')
    expect(alerte.textContent).toBe(raison)
    await vi.waitFor(() => expect(document.activeElement).toBe(alerte))
    expect(screen.queryByRole('textbox')).toBeNull()
  })

  it('opens the current period when the address names none', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-02T10:00:00Z') })
    try {
      afficher(`/enseignement/services/${S1}/appreciations`)
      expect(await screen.findByRole('heading', { level: 1, name: 'Appréciations — 2e trimestre' })).toBeTruthy()
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('the class council', () => {
  const conseil = {
    classeId: C1,
    classe: 'Seconde 1',
    periodeId: T2,
    periode: '2e trimestre',
    estProfesseurPrincipal: true,
    moyenneGeneraleClasse: 11.8,
    eleves: [
      { eleveId: A, nom: 'Durand', prenom: 'Alice', moyenneGenerale: 15.1, appreciationGenerale: 'Excellent.', decision: 'felicitations' },
      { eleveId: B, nom: 'Martin', prenom: 'Bruno', moyenneGenerale: 9.4, appreciationGenerale: null, decision: null },
    ],
  }

  it('sends each changed pupil, leaving unchanged parts null, and says so', async () => {
    const appels = afficher(`/enseignement/classes/${C1}/conseil?periode=${T2}`, {
      [`GET /api/scolarite/classes/${C1}/periodes/${T2}/conseil`]: { body: conseil },
      [`PUT /api/scolarite/classes/${C1}/periodes/${T2}/conseil`]: { body: conseil },
    })
    expect(await screen.findByRole('heading', { level: 1, name: 'Conseil de classe — Seconde 1, 2e trimestre' })).toBeTruthy()
    expect((screen.getByLabelText('Décision du conseil pour Alice Durand') as HTMLSelectElement).value).toBe('felicitations')
    fireEvent.change(screen.getByLabelText('Décision du conseil pour Bruno Martin'), { target: { value: 'encouragements' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }))

    expect(await screen.findByText('Conseil enregistré pour 1 élève.')).toBeTruthy()
    expect(appels.find((a) => a.route.startsWith('PUT'))?.corps).toEqual({
      eleves: [{ eleveId: B, appreciationGenerale: null, decision: 'encouragements' }],
    })
  })

  it('says « introuvable » for a class the teacher is not head teacher of', async () => {
    afficher(`/enseignement/classes/${C1}/conseil?periode=${T2}`)
    expect(await screen.findByRole('heading', { level: 1, name: 'Conseil de classe introuvable' })).toBeTruthy()
  })
})

describe('ligneModifiee', () => {
  const avant = { appreciation: 'Bien.', decision: 'compliments' }

  it('is null when nothing changed (spaces around the text do not count)', () => {
    expect(ligneModifiee(A, avant, { appreciation: ' Bien. ', decision: 'compliments' })).toBeNull()
  })

  it('sends an emptied text or decision as empty (removed), what did not change as null', () => {
    expect(ligneModifiee(A, avant, { appreciation: '', decision: 'compliments' })).toEqual({ eleveId: A, appreciationGenerale: '', decision: null })
    expect(ligneModifiee(A, avant, { appreciation: 'Bien.', decision: '' })).toEqual({ eleveId: A, appreciationGenerale: null, decision: '' })
  })
})
