using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ent.Identite.Acces;

/// <summary>
/// What the families read in their access log (issue #13): « Mme Roux, professeure de mathématiques, a consulté les
/// notes » rather than « (Responsable, via ent-spa) … ListerAbsencesEleve ». One French phrase per operation name the
/// modules log (<c>IJournalAcces.NoterAsync</c>'s <c>quoi</c>); a test fails when an operation is logged without one.
/// An unknown name still reads as French: the raw identifier is never shown.
/// </summary>
internal static class LibellesAcces
{
    /// <summary>Each logged operation → what the person did, as the end of the family's sentence.</summary>
    public static readonly FrozenDictionary<string, string> Operations = new Dictionary<string, string>
    {
        // Travail scolaire (Scolarité)
        ["ListerAnneesEleve"] = "a consulté les années scolaires",
        ["ListerNotesEleve"] = "a consulté les notes",
        ["ListerDernieresNotes"] = "a consulté les dernières notes",
        ["ObtenirGrilleNotes"] = "a consulté les notes d'une évaluation",
        ["SaisirNotes"] = "a saisi ou corrigé une note",
        ["ObtenirAppreciations"] = "a consulté les appréciations",
        ["SaisirAppreciations"] = "a rédigé une appréciation",
        ["ObtenirConseilClasse"] = "a consulté le conseil de classe",
        ["SaisirConseilClasse"] = "a saisi l'avis du conseil de classe",
        ["ObtenirBulletin"] = "a consulté le bulletin",
        ["AfficherBulletin"] = "a consulté le bulletin",
        ["TelechargerBulletin"] = "a téléchargé le bulletin",
        ["ObtenirEmploiDuTempsEleve"] = "a consulté l'emploi du temps",
        ["ObtenirMonEmploiDuTemps"] = "a consulté l'emploi du temps",
        ["LireFluxIcal"] = "a synchronisé l'emploi du temps avec son agenda",
        ["ListerCahierDeTextesEleve"] = "a consulté le cahier de textes",
        ["ListerDevoirsEleve"] = "a consulté les devoirs",
        ["CocherDevoirFait"] = "a coché un devoir comme fait",
        ["DecocherDevoirFait"] = "a décoché un devoir fait",
        ["CocherDevoirVu"] = "a coché un devoir comme vu",
        ["DecocherDevoirVu"] = "a décoché un devoir vu",

        // Vie scolaire
        ["ListerAbsencesEleve"] = "a consulté les absences",
        ["SignalerAbsence"] = "a signalé une absence ou un retard",
        ["ObtenirAppel"] = "a consulté l'appel",
        ["FaireAppel"] = "a fait l'appel",
        ["ListerJustificatifsEleve"] = "a consulté les justificatifs d'absence",
        ["ListerJustificatifsEtablissement"] = "a consulté les justificatifs d'absence à examiner",
        ["DeposerJustificatif"] = "a déposé un justificatif d'absence",
        ["DeciderJustificatif"] = "a examiné un justificatif d'absence",
        ["TelechargerDocumentJustificatif"] = "a ouvert le document joint à un justificatif",
        ["ObtenirTableauDeBordVieScolaire"] = "a consulté le tableau de bord de la vie scolaire",
        ["ObtenirSortiesEleve"] = "a consulté les autorisations de sortie",
        ["ListerDemandesSortieJour"] = "a consulté les demandes de sortie du jour",
        ["CreerDemandeSortie"] = "a demandé une sortie exceptionnelle",
        ["AnnulerDemandeSortie"] = "a annulé une demande de sortie",
        ["ViserDemandeSortie"] = "a accepté ou refusé une demande de sortie",
        ["SignerAutorisationsSortie"] = "a signé les autorisations de sortie",
        ["DefinirRegime"] = "a fixé le régime (externe, demi-pensionnaire ou interne)",

        // School health (issue 18)
        ["EnregistrerPassageInfirmerie"] = "a enregistré un passage à l'infirmerie",
        ["ObtenirDossierSante"] = "a consulté le dossier de santé scolaire",
        ["DefinirPai"] = "a enregistré le PAI (projet d'accueil individualisé)",
        ["SupprimerPai"] = "a mis fin au PAI (projet d'accueil individualisé)",
        ["DeposerDocumentPai"] = "a déposé le document signé du PAI",
        ["TelechargerDocumentPai"] = "a téléchargé le document signé du PAI",
        ["ListerPassagesInfirmerieJour"] = "a consulté le registre de l'infirmerie du jour",
        ["ObtenirConsignesPai"] = "a consulté les consignes d'urgence du PAI",
        ["IndicateurPai"] = "a vu l'indication « PAI : voir l'infirmerie » sur la feuille d'appel",

        // Identité
        ["RechercherEleves"] = "a trouvé l'élève en recherchant un nom",
        ["GenererCodeActivation"] = "a créé un code d'activation du compte",
        ["ImprimerLettresActivation"] = "a imprimé la lettre d'activation du compte",

        // Administration of the établissement (head, local administrators)
        ["RechercherPersonnes"] = "a trouvé la personne dans l'annuaire de l'établissement",
        ["ObtenirFichePersonne"] = "a consulté la fiche de la personne et de son compte",
        ["DebloquerCompte"] = "a débloqué le compte après trop d'essais de connexion",
        ["DesactiverCompte"] = "a désactivé le compte",
        ["ReactiverCompte"] = "a réactivé le compte",
        ["CorrigerLienResponsable"] = "a corrigé le lien entre l'élève et un responsable",
        ["DefinirDoubleAuthentificationPersonnel"] = "a changé l'exigence de double authentification du personnel",
        ["RetirerApplicationPersonne"] = "a retiré l'accès d'une application tierce",

        // Communication
        ["ListerEnvoisEleve"] = "a consulté les messages envoyés à la famille",
        ["ListerEnvoisEtablissement"] = "a consulté le suivi des messages envoyés aux familles",

        // Messagerie (issue 16): the head reads a pupil's reported message
        ["ObtenirModerationMessagerie"] = "a lu un message signalé de l'élève",
        // Official announcements (issue #16, annonces)
        ["SuivreAnnonce"] = "a consulté le suivi de lecture d'une annonce adressée à la famille",
        // Parents' elections (issue 17): the guardian voted; the log never says for whom
        ["VoterElection"] = "a voté à l'élection des représentants des parents (le choix n'est pas enregistré)",
        // Structured reports (issue 17, signalements): neutral words, whatever the form (a harassment report's existence
        // is not spelled out to whoever reads the pupil's access log)
        ["DeposerSignalement"] = "a déposé un signalement",
        ["ListerMesSignalements"] = "a consulté ses signalements",
        ["ListerSignalementsEtablissement"] = "a consulté la liste des signalements reçus",
        ["ObtenirSignalement"] = "a consulté un signalement",
        ["RepondreSignalement"] = "a écrit dans un signalement",
        ["ChangerEtatSignalement"] = "a changé l'état d'un signalement",
        ["TelechargerPieceJointeSignalement"] = "a téléchargé le fichier d'un signalement",
        // issue 18: the families' RGPD export; the resources opened through the GAR
        ["TelechargerExportRgpd"] = "a téléchargé l'export de toutes les données de l'élève (RGPD)",
        ["ListerRessourcesOuvertes"] = "a consulté la liste des ressources numériques ouvertes",
        ["ObtenirFluxGar"] = "a téléchargé le flux d'affectation du GAR (classe et groupes de l'élève, pour ses manuels numériques)",
        // issue 18: the class workspace's dépôts — the work a pupil handed in
        ["RendreTravailEspaceClasse"] = "a rendu un travail dans l'espace de classe",
        ["ListerRendusDepotEspaceClasse"] = "a consulté les travaux rendus pour un dépôt de l'espace de classe",
        ["ObtenirRenduEleveEspaceClasse"] = "a consulté un travail rendu dans l'espace de classe",
        ["TelechargerRenduEleveEspaceClasse"] = "a téléchargé un travail rendu dans l'espace de classe",
        // A confidential report the pupil filed about themself: the same words, under names the guardians' view of the
        // pupil's log leaves out (ReserveesALEleve).
        ["DeposerSignalementConfidentiel"] = "a déposé un signalement",
        ["ListerMesSignalementsConfidentiel"] = "a consulté ses signalements",
        ["ListerSignalementsEtablissementConfidentiel"] = "a consulté la liste des signalements reçus",
        ["ObtenirSignalementConfidentiel"] = "a consulté un signalement",
        ["RepondreSignalementConfidentiel"] = "a écrit dans un signalement",
        ["ChangerEtatSignalementConfidentiel"] = "a changé l'état d'un signalement",
        ["TelechargerPieceJointeSignalementConfidentiel"] = "a téléchargé le fichier d'un signalement",
        // Consent forms for outings and projects (issue 17, consentements)
        ["SuivreConsentement"] = "a consulté les réponses des familles à une demande d'autorisation de sortie ou de projet",
        ["ExporterConsentement"] = "a exporté la liste des autorisations d'une sortie ou d'un projet",
        ["RepondreConsentement"] = "a signé une réponse à une demande d'autorisation de sortie ou de projet",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Operations on what a pupil confided to the school alone (a confidential report they filed about themself): in the
    /// pupil's own view of their access log and in the établissement's, never in their guardians' view.
    /// </summary>
    public static readonly string[] ReserveesALEleve =
    [
        "DeposerSignalementConfidentiel", "ListerMesSignalementsConfidentiel", "ListerSignalementsEtablissementConfidentiel",
        "ObtenirSignalementConfidentiel", "RepondreSignalementConfidentiel", "ChangerEtatSignalementConfidentiel",
        "TelechargerPieceJointeSignalementConfidentiel",
    ];

    /// <summary>The phrase for an operation; for one without its own, a generic one by the kind of access.</summary>
    public static string Operation(string quoi, string action) =>
        Operations.TryGetValue(quoi, out var libelle) ? libelle
        : action == "modification" ? "a modifié des données de l'élève" : "a consulté des données de l'élève";

    private static readonly FrozenDictionary<string, string> Fonctions = new Dictionary<string, string>
    {
        ["cpe"] = "conseiller·ère principal·e d'éducation",
        ["direction"] = "direction de l'établissement",
        ["infirmier"] = "infirmier·ère",
        ["documentaliste"] = "professeur·e documentaliste",
        ["secretariat"] = "secrétariat",
        ["administrateur_local"] = "administrateur·rice de l'ENT de l'établissement",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>
    /// The person's role as the family reads it. Teachers are named with the subjects they teach the pupil when
    /// known (« professeur·e de mathématiques »); the directory holds no civility, so the forms are neutral.
    /// </summary>
    /// <param name="qualite">The row's capacity (see <see cref="QualiteAcces"/>).</param>
    /// <param name="lien">For a guardian, their link to the pupil (mere, pere, tuteur, autre).</param>
    /// <param name="matieres">For a teacher, the subjects they teach the pupil (names as the school spells them).</param>
    public static string Role(string qualite, string? lien, IReadOnlyList<string> matieres) => qualite switch
    {
        "eleve" => "l'élève",
        "responsable" => lien switch
        {
            "mere" => "sa mère",
            "pere" => "son père",
            "tuteur" => "son tuteur ou sa tutrice",
            _ => "responsable légal·e",
        },
        "enseignant" => matieres.Count == 0 ? "professeur·e" : "professeur·e " + Matieres(matieres),
        "administrateur_region" => "administration régionale de l'ENT",
        "application" => "une application",
        _ => Fonctions.GetValueOrDefault(qualite, "une personne extérieure à l'établissement"),
    };

    /// <summary>« de mathématiques », « d'anglais », « de mathématiques et de physique-chimie ».</summary>
    private static string Matieres(IReadOnlyList<string> matieres) =>
        string.Join(" et ", matieres.Select(Minuscule).Select(m => ("aeiouyhàâéèêëîïôöûü".Contains(m[0], StringComparison.Ordinal) ? "d'" : "de ") + m));

    // « Histoire-Géographie » → « histoire-géographie », but an acronym (« SVT », « Espagnol LV2 ») keeps its capitals.
    private static string Minuscule(string matiere) =>
        Regex.Replace(matiere, @"\b\p{Lu}(?=\p{Ll})", m => m.Value.ToLower(Fr), RegexOptions.None, TimeSpan.FromSeconds(1));
}
