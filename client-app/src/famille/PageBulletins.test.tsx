import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { App } from '../App'
import { autorisation, fauxGestionnaire, utilisateur } from '../commun/testing/session'
import { fauxServeur, notesCamille, notesGabriel, parentDeDeux, periodes, type Route } from '../commun/testing/fauxServeur'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  window.history.replaceState(null, '', '/')
})

const bulletin = {
  etablissement: 'Lycée démo',
  anneeScolaire: '2026-2027',
  periode: '1er trimestre',
  debut: '2026-09-01',
  fin: '2026-11-30',
  eleve: 'Gabriel Michel',
  classe: 'Terminale générale 1',
  lignes: [
    { matiere: 'Philosophie', enseignant: 'Stéphane Durand', coefficient: 2, moyenne: 14.25, moyenneClasse: 11.6, min: 6.17, max: 18, appreciation: 'Bon trimestre.' },
    { matiere: 'Histoire-géographie', enseignant: 'Fatima Martinez', coefficient: 1, moyenne: null, moyenneClasse: 11.02, min: 5, max: 16, appreciation: null },
  ],
  moyenneGenerale: 12.44,
  moyenneGeneraleClasse: 11.42,
  minGenerale: 9.17,
  maxGenerale: 13.35,
  appreciationGenerale: 'Trimestre correct.',
  decision: 'Encouragements',
  editeLe: '2026-11-28T13:22:01Z',
}

const routes = (autres: Record<string, Route> = {}) => ({
  'GET /api/identite/me': { body: parentDeDeux },
  'GET /api/scolarite/eleves/e1/notes': { body: notesCamille },
  'GET /api/scolarite/eleves/e2/notes': { body: notesGabriel },
  'GET /api/scolarite/eleves/e2/bulletins/t1': { body: bulletin },
  ...autres,
})

async function ouvrir(adresse: string, table: Record<string, Route>) {
  window.history.replaceState(null, '', adresse)
  const appels = fauxServeur(table)
  render(<App chemin={new URL(adresse, 'http://localhost').pathname} gestionnaire={fauxGestionnaire(utilisateur('Philippe Michel', 'jeton-parent'))} />)
  return appels
}

describe('the report cards', () => {
  it('lists the published ones of the year, each a link that keeps the child', async () => {
    await ouvrir('/bulletins?eleve=e2', routes({ 'GET /api/scolarite/eleves/e2/notes': { body: { ...notesGabriel, periodes: [periodes[0], { ...periodes[1], bulletinPublie: true }, periodes[2]] } } }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Bulletins' })).toBeTruthy()
    const liens = await screen.findAllByRole('link', { name: /^Bulletin du/ })
    expect(liens.map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['Bulletin du 1er trimestre', '/bulletins?eleve=e2&periode=t1'],
      ['Bulletin du 2e trimestre', '/bulletins?eleve=e2&periode=t2'],
    ])
    expect(document.title).toBe('Bulletins — Ent — Espace numérique de travail')
  })

  it('says so when none is published yet', async () => {
    await ouvrir('/bulletins', routes({ 'GET /api/scolarite/eleves/e1/notes': { body: { ...notesCamille, periodes: periodes.map((p) => ({ ...p, bulletinPublie: false })) } } }))
    expect(await screen.findByText("Aucun bulletin n'est encore publié cette année.")).toBeTruthy()
  })

  it('opens one as a table with a caption and headers, then the appraisals and the council', async () => {
    await ouvrir('/bulletins?eleve=e2&periode=t1', routes())

    expect(await screen.findByRole('heading', { level: 1, name: 'Bulletin du 1er trimestre' })).toBeTruthy()
    expect(screen.getByText('Gabriel Michel · Terminale générale 1')).toBeTruthy()
    const tableau = screen.getByRole('table', { name: 'Moyennes sur 20 par matière' })
    expect(within(tableau).getAllByRole('columnheader').map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['Matière', 'col'],
      ['Élève', 'col'],
      ['Classe', 'col'],
      ['Min.', 'col'],
      ['Max.', 'col'],
    ])
    expect(within(tableau).getAllByRole('rowheader').map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([
      ['Philosophie Stéphane Durand, coef. 2', 'row'],
      ['Histoire-géographie Fatima Martinez', 'row'],
      ['Moyenne générale', 'row'],
    ])
    const lignes = within(tableau).getAllByRole('row').slice(1).map((r) => within(r).queryAllByRole('cell').map((c) => c.textContent))
    expect(lignes).toEqual([
      ['14,25', '11,6', '6,17', '18'],
      ['—', '11,02', '5', '16'],
      ['12,44', '11,42', '9,17', '13,35'],
    ])
    const appreciations = screen.getByRole('region', { name: 'Appréciations des professeurs' })
    expect([...appreciations.querySelectorAll('dt, dd')].map((e) => e.textContent)).toEqual(['Philosophie (Stéphane Durand)', 'Bon trimestre.'])
    const conseil = screen.getByRole('region', { name: 'Conseil de classe' })
    expect([...conseil.querySelectorAll('dd')].map((e) => e.textContent)).toEqual(['Trimestre correct.', 'Encouragements'])
    expect(screen.getByRole('link', { name: 'Tous les bulletins' }).getAttribute('href')).toBe('/bulletins?eleve=e2')
    expect(screen.getByRole('link', { name: 'Notes du 1er trimestre' }).getAttribute('href')).toBe('/notes?eleve=e2&periode=t1')
  })

  it('downloads the PDF with the bearer token, as a named file', async () => {
    const pdf = { texte: '%PDF-1.7', type: 'application/pdf' }
    const appels = await ouvrir('/bulletins?eleve=e2&periode=t1', routes({ 'GET /api/scolarite/eleves/e2/bulletins/t1/pdf': { brut: pdf } }))
    const creer = vi.fn<(objet: Blob) => string>(() => 'blob:http://localhost/b1')
    const liberer = vi.fn()
    // jsdom has no object URLs: this test lends them, and takes them back.
    Object.assign(URL, { createObjectURL: creer, revokeObjectURL: liberer })
    onTestFinished(() => {
      Reflect.deleteProperty(URL, 'createObjectURL')
      Reflect.deleteProperty(URL, 'revokeObjectURL')
    })
    let telecharge: { href: string; download: string } | undefined
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      telecharge = { href: this.href, download: this.download }
    })

    fireEvent.click(await screen.findByRole('button', { name: 'Télécharger le PDF' }))

    await waitFor(() => expect(screen.getByText('Bulletin téléchargé.')).toBeTruthy())
    expect(telecharge).toEqual({ href: 'blob:http://localhost/b1', download: 'bulletin-1er-trimestre-2026-2027-gabriel-michel.pdf' })
    expect(await creer.mock.calls[0][0].text()).toBe('%PDF-1.7')
    const appel = appels.find((a) => a.route.endsWith('/pdf'))
    expect(autorisation(appel?.init)).toBe('Bearer jeton-parent')
  })

  it('says in French when the PDF cannot be made', async () => {
    await ouvrir('/bulletins?eleve=e2&periode=t1', routes({ 'GET /api/scolarite/eleves/e2/bulletins/t1/pdf': { status: 500, body: { title: 'Erreur', status: 500 } } }))

    fireEvent.click(await screen.findByRole('button', { name: 'Télécharger le PDF' }))

    expect((await screen.findByRole('alert')).textContent).toBe("Le PDF du bulletin n'a pas pu être préparé. Réessayez plus tard.")
  })

  it('says "introuvable" for a report card not yet published (404)', async () => {
    await ouvrir('/bulletins?eleve=e2&periode=t2', routes())
    expect(await screen.findByText(/^Bulletin introuvable/)).toBeTruthy()
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Télécharger le PDF' })).toBeNull()
  })
})
