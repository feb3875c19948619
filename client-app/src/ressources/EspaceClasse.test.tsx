import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../App'
import { fauxServeur, parentDeDeux } from '../commun/testing/fauxServeur'
import { fauxGestionnaire, utilisateur } from '../commun/testing/session'

const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }
const professeur = { ...parentDeDeux, id: 'prof', prenom: 'Karim', nom: 'Benali', profils: [{ ...lycee, profil: 'enseignant', fonction: null }], enfants: [] }
const seconde1 = { divisionId: 'd1', type: 'classe', code: '2NDE1', libelle: 'Seconde 1', peutEcrire: false }
const fichier = {
  id: 'f1',
  dossierId: 'c1',
  nomOriginal: 'cours-1.pdf',
  typeContenu: 'application/pdf',
  taille: 2048,
  version: 2,
  modifieLe: '2026-12-02T08:00:00Z',
}
const dossier = { id: 'c1', parentId: null, nom: 'Chapitre 1', creeLe: '2026-12-01T08:00:00Z' }

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('Espaces de classe', () => {
  it('lists a guardian’s spaces per child, then a folder’s contents with its files to download', async () => {
    fauxServeur({
      'GET /api/identite/me': { body: parentDeDeux },
      'GET /api/ressources/me/espaces': {
        body: {
          espaces: [],
          enfants: [
            { eleveId: 'e1', prenom: 'Camille', nom: 'Michel', espaces: [seconde1] },
            { eleveId: 'e2', prenom: 'Gabriel', nom: 'Michel', espaces: [] },
          ],
        },
      },
      'GET /api/ressources/espaces/d1/contenu': { body: { espace: seconde1, chemin: [], dossiers: [dossier], fichiers: [] } },
      'GET /api/ressources/espaces/d1/contenu?dossierId=c1': { body: { espace: seconde1, chemin: [dossier], dossiers: [], fichiers: [fichier] } },
    })
    render(<App chemin="/espaces" gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel'))} />)

    expect(await screen.findByRole('heading', { level: 1, name: 'Espaces de classe' })).toBeTruthy()
    const camille = (await screen.findByRole('heading', { level: 2, name: 'Espaces de Camille' })).closest('section')!
    expect(within(screen.getByRole('heading', { level: 2, name: 'Espaces de Gabriel' }).closest('section')!).getByText('Aucun espace de classe cette année.')).toBeTruthy()

    fireEvent.click(within(camille).getByRole('link', { name: 'Seconde 1' }))
    fireEvent.click(await screen.findByRole('link', { name: 'Chapitre 1' }))
    const bouton = await screen.findByRole('button', { name: /cours-1\.pdf/ })
    expect(bouton.textContent).toContain('2 ko')
    expect(within(screen.getByRole('navigation', { name: "Fil d'Ariane" })).getByText('Chapitre 1').getAttribute('aria-current')).toBe('page')
    // Readers get no upload.
    expect(screen.queryByLabelText(/Déposer un fichier/)).toBeNull()
  })

  it('lets the division’s teacher upload a file, and says what the API refused', async () => {
    const ecrit = { ...seconde1, peutEcrire: true }
    let fichiers: Record<string, unknown>[] = []
    const appels = fauxServeur({
      'GET /api/identite/me': { body: professeur },
      'GET /api/ressources/espaces/d1/contenu': () => ({ body: { espace: ecrit, chemin: [], dossiers: [], fichiers } }),
      'POST /api/ressources/espaces/d1/fichiers': () => {
        if (fichiers.length > 0) {
          return {
            status: 400,
            body: { title: 'Requête invalide', status: 400, errors: { fichier: ['Le fichier doit être un PDF, une image JPEG ou PNG, ou un document bureautique.'] } },
          }
        }
        fichiers = [{ ...fichier, dossierId: null, version: 1 }]
        return { status: 201, body: fichiers[0] }
      },
    })
    render(<App chemin="/espaces?espace=d1" gestionnaire={fauxGestionnaire(utilisateur('Karim Benali'))} />)

    expect(await screen.findByText('Ce dossier est vide.')).toBeTruthy()
    const champ = screen.getByLabelText('Déposer un fichier (PDF, image, document bureautique, 20 Mo au plus)')
    fireEvent.click(screen.getByRole('button', { name: 'Déposer' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Choisissez un fichier à déposer.')

    fireEvent.change(champ, { target: { files: [new File(['%PDF-1.4'], 'cours-1.pdf', { type: 'application/pdf' })] } })
    fireEvent.click(screen.getByRole('button', { name: 'Déposer' }))
    expect(await screen.findByRole('button', { name: /cours-1\.pdf/ })).toBeTruthy()
    const envoi = appels.find((a) => a.route === 'POST /api/ressources/espaces/d1/fichiers')!
    expect(envoi.init?.body).toBeInstanceOf(FormData)
    expect(((envoi.init!.body as FormData).get('fichier') as File).name).toBe('cours-1.pdf')

    fireEvent.change(screen.getByLabelText(/Déposer un fichier/), { target: { files: [new File(['MZ'], 'virus.pdf')] } })
    fireEvent.click(screen.getByRole('button', { name: 'Déposer' }))
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/PDF/))
  })
})
