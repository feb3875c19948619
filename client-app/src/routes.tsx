import type { RouteObject } from 'react-router'
import { Coquille, ErreurRoute } from './Coquille'
import { RetourConnexion } from './auth/RetourConnexion'
import { CHEMIN_RETOUR } from './auth/oidc'
import type { PageRoute } from './commun/page'
import { PageIntrouvable } from './commun/PageIntrouvable'
import { EspacePersonnel } from './EspacePersonnel'
import {
  Absences,
  Accessibilite,
  Aide,
  AdministrationFiche,
  AdministrationImports,
  AdministrationPersonnes,
  AdministrationReglages,
  Appreciations,
  AppelsManquants,
  Bulletins,
  CahierDeTextes,
  CahierDeTextesDeClasse,
  CahierDeTextesEnseignant,
  ConseilClasse,
  DirectionBulletins,
  Devoirs,
  Ressources,
  EspacesClasse,
  Sante,
  Infirmerie,
  DossierInfirmerie,
  Evaluation,
  FeuilleAppel,
  FicheEleve,
  MesClasses,
  MesCours,
  MonCompte,
  Notes,
  PageAccueil,
  RechercheEleves,
  Region,
  Service,
  Sorties,
  SortiesEnAttente,
  StructureEtablissement,
  VieScolaire,
  EmploiDuTemps,
  MonEmploiDuTemps,
  EmploiDuTempsBureau,
  // School calendar (issue 16, agenda)
  Agenda,
  AgendaEtablissement,
  Messagerie,
  ConversationMessagerie,
  NouveauMessage,
  ReglesMessagerie,
  ModerationMessagerie,
  Annonces,
  AnnoncesEnvoyees,
  AutorisationsOrganisees,
  MesAutorisations,
  PublierAnnonce,
  SuiviAnnonce,
  Elections,
  Election,
  GestionElections,
  Signalements,
  DeposerSignalement,
  Signalement,
  SignalementsRecus,
  FormulairesSignalement,
  SuiviAutorisation,
} from './ecrans'

const NOTES = 'pour consulter les notes et les bulletins'
const MES_CLASSES: PageRoute = { titre: 'Mes classes', pour: 'pour retrouver vos classes et vos saisies de notes' } // each page then names itself
const ELEVES: PageRoute = { titre: 'Élèves', pour: 'pour retrouver un élève et enregistrer une absence', attendMoi: true }
const ADMINISTRATION: PageRoute = { titre: 'Administration', pour: "pour administrer l'établissement", attendMoi: true }
const MESSAGERIE: PageRoute = { titre: 'Messagerie', pour: 'pour lire et écrire vos messages', attendMoi: true }
const SIGNALEMENTS: PageRoute = { titre: 'Signalements', pour: 'pour faire et suivre vos signalements', attendMoi: true }
const APPEL: PageRoute = { titre: 'Appel', pour: "pour faire l'appel de vos cours" } // the roll call's page then names its lesson

/**
 * The app's one route table. A page's `handle` (PageRoute) gives its title, what to say without a session (`pour`),
 * and whether it needs the connected person first (`attendMoi`); the shell does the rest.
 */
export const routes: RouteObject[] = [
  {
    element: <Coquille />,
    errorElement: <ErreurRoute />,
    children: [
      {
        path: CHEMIN_RETOUR,
        element: (
          <main className="cadre">
            <RetourConnexion />
          </main>
        ),
        handle: { titre: 'Connexion' } satisfies PageRoute },
      {
        element: <EspacePersonnel />,
        children: [
          { path: '/', element: <PageAccueil />, handle: { attendMoi: true } satisfies PageRoute },
          { path: '/index.html', element: <PageAccueil />, handle: { attendMoi: true } satisfies PageRoute },
          // Help and the accessibility statement (issue 19): open to everyone, signed in or not.
          { path: '/aide', element: <Aide />, handle: { titre: 'Aide' } satisfies PageRoute },
          { path: '/aide/:sujet', element: <Aide />, handle: { titre: 'Aide' } satisfies PageRoute },
          { path: '/accessibilite', element: <Accessibilite />, handle: { titre: 'Déclaration d’accessibilité' } satisfies PageRoute },
          { path: '/compte', element: <MonCompte />, handle: { titre: 'Mon compte', pour: 'pour gérer votre compte', attendMoi: true } satisfies PageRoute },
          { path: '/notes', element: <Notes />, handle: { titre: 'Notes', pour: NOTES, attendMoi: true } satisfies PageRoute },
          { path: '/bulletins', element: <Bulletins />, handle: { titre: 'Bulletins', pour: NOTES, attendMoi: true } satisfies PageRoute },
          {
            path: '/absences',
            element: <Absences />,
            handle: { titre: 'Absences', pour: 'pour consulter les absences et les justifier', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/sorties',
            element: <Sorties />,
            handle: { titre: 'Sorties', pour: 'pour consulter et signer les autorisations de sortie', attendMoi: true } satisfies PageRoute,
          },
          // Announcements (issue #16, annonces)
          { path: '/annonces', element: <Annonces />, handle: { titre: 'Annonces', pour: "pour lire les annonces de l'établissement", attendMoi: true } satisfies PageRoute },
          {
            path: '/annonces/envoyees',
            element: <AnnoncesEnvoyees />,
            handle: { titre: 'Annonces envoyées', pour: 'pour suivre les annonces publiées', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/annonces/publier',
            element: <PublierAnnonce />,
            handle: { titre: 'Publier une annonce', pour: 'pour publier une annonce', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/annonces/:id/suivi',
            element: <SuiviAnnonce />,
            handle: { titre: "Suivi de l'annonce", pour: 'pour suivre les lectures d’une annonce', attendMoi: true } satisfies PageRoute,
          },
          // Parents' elections (issue 17)
          { path: '/elections', element: <Elections />, handle: { titre: 'Élections', pour: 'pour voter aux élections des parents', attendMoi: true } satisfies PageRoute },
          {
            path: '/elections/gestion',
            element: <GestionElections />,
            handle: { titre: 'Élections des parents', pour: 'pour organiser les élections des parents', attendMoi: true } satisfies PageRoute,
          },
          { path: '/elections/:id', element: <Election />, handle: { titre: 'Élection', pour: 'pour voter aux élections des parents', attendMoi: true } satisfies PageRoute },
          // Structured reports (issue 17, signalements)
          { path: '/signalements', element: <Signalements />, handle: SIGNALEMENTS },
          { path: '/signalements/nouveau/:formulaireId', element: <DeposerSignalement />, handle: { ...SIGNALEMENTS, titre: 'Nouveau signalement' } },
          { path: '/signalements/recus', element: <SignalementsRecus />, handle: { ...SIGNALEMENTS, titre: 'Signalements reçus' } },
          { path: '/signalements/formulaires', element: <FormulairesSignalement />, handle: { ...SIGNALEMENTS, titre: 'Formulaires de signalement' } },
          { path: '/signalements/:id', element: <Signalement />, handle: { ...SIGNALEMENTS, titre: 'Signalement' } },
          // Consent forms for outings and projects (issue 17, consentements)
          {
            path: '/autorisations',
            element: <MesAutorisations />,
            handle: { titre: 'Autorisations', pour: 'pour répondre aux demandes d’autorisation de sortie', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/autorisations/organisees',
            element: <AutorisationsOrganisees />,
            handle: { titre: 'Autorisations de sortie et de projet', pour: 'pour demander et suivre les autorisations des familles', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/autorisations/:id/suivi',
            element: <SuiviAutorisation />,
            handle: { titre: "Suivi de l'autorisation", pour: 'pour suivre les réponses des familles', attendMoi: true } satisfies PageRoute,
          },
          // Timetable (issue #15, edt-vues)
          {
            path: '/emploi-du-temps',
            element: <EmploiDuTemps />,
            handle: { titre: 'Emploi du temps', pour: "pour consulter l'emploi du temps", attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/enseignement/emploi-du-temps',
            element: <MonEmploiDuTemps />,
            handle: { titre: 'Mon emploi du temps', pour: 'pour consulter votre emploi du temps', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/vie-scolaire/emploi-du-temps',
            element: <EmploiDuTempsBureau />,
            handle: { titre: 'Emploi du temps', pour: "pour consulter et modifier l'emploi du temps", attendMoi: true } satisfies PageRoute,
          },
          // School calendar (issue 16, agenda)
          { path: '/agenda', element: <Agenda />, handle: { titre: 'Agenda', pour: "pour consulter l'agenda de l'établissement", attendMoi: true } satisfies PageRoute },
          {
            path: '/agenda/etablissement',
            element: <AgendaEtablissement />,
            handle: { titre: "Calendrier de l'établissement", pour: "pour consulter et tenir le calendrier de l'établissement", attendMoi: true } satisfies PageRoute,
          },
          // Cahier de textes (issue 15, cdt)
          { path: '/devoirs', element: <Devoirs />, handle: { titre: 'Devoirs', pour: 'pour consulter les devoirs à faire', attendMoi: true } satisfies PageRoute },
          // Digital textbooks through the GAR (issue 18)
          {
            path: '/ressources',
            element: <Ressources />,
            handle: { titre: 'Manuels et ressources', pour: 'pour ouvrir vos manuels numériques', attendMoi: true } satisfies PageRoute,
          },
          // The class workspaces (issue 18, espace de classe)
          {
            path: '/espaces',
            element: <EspacesClasse />,
            handle: { titre: 'Espaces de classe', pour: 'pour consulter les documents de vos classes', attendMoi: true } satisfies PageRoute,
          },
          // School health (issue 18): the family's record of a child; the nurse's day and a pupil's record.
          { path: '/sante', element: <Sante />, handle: { titre: 'Santé', pour: 'pour consulter le dossier de santé scolaire', attendMoi: true } satisfies PageRoute },
          { path: '/infirmerie', element: <Infirmerie />, handle: { titre: 'Infirmerie', pour: "pour tenir le registre de l'infirmerie", attendMoi: true } satisfies PageRoute },
          {
            path: '/infirmerie/eleves/:eleveId',
            element: <DossierInfirmerie />,
            handle: { titre: 'Dossier de santé', pour: "pour tenir le registre de l'infirmerie", attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/cahier-de-textes',
            element: <CahierDeTextes />,
            handle: { titre: 'Cahier de textes', pour: 'pour consulter le cahier de textes', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/enseignement/services/:serviceId/cahier-de-textes',
            element: <CahierDeTextesEnseignant />,
            handle: { titre: 'Cahier de textes', pour: 'pour écrire le cahier de textes de vos cours', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/enseignement/classes/:classeId/cahier-de-textes',
            element: <CahierDeTextesDeClasse />,
            handle: { titre: 'Cahier de textes de la classe', pour: 'pour lire le cahier de textes de vos classes', attendMoi: true } satisfies PageRoute,
          },
          { path: '/enseignement', element: <MesClasses />, handle: MES_CLASSES },
          { path: '/enseignement/services/:serviceId', element: <Service />, handle: MES_CLASSES },
          { path: '/enseignement/evaluations/:evaluationId', element: <Evaluation />, handle: MES_CLASSES },
          {
            path: '/enseignement/services/:serviceId/appreciations',
            element: <Appreciations />,
            handle: { titre: 'Appréciations', pour: 'pour écrire vos appréciations', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/enseignement/classes/:classeId/conseil',
            element: <ConseilClasse />,
            handle: { titre: 'Conseil de classe', pour: 'pour saisir le conseil de classe', attendMoi: true } satisfies PageRoute,
          },
          { path: '/enseignement/*', element: <PageIntrouvable />, handle: MES_CLASSES },
          { path: '/appel', element: <MesCours />, handle: APPEL },
          { path: '/appel/:serviceId', element: <FeuilleAppel />, handle: APPEL },
          { path: '/appel/*', element: <PageIntrouvable />, handle: APPEL },
          {
            path: '/vie-scolaire',
            element: <VieScolaire />,
            handle: { titre: 'Vie scolaire', pour: 'pour suivre les absences et examiner les justificatifs', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/direction/bulletins',
            element: <DirectionBulletins />,
            handle: { titre: 'Publication des bulletins', pour: 'pour publier les bulletins', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/direction/structure',
            element: <StructureEtablissement />,
            handle: { titre: "Structure de l'établissement", pour: "pour gérer la structure de l'établissement", attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/vie-scolaire/sorties',
            element: <SortiesEnAttente />,
            handle: { titre: 'Demandes de sortie', pour: 'pour examiner les demandes de sortie', attendMoi: true } satisfies PageRoute,
          },
          {
            path: '/vie-scolaire/appels',
            element: <AppelsManquants />,
            handle: { titre: 'Appels non faits', pour: 'pour suivre les appels non faits', attendMoi: true } satisfies PageRoute,
          },
          { path: '/administration', element: <AdministrationPersonnes />, handle: ADMINISTRATION },
          { path: '/administration/personnes/:personneId', element: <AdministrationFiche />, handle: { ...ADMINISTRATION, titre: "Fiche d'une personne" } },
          { path: '/administration/imports', element: <AdministrationImports />, handle: { ...ADMINISTRATION, titre: "Imports de l'annuaire" } },
          { path: '/administration/reglages', element: <AdministrationReglages />, handle: { ...ADMINISTRATION, titre: 'Structure et réglages' } },
          { path: '/administration/*', element: <PageIntrouvable />, handle: ADMINISTRATION },
          {
            path: '/region',
            element: <Region />,
            handle: { titre: 'Établissements de la région', pour: 'pour suivre les établissements de la région', attendMoi: true } satisfies PageRoute,
          },
          // Messagerie (issue 16)
          { path: '/messagerie', element: <Messagerie />, handle: MESSAGERIE },
          { path: '/messagerie/nouveau', element: <NouveauMessage />, handle: { ...MESSAGERIE, titre: 'Nouveau message' } },
          { path: '/messagerie/regles', element: <ReglesMessagerie />, handle: { ...MESSAGERIE, titre: 'Règles de la messagerie' } },
          { path: '/messagerie/moderation', element: <ModerationMessagerie />, handle: { ...MESSAGERIE, titre: 'Modération de la messagerie' } },
          { path: '/messagerie/:conversationId', element: <ConversationMessagerie />, handle: { ...MESSAGERIE, titre: 'Conversation' } },
          { path: '/vie-scolaire/eleves', element: <RechercheEleves />, handle: ELEVES },
          { path: '/vie-scolaire/eleves/:eleveId', element: <FicheEleve />, handle: ELEVES },
          { path: '*', element: <PageIntrouvable />, handle: { titre: 'Page introuvable' } satisfies PageRoute },
        ],
      },
    ],
  },
]
