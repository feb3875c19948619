import i18next from 'i18next'
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
  // The names in the reader's language (the shell re-renders on a change of language).
  const t = (cle: string) => i18next.t(cle)
  const entree = (nom: string, chemin: string, options: Partial<Entree> & { eleve?: boolean } = {}): Entree => {
    const { eleve, ...reste } = options
    return { nom, chemin, vers: eleve ? lien(chemin) : chemin, ...reste }
  }
  const famille = !!moi && litDesNotes(moi)
  const bureau = suitLaVieScolaire(moi)
  const responsable = !!moi?.profils.some((p) => p.profil === 'responsable')
  const plan: Rubrique[] = [entree(t('nav.accueil'), '/', { eleve: true, fin: true })]
  if (famille) {
    plan.push({
      nom: t('nav.scolarite'),
      entrees: [
        entree(t('nav.emploiDuTemps'), '/emploi-du-temps', { eleve: true }),
        entree(t('nav.devoirs'), '/devoirs', { eleve: true }),
        entree(t('nav.cahierDeTextes'), '/cahier-de-textes', { eleve: true }),
        entree(t('nav.notes'), '/notes', { eleve: true }),
        entree(t('nav.bulletins'), '/bulletins', { eleve: true }),
        // Digital textbooks through the GAR (issue 18): a pupil's to open, a guardian's child's openings.
        entree(t('nav.ressources'), '/ressources', { eleve: true }),
      ],
    })
    // A CPE or head who is also a parent has the desk's « Vie scolaire » too: the family's takes another name.
    plan.push({
      nom: bureau ? t('nav.absencesSorties') : t('nav.vieScolaire'),
      entrees: [
        entree(t('nav.absences'), '/absences', { eleve: true }),
        entree(t('nav.sorties'), '/sorties', { eleve: true }),
        // School health (issue 18): the PAI and the infirmary visits, for legal guardians and the pupil from 15.
        ...(santeLisible(moi) ? [entree(t('nav.sante'), '/sante', { eleve: true })] : []),
        // Consent forms (issue 17): a guardian answers for all their children on one page (no ?eleve=).
        ...(responsable ? [entree(t('nav.autorisations'), '/autorisations')] : []),
      ],
    })
  }
  if (estEnseignant(moi)) {
    plan.push({
      nom: t('nav.enseignement'),
      entrees: [
        entree(t('nav.mesClasses'), '/enseignement', { section: true }),
        entree(t('nav.monEmploiDuTemps'), '/enseignement/emploi-du-temps'),
        entree(t('nav.ressources'), '/ressources'),
        // Consent forms (issue 17): the outings a teacher organises for their classes.
        entree(t('nav.autorisationsSortie'), '/autorisations/organisees'),
      ],
    })
    // The roll call is taken at every lesson: one tap away, not inside a group.
    plan.push(entree(t('nav.appel'), '/appel', { section: true }))
  }
  // The nurse's day (issue 18): the visits, a pupil's record and PAI. One tap away, like the teachers' roll call.
  if (estInfirmier(moi)) plan.push(entree(t('nav.infirmerie'), '/infirmerie', { section: true }))
  if (bureau) {
    plan.push({
      nom: t('nav.vieScolaire'),
      entrees: [
        entree(t('nav.tableauDeBord'), '/vie-scolaire', { fin: true }),
        entree(t('nav.eleves'), '/vie-scolaire/eleves'),
        entree(t('nav.emploiDuTemps'), '/vie-scolaire/emploi-du-temps'),
        // Consent forms (issue 17): every outing's answers, the list for the day.
        ...(estEnseignant(moi) ? [] : [entree(t('nav.autorisationsSortie'), '/autorisations/organisees')]),
      ],
    })
  }
  const gestion = [
    ...(administre(moi)
      ? [entree(t('nav.publicationBulletins'), CHEMIN_BULLETINS), entree(t('nav.structure'), CHEMIN_STRUCTURE), entree(t('nav.administration'), '/administration')]
      : []),
    ...(moi?.administrateurRegion ? [entree(t('nav.region'), '/region')] : []),
  ]
  if (gestion.length) plan.push({ nom: t('nav.gestion'), entrees: gestion })
  plan.push({
    nom: t('nav.communication'),
    entrees: [
      entree(t('nav.messagerie'), '/messagerie'),
      entree(t('nav.annonces'), '/annonces'),
      entree(t('nav.agenda'), '/agenda', { eleve: true }),
      // Parents' elections (issue 17): the guardians who vote, the direction who sets them up.
      ...(vote(moi) ? [entree(t('nav.elections'), '/elections', { section: true })] : []),
      // Structured reports (issue 17): families and pupils file them, the staff who receive them find their queue.
      ...(deposeDesSignalements(moi) ? [entree(t('nav.signalements'), '/signalements', { fin: true })] : []),
      ...(uaiReception(moi) ? [entree(t('nav.signalementsRecus'), '/signalements/recus', { section: true })] : []),
    ],
  })
  plan.push(entree(t('nav.monCompte'), '/compte', { eleve: true }))
  return plan.map((e) => (estGroupe(e) && e.entrees.length === 1 ? e.entrees[0] : e))
}
