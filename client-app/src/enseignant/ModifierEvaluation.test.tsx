import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { probleme, serveur, type Route } from '../commun/testing/enseignement'

const professeur = { id: 'p', prenom: 'Karim', nom: 'Benali', profils: [{ uai: '0750000A', etablissement: 'Lycée démo', profil: 'enseignant', fonction: null }], enfants: [] }
const S1 = '0192f1a0-0000-7000-8000-0000000000a1'
const E1 = '0192f1a0-0000-7000-8000-0000000000e1'
const E2 = '0192f1a0-0000-7000-8000-0000000000e2'
const enseignement = {
  services: [{ id: S1, matiereCode: 'FRANCAIS', matiere: 'Français', classeId: 'c', groupeId: null, code: '2NDE1', libelle: 'Seconde 1', coefficient: 4, effectif: 31, evaluations: 2 }],
  classesPrincipales: [],
}
const evaluation = (id: string, titre: string, autres: object = {}) => ({
  id,
  serviceId: S1,
  periodeId: 't1',
  date: '2026-11-10',
  titre,
  bareme: 20,
  coefficient: 1,
  mode: 'normale',
  compteDansMoyenne: true,
  publication: null,
  saisies: 29,
  moyenne: 11.5,
  min: 3,
  max: 18,
  ...autres,
})
const evaluations = [evaluation(E2, 'Devoir surveillé n° 2', { bareme: 40, coefficient: 2.5 }), evaluation(E1, 'Oral', { saisies: 0, moyenne: null })]

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  // An edit leaves ?modifier= in the address; App keeps the query of a path it is already on.
  window.history.replaceState(null, '', '/')
})

function afficher(chemin: string, autres: Record<string, Route> = {}) {
  const appels = serveur({
    'GET /api/identite/me': { body: professeur },
    'GET /api/scolarite/me/enseignement': { body: enseignement },
    [`GET /api/scolarite/services/${S1}/evaluations`]: { body: evaluations },
    ...autres,
  })
  render(<App chemin={chemin} gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)
  return appels
}

const carte = async (titre: string) =>
  (await screen.findByRole('link', { name: titre })).closest('li') as HTMLElement

describe('changing an assessment', () => {
  it('opens its form from « Modifier », filled with what is stored, and keeps it in the address', async () => {
    afficher(`/enseignement/services/${S1}`)
    fireEvent.click(within(await carte('Devoir surveillé n° 2')).getByRole('link', { name: 'Modifier « Devoir surveillé n° 2 »' }))

    const titre = await screen.findByRole('heading', { level: 3, name: 'Modifier « Devoir surveillé n° 2 »' })
    expect(window.location.search).toBe(`?modifier=${E2}`)
    await vi.waitFor(() => expect(document.activeElement).toBe(titre))
    const formulaire = titre.closest('li') as HTMLElement
    expect((within(formulaire).getByLabelText('Titre') as HTMLInputElement).value).toBe('Devoir surveillé n° 2')
    expect((within(formulaire).getByLabelText('Noté sur') as HTMLInputElement).value).toBe('40')
    expect((within(formulaire).getByLabelText('Coefficient') as HTMLInputElement).value).toBe('2,5')
    expect(within(formulaire).getByRole('link', { name: 'Annuler' }).getAttribute('href')).toBe(`/enseignement/services/${S1}`)
  })

  it('saves every field with one PUT, then says so back on the list, with the focus on it', async () => {
    const appels = afficher(`/enseignement/services/${S1}?modifier=${E2}`, {
      [`PUT /api/scolarite/evaluations/${E2}`]: { body: evaluation(E2, 'DS n° 2') },
    })
    const titre = await screen.findByRole('heading', { level: 3, name: 'Modifier « Devoir surveillé n° 2 »' })
    const formulaire = titre.closest('li') as HTMLElement
    fireEvent.change(within(formulaire).getByLabelText('Titre'), { target: { value: 'DS n° 2' } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Enregistrer les modifications' }))

    await vi.waitFor(() => expect(window.location.search).toBe(''))
    expect(appels.find((a) => a.route.startsWith('PUT'))?.corps).toEqual({
      date: '2026-11-10',
      titre: 'DS n° 2',
      bareme: 40,
      coefficient: 2.5,
      mode: 'normale',
      compteDansMoyenne: true,
      publication: null,
    })
    const statut = await screen.findByText("L'évaluation « DS n° 2 » a été modifiée.")
    expect(statut.getAttribute('role')).toBe('status')
    await vi.waitFor(() => expect(document.activeElement).toBe(statut))
  })

  it('shows a refused field next to it (a scale under a mark already entered)', async () => {
    afficher(`/enseignement/services/${S1}?modifier=${E2}`, {
      [`PUT /api/scolarite/evaluations/${E2}`]: probleme({ bareme: ['Une note déjà saisie (18) dépasse ce barème : corrigez-la d\'abord.'] }),
    })
    const formulaire = (await screen.findByRole('heading', { level: 3, name: /^Modifier/ })).closest('li') as HTMLElement
    fireEvent.change(within(formulaire).getByLabelText('Noté sur'), { target: { value: '10' } })
    fireEvent.click(within(formulaire).getByRole('button', { name: 'Enregistrer les modifications' }))

    const bareme = within(formulaire).getByLabelText('Noté sur')
    await vi.waitFor(() => expect(document.activeElement).toBe(bareme))
    expect(bareme.getAttribute('aria-invalid')).toBe('true')
    expect(window.location.search).toBe(`?modifier=${E2}`)
  })
})

describe('deleting an assessment', () => {
  it('asks first, naming what goes with it; « Annuler » gives the focus back', async () => {
    const appels = afficher(`/enseignement/services/${S1}`)
    const li = await carte('Devoir surveillé n° 2')
    fireEvent.click(within(li).getByRole('button', { name: 'Supprimer « Devoir surveillé n° 2 »' }))

    const question = within(li).getByText(/^Supprimer « Devoir surveillé n° 2 » et ses 29 résultats saisis \?/)
    await vi.waitFor(() => expect(document.activeElement).toBe(question))
    fireEvent.click(within(li).getByRole('button', { name: 'Annuler' }))
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Supprimer'))
    expect(appels.some((a) => a.route.startsWith('DELETE'))).toBe(false)
  })

  it('deletes once confirmed: the card goes, a status says so and takes the focus', async () => {
    const appels = afficher(`/enseignement/services/${S1}`, { [`DELETE /api/scolarite/evaluations/${E1}`]: { status: 204 } })
    const li = await carte('Oral')
    fireEvent.click(within(li).getByRole('button', { name: 'Supprimer « Oral »' }))
    fireEvent.click(within(li).getByRole('button', { name: 'Supprimer définitivement' }))

    const statut = await screen.findByText("L'évaluation « Oral » a été supprimée, avec ses notes.")
    await vi.waitFor(() => expect(document.activeElement).toBe(statut))
    expect(screen.queryByRole('link', { name: 'Oral' })).toBeNull()
    expect(appels.filter((a) => a.route === `DELETE /api/scolarite/evaluations/${E1}`)).toHaveLength(1)
  })

  it('says why when the deletion fails, and keeps the card', async () => {
    afficher(`/enseignement/services/${S1}`, { [`DELETE /api/scolarite/evaluations/${E1}`]: { status: 500 } })
    const li = await carte('Oral')
    fireEvent.click(within(li).getByRole('button', { name: 'Supprimer « Oral »' }))
    fireEvent.click(within(li).getByRole('button', { name: 'Supprimer définitivement' }))

    expect((await within(li).findByRole('alert')).textContent).toBe('Le serveur a rencontré un problème. Réessayez dans quelques minutes.')
    expect(screen.getByRole('link', { name: 'Oral' })).toBeTruthy()
  })
})
