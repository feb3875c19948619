import { vi } from 'vitest'

type Reponse = { status?: number; body?: unknown; brut?: { texte: string; type: string } }
export type Route = Reponse | ((init?: RequestInit) => Reponse)

/**
 * Test helper: answers fetch from a table of "METHOD path?query" (JSON, or raw content of a type), 404 otherwise; records each call
 * with its JSON body and its init (keepalive, headers).
 */
export function fauxServeur(routes: Record<string, Route>) {
  const appels: { route: string; corps: unknown; init?: RequestInit }[] = []
  const fetch = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    const route = `${init?.method ?? 'GET'} ${String(url)}`
    appels.push({ route, corps: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined, init })
    const trouvee = routes[route]
    if (!trouvee) {
      return new Response(JSON.stringify({ title: 'Ressource introuvable', status: 404 }), {
        status: 404,
        headers: { 'Content-Type': 'application/problem+json' },
      })
    }
    const { status = 200, body, brut } = typeof trouvee === 'function' ? trouvee(init) : trouvee
    if (brut) return new Response(brut.texte, { status, headers: { 'Content-Type': brut.type } })
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
    })
  })
  vi.stubGlobal('fetch', fetch)
  return appels
}

const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }
const tous = ['travail_scolaire', 'vie_scolaire', 'sante', 'messages', 'identite']

export const parentDeDeux = {
  id: 'p1',
  prenom: 'Philippe',
  nom: 'Michel',
  email: null,
  mobile: null,
  doubleAuthentification: false,
  administrateurRegion: false,
  langue: 'fr',
  profils: [{ ...lycee, profil: 'responsable', fonction: null }],
  enfants: [
    { id: 'e1', prenom: 'Camille', nom: 'Michel', ...lycee, legal: true, domaines: tous },
    { id: 'e2', prenom: 'Gabriel', nom: 'Michel', ...lycee, legal: true, domaines: tous },
  ],
}

export const eleveSeul = {
  id: 'moi-eleve',
  prenom: 'Inès',
  nom: 'Durand',
  email: null,
  mobile: null,
  doubleAuthentification: false,
  administrateurRegion: false,
  langue: 'fr',
  profils: [{ ...lycee, profil: 'eleve', fonction: null }],
  enfants: [],
}

export const periodes = [
  { id: 't1', libelle: '1er trimestre', debut: '2026-09-01', fin: '2026-11-30', bulletinPublie: true },
  { id: 't2', libelle: '2e trimestre', debut: '2026-12-01', fin: '2027-03-13', bulletinPublie: false },
  { id: 't3', libelle: '3e trimestre', debut: '2027-03-14', fin: '2027-07-04', bulletinPublie: false },
]

const note = (n: Record<string, unknown>) => ({
  evaluationId: 'ev',
  date: '2026-11-13',
  titre: 'Contrôle',
  bareme: 20,
  coefficient: 1,
  mode: 'normale',
  compteDansMoyenne: true,
  valeur: null,
  marqueur: null,
  commentaire: null,
  moyenneClasse: null,
  min: null,
  max: null,
  saisieLe: '2026-11-14T08:00:00Z',
  ...n,
})

/** Gabriel's first trimester: a mark out of 40 with a coefficient, a marker, a bonus, one that does not count. */
export const notesGabriel = {
  eleveId: 'e2',
  classe: 'Terminale générale 1',
  periodes,
  periode: periodes[0],
  moyenneGenerale: 12.44,
  moyenneGeneraleClasse: 11.42,
  matieres: [
    {
      serviceId: 's-philo',
      matiereCode: 'PHILO',
      matiere: 'Philosophie',
      coefficient: 2,
      moyenne: 14.25,
      moyenneClasse: 11.6,
      min: 6.17,
      max: 18,
      appreciation: 'Bon trimestre, des connaissances solides.',
      notes: [
        note({ evaluationId: 'p3', date: '2026-11-05', titre: 'Dissertation n° 3', bareme: 40, coefficient: 2, valeur: 35.5, moyenneClasse: 22.91 }),
        note({ evaluationId: 'p2', date: '2026-10-12', titre: 'Devoir maison n° 2', valeur: null, marqueur: 'absent', moyenneClasse: 11.2 }),
        note({ evaluationId: 'p1', date: '2026-09-20', titre: 'Interrogation n° 1', valeur: 14.5, moyenneClasse: 9.62, commentaire: 'Bonne analyse.' }),
      ],
    },
    {
      serviceId: 's-hg',
      matiereCode: 'HIGEO',
      matiere: 'Histoire-géographie',
      coefficient: 1,
      moyenne: 15.4,
      moyenneClasse: 11.02,
      min: 5,
      max: 16,
      appreciation: null,
      notes: [
        note({ evaluationId: 'h2', titre: 'Défi de la semaine', mode: 'bonus', valeur: 16, moyenneClasse: 11.08 }),
        note({ evaluationId: 'h1', titre: 'Quiz', compteDansMoyenne: false, valeur: 12, moyenneClasse: 10 }),
      ],
    },
    {
      serviceId: 's-eps',
      matiereCode: 'EPS',
      matiere: 'Éducation physique et sportive',
      coefficient: 1,
      moyenne: null,
      moyenneClasse: 12,
      min: 8,
      max: 17,
      appreciation: null,
      notes: [note({ evaluationId: 'x1', titre: 'Course', marqueur: 'dispense' })],
    },
  ],
}

export const notesCamille = {
  ...notesGabriel,
  eleveId: 'e1',
  classe: 'Seconde 2',
  moyenneGenerale: 11.06,
  moyenneGeneraleClasse: 11.59,
  matieres: [
    {
      serviceId: 's-fr',
      matiereCode: 'FRANCAIS',
      matiere: 'Français',
      coefficient: 2,
      moyenne: 9.75,
      moyenneClasse: 11.63,
      min: 6.17,
      max: 18,
      appreciation: null,
      notes: [note({ evaluationId: 'f1', titre: 'Interrogation écrite n° 5', valeur: 7.5, moyenneClasse: 11.32 })],
    },
  ],
}

/** The second trimester has not started: the subjects are there, without a result. */
export const notesVides = (base: typeof notesGabriel) => ({
  ...base,
  periode: periodes[1],
  moyenneGenerale: null,
  moyenneGeneraleClasse: null,
  matieres: base.matieres.map((m) => ({ ...m, moyenne: null, moyenneClasse: null, min: null, max: null, appreciation: null, notes: [] })),
})
