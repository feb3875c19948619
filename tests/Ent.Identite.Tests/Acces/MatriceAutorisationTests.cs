using System.Net;
using System.Net.Http.Headers;
using Duende.IdentityModel.Client;
using Ent.Testing;

namespace Ent.Identite.Tests.Acces;

/// <summary>
/// The authorization matrix: every endpoint that returns or changes personal data, called by each kind of caller,
/// with the answer expected. A refusal on a read is 404 (the record's existence is not revealed); a token without the
/// module's scope is 403; no token is 401. Every later issue adds its endpoints to <see cref="Lignes"/>.
/// </summary>
public sealed class MatriceAutorisationTests(AccesApp app) : IClassFixture<AccesApp>
{
    private const string TiersSansPortee = "application tierce sans la portée";
    private const string SansJeton = "sans jeton";

    /// <summary>The callers of the matrix, in the words, mapped to AccesApp's people.</summary>
    public static readonly string[] Appelants =
    [
        "élève", "autre élève", "responsable légal", "responsable d'un autre élève", "enseignant de la classe",
        "enseignant d'une autre classe", "cpe", "cpe d'un autre établissement", "infirmier", "direction",
        TiersSansPortee, SansJeton,
    ];

    private static readonly string[] Scolaire = ["élève", "responsable légal", "enseignant de la classe", "cpe", "direction"];

    private static readonly string[] Personnels = ["enseignant de la classe", "enseignant d'une autre classe", "cpe", "infirmier", "direction"];

    private static readonly string[] LecteursEspace = ["élève", "responsable légal", "enseignant de la classe", "direction"];

    private static readonly string[] FamillesEtDirection = ["responsable légal", "responsable d'un autre élève", "direction"];

    private static readonly string[] TousLesComptes =
        ["élève", "autre élève", "responsable légal", "responsable d'un autre élève", "enseignant de la classe",
         "enseignant d'une autre classe", "cpe", "cpe d'un autre établissement", "infirmier", "direction"];

    /// <summary>
    /// One endpoint: its route ({eleve} = the matrix's pupil) and who gets 200; everyone else gets the refusal: 404, or
    /// 403 where saying « not for you » reveals no record (the directory imports: their existence is no secret).
    /// </summary>
    /// <remarks>
    /// A write is called with <c>Methode</c> and <c>Corps</c> (JSON); those allowed get <c>Succes</c> — for a correction, an
    /// empty body's 400 (the rule passed, nothing is written), so that the matrix changes nothing the other rows read.
    /// </remarks>
    /// <remarks>
    /// An upload (<c>Formulaire</c>) is sent as multipart/form-data without its file: those allowed get the field's 400.
    /// </remarks>
    private sealed record Ligne(string Nom, string Route, string[] Autorises, HttpStatusCode Refus = HttpStatusCode.NotFound, string Methode = "GET",
        string? Corps = null, HttpStatusCode Succes = HttpStatusCode.OK, bool Formulaire = false);

    private static readonly Ligne[] Lignes =
    [
        // Everyone with an account sees themselves, and only themselves.
        new("ObtenirMoi", "/api/identite/me", TousLesComptes),
        // issue 19: everyone saves their own language; an empty body's 400 shows the rule passed, nothing is written.
        new("ChangerLangue", "/api/identite/me/langue", TousLesComptes, Methode: "PUT", Corps: "{}", Succes: HttpStatusCode.BadRequest),
        new("ListerJournalAccesEleve", "/api/identite/eleves/{eleve}/journal-acces", ["élève", "responsable légal"]),
        new("ListerJournalAccesEtablissement", "/api/identite/etablissements/0750000A/journal-acces", ["direction", "infirmier"]),
        // The pupil search names pupils of the établissement: its vie scolaire desk and its nurse (issue 18), not teachers.
        new("RechercherEleves", "/api/identite/etablissements/0750000A/eleves?q=ma", ["cpe", "direction", "infirmier"]),
        // The administration screens (issue #14): the établissement's head and local administrators only — not the CPE,
        // not the nurse; the region's list: its administrators only (none in the matrix's cast: everyone gets 404).
        new("RechercherPersonnes", "/api/identite/etablissements/0750000A/personnes?q=ma", ["direction"]),
        new("ObtenirFichePersonne", "/api/identite/etablissements/0750000A/personnes/{eleve}", ["direction"]),
        new("ObtenirDoubleAuthentificationPersonnel", "/api/identite/etablissements/0750000A/double-authentification-personnel", ["direction"]),
        new("ListerEtablissementsRegion", "/api/identite/region/etablissements", []),
        // The activation letters carry codes that open accounts: the head, local administrators and office only.
        new("ImprimerLettresActivation", "/api/identite/etablissements/0750000A/lettres-activation", ["direction"]),
        // The directory imports' history: the établissement's head (and local administrators, region administrators).
        new("ListerImports", "/api/identite/imports", ["direction"], HttpStatusCode.Forbidden),
        // issue 18: the RGPD exports: everyone lists their own; only who asked downloads one.
        new("ListerExportsRgpd", "/api/identite/me/exports", TousLesComptes),
        new("TelechargerExportRgpd", "/api/identite/me/exports/{export-rgpd}/fichier", ["responsable légal"]),

        // Scolarité: a pupil's grades and report cards (TravailScolaire: the family, the class's teachers, CPE, head).
        new("ListerAnneesEleve", "/api/scolarite/eleves/{eleve}/annees", Scolaire),
        new("ListerNotesEleve", "/api/scolarite/eleves/{eleve}/notes", Scolaire),
        new("ListerDernieresNotes", "/api/scolarite/eleves/{eleve}/dernieres-notes", Scolaire),
        new("ObtenirBulletin", "/api/scolarite/eleves/{eleve}/bulletins/{periode}", Scolaire),
        new("AfficherBulletin", "/api/scolarite/eleves/{eleve}/bulletins/{periode}/html", Scolaire),
        new("TelechargerBulletin", "/api/scolarite/eleves/{eleve}/bulletins/{periode}/pdf", Scolaire),
        // A teaching service's assessments, grid and appraisals: its teacher only (prof.01's French in 2NDE1).
        new("ListerEvaluations", "/api/scolarite/services/{service}/evaluations", ["enseignant de la classe"]),
        new("ObtenirGrilleNotes", "/api/scolarite/evaluations/{evaluation}/notes", ["enseignant de la classe"]),
        new("ObtenirAppreciations", "/api/scolarite/services/{service}/periodes/{periode}/appreciations", ["enseignant de la classe"]),
        // The class council: its head teacher (not in the matrix's cast) and the head of the établissement.
        new("ObtenirConseilClasse", "/api/scolarite/classes/{classe}/periodes/{periode}/conseil", ["direction"]),
        // The établissement's structure names every pupil: its administrators only (the head, in the matrix's cast).
        new("ObtenirStructure", "/api/scolarite/etablissements/0750000A/structure", ["direction"]),
        // edt-admin: the timetable's administration (teachers' names and rooms, the établissement's administrators only).
        new("ListerCreneaux", "/api/scolarite/etablissements/0750000A/creneaux", ["direction"]),
        new("ListerSemaines", "/api/scolarite/etablissements/0750000A/semaines", ["direction"]),
        // Vie scolaire: a pupil's exits (regime, standing authorisations, one-off requests) for those who read their vie
        // scolaire (the family, the class's teachers, CPE, head); the day's exit requests for the établissement's desk.
        new("ObtenirSortiesEleve", "/api/viescolaire/eleves/{eleve}/sorties", Scolaire),
        new("ListerDemandesSortieJour", "/api/viescolaire/etablissements/0750000A/demandes-sortie", ["cpe", "direction"]),
        // Absences and lateness: the same readers; a lesson's roll call: its teacher (prof.01's French in 2NDE1) and the
        // desk; the desk's dashboard, roll calls not taken and the fate of the messages to families: the desk only.
        new("ListerAbsencesEleve", "/api/viescolaire/eleves/{eleve}/absences", Scolaire),
        new("ObtenirAppel", "/api/viescolaire/services/{service}/appel?debut=2026-01-05T08:00:00Z", ["enseignant de la classe", "cpe", "direction"]),
        new("ObtenirTableauDeBordVieScolaire", "/api/viescolaire/etablissements/0750000A/tableau-de-bord", ["cpe", "direction"]),
        new("ListerAppelsNonFaits", "/api/viescolaire/etablissements/0750000A/appels-non-faits", ["cpe", "direction"]),
        new("ListerEnvoisEleve", "/api/communication/eleves/{eleve}/envois", ["cpe", "direction"]),
        new("ListerEnvoisEtablissement", "/api/communication/etablissements/0750000A/envois", ["cpe", "direction"]),

        // The caller's own teaching and notifications: everyone with an account, each their own.
        new("ObtenirMonEnseignement", "/api/scolarite/me/enseignement", TousLesComptes),
        new("ListerMesNotifications", "/api/communication/me/notifications", TousLesComptes),
        new("ListerMesCours", "/api/viescolaire/me/cours", TousLesComptes),
        new("ObtenirMesPreferencesNotification", "/api/communication/me/preferences-notifications", TousLesComptes),

        // Vie scolaire: a pupil's justifications (VieScolaire: the pupil, the family, the class's teachers, CPE, head); the
        // document a family attached (its legal guardians and the établissement's desk only: not the teachers, not the
        // pupil); the desk's queue of the établissement (CPE and head).
        new("ListerJustificatifsEleve", "/api/viescolaire/eleves/{eleve}/justificatifs", Scolaire),
        // issue 16 (agenda): the school calendar. Each person's own events; the établissement's whole calendar and its
        // context for its staff (teachers, personnel — the nurse included), not for another établissement's CPE; an
        // event's .ics ({evenement}: the demo's first-term council of 2NDE1, for families and staff) for its staff and
        // the class's families — not its pupils (not invited), not another family.
        new("ListerMesEvenements", "/api/communication/me/evenements", TousLesComptes),
        new("ListerEvenementsEtablissement", "/api/communication/etablissements/0750000A/evenements", Personnels),
        new("ObtenirContexteAgenda", "/api/communication/etablissements/0750000A/agenda", Personnels),
        new("TelechargerEvenementIcs", "/api/communication/evenements/{evenement}/ics", [.. Personnels, "responsable légal"]),
        new("TelechargerPieceJointeEvenement", "/api/communication/evenements/pieces-jointes/{piece-evenement}", [.. Personnels, "responsable légal"]),

        new("TelechargerDocumentJustificatif", "/api/viescolaire/justificatifs/{justificatif}/document", ["responsable légal", "cpe", "direction"]),
        // School health (issue 18): the record, its PAI document: the nurse, the legal guardians, the pupil (15 or more: the
        // demo's are); the nurse alone writes (an empty body's 400) and reads the day's register; the PAI's emergency
        // instructions: whoever follows the pupil's attendance, and the nurse. Never the CPE or the head for the record.
        // (The document's upload takes multipart only — a JSON body is 415 before any rule —, and ending a PAI would take
        // the matrix's away: SanteTests checks who may do both.)
        new("ObtenirDossierSante", "/api/viescolaire/eleves/{eleve}/sante", ["élève", "responsable légal", "infirmier"]),
        new("EnregistrerPassageInfirmerie", "/api/viescolaire/eleves/{eleve}/sante/passages", ["infirmier"], Methode: "POST", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        new("DefinirPai", "/api/viescolaire/eleves/{eleve}/sante/pai", ["infirmier"], Methode: "PUT", Corps: "{}", Succes: HttpStatusCode.BadRequest),
        new("TelechargerDocumentPai", "/api/viescolaire/eleves/{eleve}/sante/pai/document", ["élève", "responsable légal", "infirmier"]),
        new("ListerPassagesInfirmerieJour", "/api/viescolaire/etablissements/0750000A/sante/passages", ["infirmier"]),
        new("ObtenirConsignesPai", "/api/viescolaire/eleves/{eleve}/pai", [.. Scolaire, "infirmier"]),
        new("ListerJustificatifsEtablissement", "/api/viescolaire/etablissements/0750000A/justificatifs", ["cpe", "direction"]),

        // Messagerie (issue 16): each person's own conversations, drafts, standing and possible recipients; the rules and
        // the moderation of the établissement's messaging: its administrators (the head in the matrix's cast); the region's
        // switch: its administrators (none in the cast). A conversation outside one's own is 404 (ConversationsTests).
        new("ListerMesConversations", "/api/communication/me/conversations", TousLesComptes),
        new("ObtenirMaMessagerie", "/api/communication/me/messagerie", TousLesComptes),
        new("ListerDestinatairesPossibles", "/api/communication/me/messagerie/destinataires", TousLesComptes),
        new("ListerMesBrouillons", "/api/communication/me/brouillons", TousLesComptes),
        new("ObtenirMesPreferencesMessagerie", "/api/communication/me/preferences-messagerie", TousLesComptes),
        // Web Push (issue 19): everyone with an account, for their own devices and choices only (another person's
        // device: CommunicationTests' AbonnementsPushTests).
        new("ObtenirClePubliquePush", "/api/communication/push/cle-publique", TousLesComptes),
        new("ListerMesAbonnementsPush", "/api/communication/me/push/abonnements", TousLesComptes),
        new("EnregistrerMonAbonnementPush", "/api/communication/me/push/abonnements", TousLesComptes, Methode: "POST", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        new("SupprimerMonAbonnementPush", "/api/communication/me/push/abonnements", TousLesComptes, Methode: "DELETE", Succes: HttpStatusCode.BadRequest),
        new("ObtenirMesPreferencesPush", "/api/communication/me/preferences-push", TousLesComptes),
        new("ModifierMesPreferencesPush", "/api/communication/me/preferences-push", TousLesComptes, Methode: "PUT", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        new("ObtenirConversation", "/api/communication/me/conversations/{justificatif}", []),
        new("TelechargerPieceJointeMessage", "/api/communication/messagerie/pieces-jointes/{justificatif}", []),
        new("ObtenirReglesMessagerie", "/api/communication/etablissements/0750000A/messagerie/regles", ["direction"]),
        new("ObtenirModerationMessagerie", "/api/communication/etablissements/0750000A/messagerie/moderation", ["direction"]),
        new("ListerSuspensionsMessagerieRegion", "/api/communication/region/messagerie/suspensions", []),
        // Official announcements (issue #16, annonces): each their own list; the demo's announcement to the families of
        // 2NDE1 ({annonce}, by the head, with acknowledgement) opens for those families only, and its follow-up for its
        // author and the desk; the établissement's list and the form's audiences for those who may publish there (the
        // desk, and teachers: their own classes).
        new("ListerMesAnnonces", "/api/communication/me/annonces", TousLesComptes),
        new("LireAnnonce", "/api/communication/annonces/{annonce}", ["responsable légal"]),
        new("SuivreAnnonce", "/api/communication/annonces/{annonce}/suivi", ["cpe", "direction"]),
        new("TelechargerPieceJointeAnnonce", "/api/communication/annonces/{annonce}/pieces-jointes/{pieceAnnonce}", ["responsable légal", "cpe", "direction"]),
        new("ListerAnnoncesEtablissement", "/api/communication/etablissements/0750000A/annonces",
            ["enseignant de la classe", "enseignant d'une autre classe", "cpe", "direction"]),
        new("ObtenirAudiencesAnnonce", "/api/communication/etablissements/0750000A/annonces/audiences",
            ["enseignant de la classe", "enseignant d'une autre classe", "cpe", "direction"]),
        // Correcting and withdrawing an announcement (issue #16, annonces2): its author and the établissement's direction
        // (the head is both here); not the CPE, who follows it up. The correction is sent empty (400 past the rule); the
        // withdrawal takes an announcement of its own ({annonce-retrait}, by the head): withdrawing again is 204 again.
        new("ModifierAnnonce", "/api/communication/annonces/{annonce}", ["direction"], Methode: "PUT", Corps: "{}", Succes: HttpStatusCode.BadRequest),
        new("RetirerAnnonce", "/api/communication/annonces/{annonce-retrait}/retrait", ["direction"], Methode: "POST", Succes: HttpStatusCode.NoContent),
        // Structured reports (issue 17, signalements): the forms' builders are the desk and the head; the forms offered and
        // one's own reports, everyone (empty for staff); the queue, whoever holds a function there (the nurse's holds no
        // confidential report). {signalement} is a harassment report the pupil filed: the pupil, the CPE and the head
        // only — never the class's teacher, not even the pupil's family. Filing with the harassment form is open to the
        // établissement's pupils and legal guardians (an empty answer's 400); the others do not see the form (404).
        new("ListerFormulairesSignalement", "/api/communication/etablissements/0750000A/signalements/formulaires", ["cpe", "direction"]),
        new("ListerMesFormulairesSignalement", "/api/communication/me/signalements/formulaires", TousLesComptes),
        new("ListerMesSignalements", "/api/communication/me/signalements", TousLesComptes),
        new("ListerSignalementsEtablissement", "/api/communication/etablissements/0750000A/signalements", ["cpe", "infirmier", "direction"]),
        new("ObtenirSignalement", "/api/communication/signalements/{signalement}", ["élève", "cpe", "direction"]),
        new("TelechargerPieceJointeSignalement", "/api/communication/signalements/{signalement}/pieces-jointes/{piece-signalement}", ["élève", "cpe", "direction"]),
        new("CreerFormulaireSignalement", "/api/communication/etablissements/0750000A/signalements/formulaires", ["cpe", "direction"], Methode: "POST",
            Corps: "{}", Succes: HttpStatusCode.BadRequest),
        new("ModifierFormulaireSignalement", "/api/communication/signalements/formulaires/{formulaire-harcelement}", ["cpe", "direction"], Methode: "PUT",
            Corps: "{}", Succes: HttpStatusCode.BadRequest),
        new("ActiverFormulaireSignalement", "/api/communication/signalements/formulaires/{formulaire-harcelement}/actif", ["cpe", "direction"], Methode: "PUT",
            Corps: """{"actif":true}""", Succes: HttpStatusCode.NoContent),
        new("DeposerSignalement", "/api/communication/me/signalements", ["élève", "autre élève", "responsable légal", "responsable d'un autre élève"],
            Methode: "POST", Corps: """{"formulaireId":"{formulaire-harcelement}"}""", Succes: HttpStatusCode.BadRequest),
        new("RepondreSignalement", "/api/communication/signalements/{signalement}/messages", ["élève", "cpe", "direction"], Methode: "POST", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        new("ChangerEtatSignalement", "/api/communication/signalements/{signalement}/etat", ["cpe", "direction"], Methode: "POST", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        // Consent forms (issue 17, consentements): the organisers' screen and form for those who may organise there (teachers,
        // for their classes; the direction) and the desk who follows every form; the demo's outing of 2NDE1 ({consentement},
        // prof.01's) followed up and exported by its organiser, the direction and the CPE; each family its own forms; only the
        // pupil's legal guardian answers for them (an empty answer: 400 past the rule, nothing written); the documents for
        // the families asked and those who follow the form up; the reminder of a closed form ({consentement-clos}): 409. (The
        // upload takes multipart only — a JSON body is 415 before any rule —: ConsentementsTests checks who may attach.)
        new("ListerConsentementsEtablissement", "/api/communication/etablissements/0750000A/consentements",
            ["enseignant de la classe", "enseignant d'une autre classe", "cpe", "direction"]),
        new("CreerConsentement", "/api/communication/etablissements/0750000A/consentements",
            ["enseignant de la classe", "enseignant d'une autre classe", "direction"], Methode: "POST", Corps: "{}", Succes: HttpStatusCode.BadRequest),
        new("SuivreConsentement", "/api/communication/consentements/{consentement}/suivi", ["enseignant de la classe", "cpe", "direction"]),
        new("ExporterConsentementCsv", "/api/communication/consentements/{consentement}/export.csv", ["enseignant de la classe", "cpe", "direction"]),
        new("ExporterConsentementPdf", "/api/communication/consentements/{consentement}/export.pdf", ["enseignant de la classe", "cpe", "direction"]),
        new("RelancerConsentement", "/api/communication/consentements/{consentement-clos}/relance", ["enseignant de la classe", "cpe", "direction"],
            Methode: "POST", Succes: HttpStatusCode.Conflict),
        new("ListerMesConsentements", "/api/communication/me/consentements", TousLesComptes),
        new("RepondreConsentement", "/api/communication/consentements/{consentement}/eleves/{eleve}/reponse", ["responsable légal"], Methode: "PUT",
            Corps: "{}", Succes: HttpStatusCode.BadRequest),
        new("TelechargerPieceJointeConsentement", "/api/communication/consentements/{consentement}/pieces-jointes/{piece-consentement}",
            ["responsable légal", "enseignant de la classe", "cpe", "direction"]),
        // Parents' elections (issue 17): {election} is closed and published. The établissement's families (legal guardians
        // of its pupils) and its direction see it and its results; voting is over (409); a receipt without a code is a
        // 400; the set-up, the list, the desk's count and the publication are the direction's (an election counting no
        // postal votes: 409; published again: 204). Pupils, teachers, the CPE, the nurse: 404.
        new("ListerMesElections", "/api/communication/me/elections", TousLesComptes),
        new("ObtenirElection", "/api/communication/elections/{election}", FamillesEtDirection),
        new("ObtenirResultatsElection", "/api/communication/elections/{election}/resultats", FamillesEtDirection),
        new("VoterElection", "/api/communication/elections/{election}/vote", FamillesEtDirection, Methode: "POST", Corps: "{}", Succes: HttpStatusCode.Conflict),
        new("VerifierRecuElection", "/api/communication/elections/{election}/recu", FamillesEtDirection, Methode: "POST", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        new("ListerElectionsEtablissement", "/api/communication/etablissements/0750000A/elections", ["direction"]),
        new("CreerElection", "/api/communication/etablissements/0750000A/elections", ["direction"], Methode: "POST", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        new("SaisirResultatsBureauElection", "/api/communication/elections/{election}/bureau", ["direction"], Methode: "PUT", Corps: "{}",
            Succes: HttpStatusCode.Conflict),
        new("PublierResultatsElection", "/api/communication/elections/{election}/publication", ["direction"], Methode: "POST", Succes: HttpStatusCode.NoContent),

        // Digital resources through the GAR (issue 18; the matrix's host is not connected to the GAR): « Mes manuels et
        // ressources » for those the GAR serves — pupils, teachers, the head (documentalists too) —, never families, the
        // CPE or the nurse (404); opening one (an empty body's 400 once the caller is one of them). What a pupil opened
        // in a week: the pupil and their legal guardians only — another family, and the staff, get 404.
        new("ListerMesRessourcesNumeriques", "/api/ressources/me/ressources-numeriques",
            ["élève", "autre élève", "enseignant de la classe", "enseignant d'une autre classe", "direction"]),
        new("OuvrirRessourceNumerique", "/api/ressources/me/ressources-numeriques/ouvertures",
            ["élève", "autre élève", "enseignant de la classe", "enseignant d'une autre classe", "direction"], Methode: "POST", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        new("ListerRessourcesOuvertes", "/api/ressources/eleves/{eleve}/ressources-ouvertes", ["élève", "responsable légal"]),
        // The GAR's affectation flux (every pupil of the établissement, by pseudonym): its head and local administrators
        // only; the matrix's host is not connected to the GAR, so they get the French 409 once the rule passed.
        new("ObtenirFluxGar", "/api/ressources/etablissements/0750000A/gar/flux", ["direction"], Succes: HttpStatusCode.Conflict),

        // The class workspace (issue 18, espace de classe), 2NDE1's ({classe}): everyone lists their own spaces; its
        // teachers (this year's: prof.01) write — a folder or a dépôt without a name is 400, a folder holding a file is 409,
        // an upload without its file is 400, {fichier-espace-suppr} is removed (204) —; its pupils, their legal guardians and
        // the direction read; earlier versions and the rendus' list are the teachers'. A rendu ({eleve}'s in {depot}): the
        // pupil, their legal guardians and the division's teachers, not the direction; only the pupil hands in. Another
        // class's teacher or pupil, another family, the CPE, the nurse: 404.
        new("ListerMesEspacesClasse", "/api/ressources/me/espaces", TousLesComptes),
        new("ObtenirContenuEspaceClasse", "/api/ressources/espaces/{classe}/contenu", LecteursEspace),
        new("CreerDossierEspaceClasse", "/api/ressources/espaces/{classe}/dossiers", ["enseignant de la classe"], Methode: "POST", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        new("RenommerDossierEspaceClasse", "/api/ressources/espaces/{classe}/dossiers/{dossier-espace}", ["enseignant de la classe"], Methode: "PUT",
            Corps: "{}", Succes: HttpStatusCode.BadRequest),
        new("SupprimerDossierEspaceClasse", "/api/ressources/espaces/{classe}/dossiers/{dossier-espace}", ["enseignant de la classe"],
            Methode: "DELETE", Succes: HttpStatusCode.Conflict),
        new("DeposerFichierEspaceClasse", "/api/ressources/espaces/{classe}/fichiers", ["enseignant de la classe"], Methode: "POST",
            Succes: HttpStatusCode.BadRequest, Formulaire: true),
        new("RemplacerFichierEspaceClasse", "/api/ressources/espaces/{classe}/fichiers/{fichier-espace}/versions", ["enseignant de la classe"],
            Methode: "POST", Succes: HttpStatusCode.BadRequest, Formulaire: true),
        new("TelechargerFichierEspaceClasse", "/api/ressources/espaces/{classe}/fichiers/{fichier-espace}/contenu", LecteursEspace),
        new("ListerVersionsFichierEspaceClasse", "/api/ressources/espaces/{classe}/fichiers/{fichier-espace}/versions", ["enseignant de la classe"]),
        new("SupprimerFichierEspaceClasse", "/api/ressources/espaces/{classe}/fichiers/{fichier-espace-suppr}", ["enseignant de la classe"],
            Methode: "DELETE", Succes: HttpStatusCode.NoContent),
        new("CreerDepotEspaceClasse", "/api/ressources/espaces/{classe}/depots", ["enseignant de la classe"], Methode: "POST", Corps: "{}",
            Succes: HttpStatusCode.BadRequest),
        new("ListerDepotsEspaceClasse", "/api/ressources/espaces/{classe}/depots", LecteursEspace),
        new("RendreTravailEspaceClasse", "/api/ressources/espaces/{classe}/depots/{depot}/rendus", ["élève"], Methode: "POST",
            Succes: HttpStatusCode.BadRequest, Formulaire: true),
        new("ListerRendusDepotEspaceClasse", "/api/ressources/espaces/{classe}/depots/{depot}/rendus", ["enseignant de la classe"]),
        new("ObtenirRenduEleveEspaceClasse", "/api/ressources/espaces/{classe}/depots/{depot}/rendus/{eleve}",
            ["élève", "responsable légal", "enseignant de la classe"]),
        new("TelechargerRenduEleveEspaceClasse", "/api/ressources/espaces/{classe}/depots/{depot}/rendus/{eleve}/contenu",
            ["élève", "responsable légal", "enseignant de la classe"]),
    ];

    public static TheoryData<string, string> Cas()
    {
        var cas = new TheoryData<string, string>();
        foreach (var ligne in Lignes)
        {
            foreach (var appelant in Appelants)
            {
                cas.Add(ligne.Nom, appelant);
            }
        }

        return cas;
    }

    [Theory]
    [MemberData(nameof(Cas))]
    public async Task Each_caller_gets_the_expected_answer(string endpoint, string appelant)
    {
        var ligne = Lignes.Single(l => l.Nom == endpoint);
        var route = app.Valeurs.Aggregate(ligne.Route, (r, v) => r.Replace(v.Key, v.Value.ToString(), StringComparison.Ordinal));

        var client = await ClientAsync(appelant, route);
        using var requete = new HttpRequestMessage(new HttpMethod(ligne.Methode), route);
        if (ligne.Corps is not null)
        {
            // A body may name the matrix's records too (issue 17: the form a report is filed with).
            var corps = app.Valeurs.Aggregate(ligne.Corps, (r, v) => r.Replace(v.Key, v.Value.ToString(), StringComparison.Ordinal));
            requete.Content = new StringContent(corps, System.Text.Encoding.UTF8, "application/json");
        }

        if (ligne.Formulaire)
        {
            requete.Content = new MultipartFormDataContent { { new StringContent("sans fichier"), "commentaire" } };
        }

        var response = await client.SendAsync(requete);

        var attendu = appelant switch
        {
            SansJeton => HttpStatusCode.Unauthorized,
            TiersSansPortee => HttpStatusCode.Forbidden,
            _ when ligne.Autorises.Contains(appelant) => ligne.Succes,
            _ => ligne.Refus,
        };
        Assert.Equal(attendu, response.StatusCode);
        if (attendu == HttpStatusCode.NotFound)
        {
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await response.ReadJsonAsync())["type"]);
        }
    }

    [Fact]
    public async Task Me_shows_each_caller_themselves()
    {
        foreach (var appelant in Appelants.Except([TiersSansPortee, SansJeton]))
        {
            var moi = await (await app.ClientDe(appelant).GetAsync("/api/identite/me")).ReadJsonAsync();
            Assert.Equal(app.Personnes[appelant].ToString(), (string?)moi["id"]);
        }
    }

    private async Task<HttpClient> ClientAsync(string appelant, string route = "")
    {
        if (appelant == SansJeton)
        {
            return app.CreateClient();
        }

        if (appelant != TiersSansPortee)
        {
            return app.ClientDe(appelant);
        }

        // The third party without the route's module scope: the resources' application (ressources.read), or for the
        // Ressources module's routes (issue 18) the directory's (identite.read).
        var ressources = route.StartsWith("/api/ressources/", StringComparison.Ordinal);
        using var http = app.CreateClient();
        var jeton = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = "/connect/token",
            ClientId = ressources ? EntApp.TiersIdentite : EntApp.TiersRessources,
            ClientSecret = EntApp.SecretTiers,
            Scope = ressources ? "identite.read" : "ressources.read",
        });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jeton.AccessToken);
        return client;
    }
}
