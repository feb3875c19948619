import { describe, expect, it } from 'vitest'
import type { DemandeSortie, Notification } from '../api/ent-client'
import { nouveautes } from './nouveautes'

const notification = (n: Partial<Notification>): Notification => ({
  id: 'n',
  eleveId: 'e1',
  categorie: 'notes',
  titre: 'Nouvelle note',
  texte: '',
  lien: null,
  le: '2026-12-01T10:00:00Z',
  lue: false,
  ...n,
})
const demande = (d: Partial<DemandeSortie>): DemandeSortie => ({
  id: 'd',
  eleveId: 'e1',
  date: '2026-12-03',
  heureSortie: '15:30',
  motif: 'Dentiste',
  signeePar: { id: 'p', nom: 'Michel', prenom: 'Philippe' },
  signeeLe: '2026-11-30T18:00:00Z',
  attestation: '…',
  statut: 'en_attente',
  ...d,
})
const enfants = [
  { eleve: { id: 'e1', nom: 'Camille Michel' }, demandes: [] as DemandeSortie[] },
  { eleve: { id: 'e2', nom: 'Gabriel Michel' }, demandes: [] as DemandeSortie[] },
]

describe('what is new since the last visit', () => {
  it('counts the new grades, absences and decisions per child, each linked to the newest one', () => {
    const lignes = nouveautes(
      [
        notification({ id: 'a', lien: '/notes?eleve=e1&periode=t1&matiere=MATHS&evaluation=x', le: '2026-12-02T09:00:00Z' }),
        notification({ id: 'b', le: '2026-12-01T09:00:00Z' }),
        notification({ id: 'c', eleveId: 'e2', categorie: 'absence', lien: '/absences?eleve=e2&absence=z', le: '2026-12-02T08:00:00Z' }),
        notification({ id: 'd', categorie: 'justificatif', lien: '//ailleurs.example/piege', le: '2026-12-02T07:00:00Z' }),
        notification({ id: 'e', le: '2026-11-20T09:00:00Z' }), // before the last visit
      ],
      enfants,
      '2026-11-30T12:00:00Z',
    )
    expect(lignes.map((l) => [l.texte, l.chemin])).toEqual([
      ['2 nouvelles notes (Camille Michel)', '/notes?eleve=e1&periode=t1&matiere=MATHS&evaluation=x'],
      ['1 absence ou retard signalé (Gabriel Michel)', '/absences?eleve=e2&absence=z'],
      // A link elsewhere is never followed: the page instead.
      ['1 décision sur un justificatif (Camille Michel)', '/absences?eleve=e1'],
    ])
  })

  it("adds the desk's answers to exit requests since the last visit, not the pending ones", () => {
    const sorties = [
      {
        eleve: { id: 'e1', nom: null },
        demandes: [
          demande({ id: 'd1', statut: 'acceptee', traiteeLe: '2026-12-01T09:00:00Z' }),
          demande({ id: 'd2', statut: 'refusee', date: '2026-11-20', traiteeLe: '2026-11-19T09:00:00Z' }),
          demande({ id: 'd3' }),
        ],
      },
    ]
    expect(nouveautes([], sorties, '2026-11-30T12:00:00Z').map((l) => [l.texte, l.chemin])).toEqual([
      ['Sortie du 3 décembre 2026 : acceptée', '/sorties?eleve=e1'],
    ])
  })

  it('on a first visit, shows the unread notifications and the answers of the last seven days', () => {
    const lignes = nouveautes(
      [notification({ lue: true }), notification({ id: 'b', categorie: 'absence' })],
      [{ eleve: { id: 'e1', nom: null }, demandes: [demande({ statut: 'refusee', traiteeLe: '2026-11-01T09:00:00Z' })] }],
      null,
      new Date('2026-12-02T12:00:00Z'),
    )
    expect(lignes.map((l) => l.texte)).toEqual(['1 absence ou retard signalé'])
  })
})
