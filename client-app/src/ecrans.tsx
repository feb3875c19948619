import { lazy } from 'react'
import { AccueilPersonnel } from './AccueilPersonnel'
import { useSession } from './auth/contexte'
import { Accueil } from './public/Accueil'

// Each audience's screens are one lazy module: a family never downloads the teachers' or the staff's screens.
const famille = () => import('./famille/famille')
const enseignant = () => import('./enseignant/enseignant')
const etablissement = () => import('./etablissement/etablissement')
const compte = () => import('./compte/compte')
const administration = () => import('./administration/administration')
// School calendar (issue 16, agenda): every audience's, one module of its own.
const agenda = () => import('./agenda/agenda')
const messagerie = () => import('./messagerie/messagerie') // issue 16 (messagerie)
// Announcements (issue #16, annonces): families' list and staff's publication and follow-up.
const annonces = () => import('./annonces/annonces')
// Parents' elections (issue 17): families vote, the head sets up and publishes.
const elections = () => import('./elections/elections')
// Structured reports (issue 17, signalements): submitters', receivers' and builders' screens, one module.
const signalements = () => import('./signalements/signalements')
// Consent forms for outings and projects (issue 17, consentements): families' answers, organisers' list and follow-up.
const autorisations = () => import('./autorisations/autorisations')
// Digital textbooks through the GAR (issue 18): pupils' and teachers' resources, the guardians' week of openings.
const ressources = () => import('./ressources/ressources')
// The class workspaces (issue 18, espace de classe): documents per class and group.
const espacesClasse = () => import('./ressources/EspaceClasse')
// School health (issue 18): the families' record, the nurse's day and pupil record.
const sante = () => import('./sante/sante')
const aide = () => import('./aide/aide') // issue 19: help pages and the accessibility statement

export const Notes = lazy(() => famille().then((m) => ({ default: m.Notes })))
export const Bulletins = lazy(() => famille().then((m) => ({ default: m.Bulletins })))
export const Absences = lazy(() => famille().then((m) => ({ default: m.Absences })))
export const Sorties = lazy(() => famille().then((m) => ({ default: m.Sorties })))
export const MesClasses = lazy(() => enseignant().then((m) => ({ default: m.MesClasses })))
export const Service = lazy(() => enseignant().then((m) => ({ default: m.Service })))
export const Evaluation = lazy(() => enseignant().then((m) => ({ default: m.Evaluation })))
export const Appreciations = lazy(() => enseignant().then((m) => ({ default: m.Appreciations })))
export const ConseilClasse = lazy(() => enseignant().then((m) => ({ default: m.ConseilClasse })))
export const MesCours = lazy(() => enseignant().then((m) => ({ default: m.MesCours })))
export const FeuilleAppel = lazy(() => enseignant().then((m) => ({ default: m.FeuilleAppel })))
export const VieScolaire = lazy(() => etablissement().then((m) => ({ default: m.VieScolaire })))
export const DirectionBulletins = lazy(() => etablissement().then((m) => ({ default: m.DirectionBulletins })))
export const StructureEtablissement = lazy(() => etablissement().then((m) => ({ default: m.StructureEtablissement })))
export const SortiesEnAttente = lazy(() => etablissement().then((m) => ({ default: m.SortiesEnAttente })))
export const AppelsManquants = lazy(() => etablissement().then((m) => ({ default: m.AppelsManquants })))
export const RechercheEleves = lazy(() => etablissement().then((m) => ({ default: m.RechercheEleves })))
export const FicheEleve = lazy(() => etablissement().then((m) => ({ default: m.FicheEleve })))
// Cahier de textes (issue 15, cdt)
export const Devoirs = lazy(() => famille().then((m) => ({ default: m.Devoirs })))
export const CahierDeTextes = lazy(() => famille().then((m) => ({ default: m.CahierDeTextes })))
export const CahierDeTextesEnseignant = lazy(() => enseignant().then((m) => ({ default: m.CahierDeTextesEnseignant })))
export const CahierDeTextesDeClasse = lazy(() => enseignant().then((m) => ({ default: m.CahierDeTextesDeClasse })))
export const MonCompte = lazy(() => compte().then((m) => ({ default: m.Compte })))
export const AdministrationPersonnes = lazy(() => administration().then((m) => ({ default: m.Personnes })))
export const AdministrationFiche = lazy(() => administration().then((m) => ({ default: m.FichePersonne })))
export const AdministrationImports = lazy(() => administration().then((m) => ({ default: m.Imports })))
export const AdministrationReglages = lazy(() => administration().then((m) => ({ default: m.Reglages })))
export const Region = lazy(() => administration().then((m) => ({ default: m.Region })))
// Timetable (issue #15, edt-vues)
export const EmploiDuTemps = lazy(() => famille().then((m) => ({ default: m.EmploiDuTemps })))
export const MonEmploiDuTemps = lazy(() => enseignant().then((m) => ({ default: m.MonEmploiDuTemps })))
export const EmploiDuTempsBureau = lazy(() => etablissement().then((m) => ({ default: m.EmploiDuTempsBureau })))
// School calendar (issue 16, agenda)
export const Agenda = lazy(() => agenda().then((m) => ({ default: m.Agenda })))
export const AgendaEtablissement = lazy(() => agenda().then((m) => ({ default: m.AgendaEtablissement })))
// Messagerie (issue 16)
export const Messagerie = lazy(() => messagerie().then((m) => ({ default: m.Messagerie })))
export const ConversationMessagerie = lazy(() => messagerie().then((m) => ({ default: m.ConversationMessagerie })))
export const NouveauMessage = lazy(() => messagerie().then((m) => ({ default: m.NouveauMessage })))
export const ReglesMessagerie = lazy(() => messagerie().then((m) => ({ default: m.ReglesMessagerie })))
export const ModerationMessagerie = lazy(() => messagerie().then((m) => ({ default: m.ModerationMessagerie })))
// Announcements (issue #16, annonces)
export const Annonces = lazy(() => annonces().then((m) => ({ default: m.Annonces })))
export const AnnoncesEnvoyees = lazy(() => annonces().then((m) => ({ default: m.AnnoncesEnvoyees })))
export const PublierAnnonce = lazy(() => annonces().then((m) => ({ default: m.PublierAnnonce })))
export const SuiviAnnonce = lazy(() => annonces().then((m) => ({ default: m.SuiviAnnonce })))
// Parents' elections (issue 17)
export const Elections = lazy(() => elections().then((m) => ({ default: m.Elections })))
export const Election = lazy(() => elections().then((m) => ({ default: m.Election })))
export const GestionElections = lazy(() => elections().then((m) => ({ default: m.GestionElections })))
// Structured reports (issue 17, signalements)
export const Signalements = lazy(() => signalements().then((m) => ({ default: m.Signalements })))
export const DeposerSignalement = lazy(() => signalements().then((m) => ({ default: m.DeposerSignalement })))
export const Signalement = lazy(() => signalements().then((m) => ({ default: m.Signalement })))
export const SignalementsRecus = lazy(() => signalements().then((m) => ({ default: m.SignalementsRecus })))
export const FormulairesSignalement = lazy(() => signalements().then((m) => ({ default: m.FormulairesSignalement })))
// Consent forms (issue 17, consentements)
export const MesAutorisations = lazy(() => autorisations().then((m) => ({ default: m.MesAutorisations })))
export const AutorisationsOrganisees = lazy(() => autorisations().then((m) => ({ default: m.AutorisationsOrganisees })))
export const SuiviAutorisation = lazy(() => autorisations().then((m) => ({ default: m.SuiviAutorisation })))

/** The public home, or the connected person's. */
export function PageAccueil() {
  return useSession().utilisateur ? <AccueilPersonnel /> : <Accueil />
}
export const Ressources = lazy(() => ressources().then((m) => ({ default: m.Ressources })))
export const EspacesClasse = lazy(() => espacesClasse().then((m) => ({ default: m.EspacesClasse })))
export const Aide = lazy(() => aide().then((m) => ({ default: m.Aide })))
export const Accessibilite = lazy(() => aide().then((m) => ({ default: m.Accessibilite })))
export const Sante = lazy(() => sante().then((m) => ({ default: m.Sante })))
export const Infirmerie = lazy(() => sante().then((m) => ({ default: m.Infirmerie })))
export const DossierInfirmerie = lazy(() => sante().then((m) => ({ default: m.DossierInfirmerie })))
