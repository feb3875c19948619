import type { Moi } from './api/ent-client'
import { administre, CHEMIN_BULLETINS, CHEMIN_STRUCTURE } from './commun/direction'
import { estEnseignant, estInfirmier } from './commun/profils'
import { litDesNotes } from './commun/suivi'
import { suitLaVieScolaire } from './commun/vieScolaire'
import { deposeDesSignalements, uaiReception } from './signalements/signalement'

/** A guardian (who votes at the parents' elections) or an établissement's direction (who sets them up). */
const vote = (moi: Moi | null) => !!moi && (moi.profils.some((p) => p.profil === 'responsable') || administre(moi))

/** A pupil (the server refuses under 15, and the page says who reads it), or a guardian of a child whose health they may read. */
const santeLisible = (moi: Moi | null) =>
  !!moi && (moi.profils.some((p) => p.profil === 'eleve') || moi.enfants.some((e) => e.domaines.includes('sante')))

/** A page of the navigation: its name, its path (to know whether it is the current page) and its link (?eleve= kept). */
export interface Entree {
  nom: string
  chemin: string
  vers: string
  /** Current only on this very path (Accueil, the desk's dashboard), not on the pages below it. */
  fin?: boolean
  /** A section: current (aria-current="true") on the pages below it, « page » on its own path. */
  section?: boolean
}

/** A named group of pages, revealed by its button on a wide screen, a headed section in the phone's menu. */
export interface Groupe {
  nom: string
  entrees: Entree[]
}

export type Rubrique = Entree | Groupe

export const estGroupe = (e: Rubrique): e is Groupe => 'entrees' in e

/**
 * What a person's navigation offers, grouped so that no profile has more than about six top-level items (issue 16 had
 * grown a family's flat list to eleven entries). Entries exist only for pages that exist for the person: the family's
 * pages for pupils and guardians, the teacher's, the desk's (CPE, direction), the management pages (direction, local
 * and regional administrators); everyone has Accueil, Communication and Mon compte. A group of one page is that page.
 */
export function planNavigation(moi: Moi | null, lien: (chemin: string) => string): Rubrique[] {
  const entree = (nom: string, chemin: string, options: Partial<Entree> & { eleve?: boolean } = {}): Entree => {
    const { eleve, ...reste } = options
    return { nom, chemin, vers: eleve ? lien(chemin) : chemin, ...reste }
  }
  const famille = !!moi && litDesNotes(moi)
  const bureau = suitLaVieScolaire(moi)
  const responsable = !!moi?.profils.some((p) => p.profil === 'responsable')
  const plan: Rubrique[] = [entree('Accueil', '/', { eleve: true, fin: true })]
  if (famille) {
    plan.push({
      nom: 'Scolarité',
      entrees: [
        entree('Emploi du temps', '/emploi-du-temps', { eleve: true }),
        entree('Devoirs', '/devoirs', { eleve: true }),
        entree('Cahier de textes', '/cahier-de-textes', { eleve: true }),
        entree('Notes', '/notes', { eleve: true }),
        entree('Bulletins', '/bulletins', { eleve: true }),
        // Digital textbooks through the GAR (issue 18): a pupil's to open, a guardian's child's openings.
        entree('Manuels et ressources', '/ressources', { eleve: true }),
      ],
    })
    // A CPE or head who is also a parent has the desk's « Vie scolaire » too: the family's takes another name.
    plan.push({
      nom: bureau ? 'Absences et sorties' : 'Vie scolaire',
      entrees: [
        entree('Absences', '/absences', { eleve: true }),
        entree('Sorties', '/sorties', { eleve: true }),
        // School health (issue 18): the PAI and the infirmary visits, for legal guardians and the pupil from 15.
        ...(santeLisible(moi) ? [entree('Santé', '/sante', { eleve: true })] : []),
        // Consent forms (issue 17): a guardian answers for all their children on one page (no ?eleve=).
        ...(responsable ? [entree('Autorisations', '/autorisations')] : []),
      ],
    })
  }
  if (estEnseignant(moi)) {
    plan.push({
      nom: 'Enseignement',
      entrees: [
        entree('Mes classes', '/enseignement', { section: true }),
        entree('Mon emploi du temps', '/enseignement/emploi-du-temps'),
        entree('Manuels et ressources', '/ressources'),
        // Consent forms (issue 17): the outings a teacher organises for their classes.
        entree('Autorisations de sortie', '/autorisations/organisees'),
      ],
    })
    // The roll call is taken at every lesson: one tap away, not inside a group.
    plan.push(entree('Appel', '/appel', { section: true }))
  }
  // The nurse's day (issue 18): the visits, a pupil's record and PAI. One tap away, like the teachers' roll call.
  if (estInfirmier(moi)) plan.push(entree('Infirmerie', '/infirmerie', { section: true }))
  if (bureau) {
    plan.push({
      nom: 'Vie scolaire',
      entrees: [
        entree('Tableau de bord', '/vie-scolaire', { fin: true }),
        entree('Élèves', '/vie-scolaire/eleves'),
        entree('Emploi du temps', '/vie-scolaire/emploi-du-temps'),
        // Consent forms (issue 17): every outing's answers, the list for the day.
        ...(estEnseignant(moi) ? [] : [entree('Autorisations de sortie', '/autorisations/organisees')]),
      ],
    })
  }
  const gestion = [
    ...(administre(moi)
      ? [entree('Publication des bulletins', CHEMIN_BULLETINS), entree('Structure', CHEMIN_STRUCTURE), entree('Administration', '/administration')]
      : []),
    ...(moi?.administrateurRegion ? [entree('Région', '/region')] : []),
  ]
  if (gestion.length) plan.push({ nom: 'Gestion', entrees: gestion })
  plan.push({
    nom: 'Communication',
    entrees: [
      entree('Messagerie', '/messagerie'),
      entree('Annonces', '/annonces'),
      entree('Agenda', '/agenda', { eleve: true }),
      // Parents' elections (issue 17): the guardians who vote, the direction who sets them up.
      ...(vote(moi) ? [entree('Élections', '/elections', { section: true })] : []),
      // Structured reports (issue 17): families and pupils file them, the staff who receive them find their queue.
      ...(deposeDesSignalements(moi) ? [entree('Signalements', '/signalements', { fin: true })] : []),
      ...(uaiReception(moi) ? [entree('Signalements reçus', '/signalements/recus', { section: true })] : []),
    ],
  })
  plan.push(entree('Mon compte', '/compte', { eleve: true }))
  return plan.map((e) => (estGroupe(e) && e.entrees.length === 1 ? e.entrees[0] : e))
}
