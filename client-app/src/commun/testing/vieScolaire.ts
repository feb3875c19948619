/** Test data for the vie scolaire pages (the fake API is notes/fauxServeur's). */

const lycee = { uai: '0750000A', etablissement: 'Lycée démo' }

export const SERVICE = '0192f1a0-0000-7000-8000-00000000a001'
export const SERVICE_2 = '0192f1a0-0000-7000-8000-00000000a002'

export const professeur = {
  id: 'p',
  prenom: 'Claire',
  nom: 'Moreau',
  email: null,
  mobile: null,
  doubleAuthentification: false,
  langue: 'fr',
  administrateurRegion: false,
  profils: [{ ...lycee, profil: 'enseignant', fonction: null }],
  enfants: [],
}

export const cpe = {
  id: 'cpe',
  prenom: 'Karim',
  nom: 'Benali',
  email: null,
  mobile: null,
  doubleAuthentification: false,
  langue: 'fr',
  administrateurRegion: false,
  profils: [{ ...lycee, profil: 'personnel', fonction: 'cpe' }],
  enfants: [],
}

const ligne = (n: number, nom: string, prenom: string, etat = 'present', minutesRetard: number | null = null) => ({
  eleveId: `e${n}`,
  nom,
  prenom,
  etat,
  minutesRetard,
})

/** A lesson that started a few minutes ago, its roll call not taken. */
export function feuille(debut = new Date(Date.now() - 5 * 60_000), autres: Record<string, unknown> = {}) {
  const fin = new Date(debut.getTime() + 55 * 60_000)
  return {
    serviceId: SERVICE,
    cours: 'Français — 2NDE1',
    debut: debut.toISOString(),
    fin: fin.toISOString(),
    fait: false,
    faitLe: null,
    modifieLe: null,
    modifiable: true,
    eleves: [ligne(1, 'Bernard', 'Léa'), ligne(2, 'Dupont', 'Marie'), ligne(3, 'Martin', 'Paul'), ligne(4, 'Petit', 'Jules')],
    ...autres,
  }
}

export const ligneAppel = ligne

const absence = (a: Record<string, unknown>) => ({
  id: 'a',
  type: 'absence',
  debut: '2026-11-27T07:00:00Z',
  fin: '2026-11-27T07:55:00Z',
  demiJournee: 'matin',
  minutesRetard: null,
  cours: 'Français — 2NDE1',
  statut: 'non_justifiee',
  motif: null,
  justifiable: true,
  ...a,
})

/** Camille: two absences to justify (one refused before), one lateness justified, one waiting for the desk. */
export const absencesCamille = {
  eleveId: 'e1',
  aJustifier: 2,
  demiJourneesNonJustifieesMois: 2,
  demiJourneesAnnee: 4,
  absences: [
    absence({ id: 'a1' }),
    absence({ id: 'a2', debut: '2026-11-26T13:00:00Z', fin: '2026-11-26T13:55:00Z', demiJournee: 'apres_midi', cours: 'Mathématiques — 2NDE1', statut: 'refusee' }),
    absence({ id: 'a3', type: 'retard', minutesRetard: 10, debut: '2026-11-20T08:00:00Z', fin: '2026-11-20T08:55:00Z', statut: 'justifiee', motif: 'Transport', justifiable: false }),
    absence({ id: 'a4', debut: '2026-11-02T07:00:00Z', fin: '2026-11-02T07:55:00Z', statut: 'justificatif_depose', justifiable: false }),
  ],
}

export const absencesGabriel = { eleveId: 'e2', aJustifier: 0, demiJourneesNonJustifieesMois: 0, demiJourneesAnnee: 0, absences: [] }

export const motifs = [
  { code: 'maladie', libelle: 'Maladie' },
  { code: 'rendez_vous_medical', libelle: 'Rendez-vous médical' },
  { code: 'autre', libelle: 'Autre motif' },
]

const personne = (id: string, prenom: string, nom: string) => ({ id, prenom, nom })

export const justificatif = (j: Record<string, unknown> = {}) => ({
  id: 'j1',
  statut: 'a_examiner',
  eleve: { id: 'e1', nom: 'Michel', prenom: 'Camille', classe: '2NDE1' },
  motifCode: 'maladie',
  motifLibelle: 'Maladie',
  commentaire: 'Fièvre, vue par le médecin.',
  document: { nomOriginal: 'certificat.pdf', typeContenu: 'application/pdf', taille: 245_000 },
  deposePar: personne('p1', 'Philippe', 'Michel'),
  deposeLe: '2026-11-27T18:30:00Z',
  decidePar: null,
  decideLe: null,
  raisonRefus: null,
  absences: [
    {
      id: 'a1',
      type: 'absence',
      debut: '2026-11-27T07:00:00Z',
      fin: '2026-11-27T07:55:00Z',
      jour: '2026-11-27',
      demiJournee: 'matin',
      minutesRetard: null,
      cours: 'Français — 2NDE1',
      statut: 'justificatif_depose',
      annuleeLe: null,
    },
  ],
  ...j,
})

export const tableau = (date: string) => ({
  date,
  seuil: 4,
  absencesDuJour: [
    { absenceId: 'x1', eleveId: 'e1', nom: 'Michel', prenom: 'Camille', classe: '2NDE1', type: 'absence', debut: `${date}T07:00:00Z`, cours: 'Français — 2NDE1', statut: 'non_justifiee', minutesRetard: null },
    { absenceId: 'x2', eleveId: 'e5', nom: 'Roux', prenom: 'Nina', classe: '1G1', type: 'retard', debut: `${date}T08:00:00Z`, cours: 'Anglais — 1G1', statut: 'justifiee', minutesRetard: 15 },
  ],
  exclusionsDuJour: [{ eleveId: 'e6', nom: 'Blanc', prenom: 'Hugo', classe: 'TG1', debut: `${date}T09:00:00Z`, cours: 'Histoire-géographie — TG1' }],
  absencesNonJustifiees: 37,
  elevesNonJustifies: 21,
  detailNonJustifiees: [
    { eleveId: 'e7', nom: 'Garcia', prenom: 'Léo', classe: '2NDE2', absences: 6 },
    { eleveId: 'e1', nom: 'Michel', prenom: 'Camille', classe: '2NDE1', absences: 1 },
  ],
  elevesAuDessusDuSeuil: [{ eleveId: 'e7', nom: 'Garcia', prenom: 'Léo', classe: '2NDE2', demiJournees: 5 }],
  justificatifsAExaminer: 2,
  appelsNonFaits: 1,
})

export const appelsNonFaits = (date: string) => [
  { serviceId: SERVICE_2, cours: 'Mathématiques — 2NDE2', matiere: 'Mathématiques', classe: '2NDE2', enseignantId: 'p2', enseignant: 'Paul Lefebvre', debut: `${date}T07:00:00Z`, fin: `${date}T07:55:00Z`, salle: 'Salle 112' },
]

export const envoisEnEchec = [
  {
    id: 'm1',
    eleveId: 'e1',
    eleve: 'Camille Michel',
    destinataire: 'Philippe Michel',
    canal: 'sms',
    adresse: '+33 6 •• •• •• 78',
    categorie: 'absence',
    sujet: 'Absence de Camille',
    texte: '…',
    statut: 'echec',
    tentatives: 5,
    erreur: 'Numéro injoignable',
    creeLe: '2026-11-28T07:10:00Z',
    envoyeLe: null,
    remisLe: null,
  },
]

export const demandesSortie = (date: string) => ({
  date,
  enAttente: 1,
  demandes: [
    {
      eleve: personne('e8', 'Inès', 'Durand'),
      classe: 'TG1',
      regime: 'externe',
      demande: {
        id: 'd1',
        eleveId: 'e8',
        date,
        heureSortie: '15:00',
        heureRetour: null,
        motif: 'Rendez-vous chez le dentiste',
        signeePar: personne('p9', 'Marc', 'Durand'),
        signeeLe: `${date}T06:00:00Z`,
        attestation: '…',
        statut: 'en_attente',
      },
    },
  ],
})
