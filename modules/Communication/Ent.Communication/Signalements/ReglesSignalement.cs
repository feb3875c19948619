using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>A field of a form.</summary>
/// <param name="Id">Its key in the answers (c1, c2…), given by the server.</param>
/// <param name="Libelle">The question, 1 to 200 characters.</param>
/// <param name="Type">texte, choix, date or fichier.</param>
/// <param name="Obligatoire">The form cannot be sent without it.</param>
/// <param name="Choix">For a « choix » field: the options (2 to 20); empty otherwise.</param>
internal sealed record ChampSignalement(string Id, string Libelle, string Type, bool Obligatoire, [property: MaxLength(20)] string[] Choix);

/// <summary>A field as the builder writes it (the server numbers it).</summary>
/// <param name="Libelle">The question, 1 to 200 characters.</param>
/// <param name="Type">texte, choix, date or fichier.</param>
/// <param name="Obligatoire">Required.</param>
/// <param name="Choix">For « choix »: the options (2 to 20, 1 to 100 characters each).</param>
internal sealed record ChampSaisi(string? Libelle, string? Type, bool Obligatoire, [property: MaxLength(20)] string[]? Choix);

/// <summary>One answer of a filed report, with its field as it was when filed.</summary>
/// <param name="Champ">The field's key.</param>
/// <param name="Libelle">The question.</param>
/// <param name="Type">texte, choix, date or fichier.</param>
/// <param name="Valeur">The answer (a date as yyyy-MM-dd; for a file, the file's id); null when left empty.</param>
/// <param name="Fichier">For a file: its name.</param>
internal sealed record ReponseSignalement(string Champ, string Libelle, string Type, [property: MaxLength(5000)] string? Valeur, string? Fichier);

/// <summary>A ready model the builder starts from.</summary>
/// <param name="Modele">harcelement, locaux or secretariat.</param>
/// <param name="Titre">Title.</param>
/// <param name="Description">What the families read above the form.</param>
/// <param name="Champs">Its fields.</param>
/// <param name="Destinataires">Functions that receive it.</param>
/// <param name="Confidentiel">Only the direction and the CPE read it, and every read is logged.</param>
internal sealed record ModeleSignalement(string Modele, string Titre, string Description, ChampSignalement[] Champs, string[] Destinataires, bool Confidentiel);

/// <summary>
/// What structured reports share: the ready models, the field types, the states, who receives what, and the checks of
/// a form and of its answers. The rules a reviewer must read are here, the endpoints apply them.
/// </summary>
internal static class ReglesSignalement
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string Texte = "texte";
    public const string Choix = "choix";
    public const string Date = "date";
    public const string Fichier = "fichier";
    public static readonly string[] Types = [Texte, Choix, Date, Fichier];

    /// <summary>The states, in their order: a receiver moves a report forward only (a submitter's message excepted).</summary>
    public static readonly string[] Etats = ["recu", "en_cours", "repondu", "clos"];

    /// <summary>The functions that may receive a form. Teachers are no function: no form ever reaches a teacher.</summary>
    public static readonly string[] FonctionsDestinataires =
        [Fonctions.Direction, Fonctions.Cpe, Fonctions.Secretariat, Fonctions.Infirmier, Fonctions.Documentaliste, Fonctions.AdministrateurLocal];

    /// <summary>A confidential form (harassment) reaches these functions only.</summary>
    public static readonly string[] FonctionsConfidentielles = [Fonctions.Direction, Fonctions.Cpe];

    public const string Harcelement = "harcelement";

    public static readonly ModeleSignalement[] Modeles =
    [
        new(Harcelement, "Signaler un harcèlement",
            "Ce que vous écrivez est lu par la direction et le CPE uniquement, jamais par les professeurs. " +
            "En cas d'urgence, appelez le 3018 (gratuit, anonyme, 7 jours sur 7).",
            [
                new("c1", "Que s'est-il passé ?", Texte, true, []),
                new("c2", "Où cela se passe-t-il ?", Choix, true,
                    ["Dans la classe", "Dans la cour ou les couloirs", "Aux abords de l'établissement", "Sur internet ou les réseaux sociaux", "Ailleurs"]),
                new("c3", "Depuis quand ?", Date, false, []),
                new("c4", "Qui est concerné (si vous le savez) ?", Texte, false, []),
                new("c5", "Une capture d'écran ou un document", Fichier, false, []),
            ],
            [Fonctions.Direction, Fonctions.Cpe], true),
        new("locaux", "Un problème dans les locaux",
            "Sanitaires, chauffage, éclairage, mobilier abîmé, danger : dites-nous où et quoi.",
            [
                new("c1", "Où ?", Texte, true, []),
                new("c2", "Quel problème ?", Choix, true, ["Sanitaires", "Chauffage", "Éclairage", "Mobilier", "Sécurité", "Autre"]),
                new("c3", "Description", Texte, true, []),
                new("c4", "Une photo", Fichier, false, []),
            ],
            [Fonctions.Direction, Fonctions.Secretariat], false),
        new("secretariat", "Une question au secrétariat",
            "Inscription, certificat de scolarité, bourse, cantine : le secrétariat vous répond ici.",
            [
                new("c1", "Sujet", Choix, true, ["Inscription", "Certificat de scolarité", "Bourse", "Cantine", "Autre"]),
                new("c2", "Votre question", Texte, true, []),
                new("c3", "Un document", Fichier, false, []),
            ],
            [Fonctions.Secretariat, Fonctions.Direction], false),
    ];

    /// <summary>Checks a form as the builder sent it; returns its fields numbered, or null with the errors filled.</summary>
    public static ChampSignalement[]? ValiderChamps(IReadOnlyList<ChampSaisi>? champs, Erreurs erreurs)
    {
        if (champs is null || champs.Count is < 1 or > 20)
        {
            erreurs.Add("champs", "Un formulaire compte de 1 à 20 champs.");
            return null;
        }

        var resultat = new List<ChampSignalement>(champs.Count);
        for (var i = 0; i < champs.Count; i++)
        {
            var c = champs[i];
            var libelle = c.Libelle?.Trim() ?? string.Empty;
            var cle = $"champs[{i}]";
            if (libelle.Length is < 1 or > 200)
            {
                erreurs.Add($"{cle}.libelle", $"Le champ {i + 1} : son intitulé compte de 1 à 200 caractères.");
            }

            if (c.Type is null || !Types.Contains(c.Type))
            {
                erreurs.Add($"{cle}.type", $"Le champ {i + 1} : choisissez un type (texte, choix, date ou fichier).");
                continue;
            }

            var choix = (c.Choix ?? []).Select(x => x?.Trim() ?? string.Empty).ToArray();
            if (c.Type == Choix && (choix.Length is < 2 or > 20 || choix.Any(x => x.Length is < 1 or > 100)
                                    || choix.Distinct(StringComparer.OrdinalIgnoreCase).Count() != choix.Length))
            {
                erreurs.Add($"{cle}.choix", $"Le champ {i + 1} : proposez de 2 à 20 choix différents, de 1 à 100 caractères chacun.");
            }

            resultat.Add(new ChampSignalement($"c{i + 1}", libelle, c.Type, c.Obligatoire, c.Type == Choix ? choix : []));
        }

        return erreurs.Any ? null : [.. resultat];
    }

    /// <summary>Checks the receivers of a form (functions; for a confidential one, direction and CPE only).</summary>
    public static string[] ValiderDestinataires(IReadOnlyList<string>? destinataires, bool confidentiel, Erreurs erreurs)
    {
        var liste = (destinataires ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (liste.Length == 0 || liste.Any(d => !FonctionsDestinataires.Contains(d)))
        {
            erreurs.Add("destinataires", "Choisissez qui reçoit ce formulaire : direction, CPE, secrétariat, infirmerie, documentaliste ou administrateur local.");
        }
        else if (confidentiel && liste.Any(d => !FonctionsConfidentielles.Contains(d)))
        {
            erreurs.Add("destinataires", "Un formulaire confidentiel n'est reçu que par la direction et le CPE.");
        }

        return liste;
    }

    /// <summary>A pupil's or a guardian's answers checked against the form's fields; file ids are returned apart.</summary>
    public static List<ReponseSignalement> ValiderReponses(IReadOnlyList<ChampSignalement> champs, IReadOnlyList<ReponseSaisie>? reponses,
        Erreurs erreurs, out List<Guid> fichiers)
    {
        fichiers = [];
        var donnees = (reponses ?? []).Where(r => r.Champ is not null).GroupBy(r => r.Champ!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Valeur?.Trim(), StringComparer.Ordinal);
        foreach (var inconnu in donnees.Keys.Where(k => champs.All(c => c.Id != k)))
        {
            erreurs.Add("reponses", $"Le formulaire n'a pas de champ « {inconnu} ».");
        }

        var resultat = new List<ReponseSignalement>(champs.Count);
        foreach (var champ in champs)
        {
            var valeur = donnees.GetValueOrDefault(champ.Id);
            var cle = $"reponses.{champ.Id}";
            if (string.IsNullOrEmpty(valeur))
            {
                if (champ.Obligatoire)
                {
                    erreurs.Add(cle, $"« {champ.Libelle} » : ce champ est obligatoire.");
                }

                resultat.Add(new ReponseSignalement(champ.Id, champ.Libelle, champ.Type, null, null));
                continue;
            }

            switch (champ.Type)
            {
                case Texte when valeur.Length > 5000:
                    erreurs.Add(cle, $"« {champ.Libelle} » : 5 000 caractères au plus.");
                    break;
                case Choix when !champ.Choix.Contains(valeur, StringComparer.Ordinal):
                    erreurs.Add(cle, $"« {champ.Libelle} » : choisissez l'une des réponses proposées.");
                    break;
                case Date when !DateOnly.TryParseExact(valeur, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _):
                    erreurs.Add(cle, $"« {champ.Libelle} » : une date au format AAAA-MM-JJ.");
                    break;
                case Fichier when !Guid.TryParse(valeur, out _):
                    erreurs.Add(cle, $"« {champ.Libelle} » : joignez le fichier à nouveau.");
                    break;
                case Fichier:
                    fichiers.Add(Guid.Parse(valeur));
                    break;
            }

            resultat.Add(new ReponseSignalement(champ.Id, champ.Libelle, champ.Type, valeur, null));
        }

        return resultat;
    }

    public static string LibelleEtat(string etat) => etat switch
    {
        "recu" => "Reçu",
        "en_cours" => "En cours",
        "repondu" => "Répondu",
        "clos" => "Clos",
        _ => etat,
    };

    public static int Rang(string etat) => Array.IndexOf(Etats, etat);

    /// <summary>
    /// The access log's operation for a report. A confidential report the pupil filed about themself is logged under its
    /// own names (« …Confidentiel »): every read is on record, for the pupil and the établissement's log, but the pupil's
    /// guardians' view of the pupil's log leaves them out (Identité's <c>LibellesAcces.ReserveesALEleve</c>) — otherwise a
    /// « a consulté un signalement » by the CPE would tell them what the pupil chose to confide to the school alone.
    /// </summary>
    public static string Operation(string quoi, bool confidentiel, Guid eleveId, Guid deposePar) =>
        confidentiel && eleveId == deposePar ? quoi + "Confidentiel" : quoi;

    /// <inheritdoc cref="Operation(string, bool, Guid, Guid)"/>
    public static string Operation(string quoi, Dossier d) => Operation(quoi, d.Confidentiel, d.EleveId, d.DeposePar);

    public static string Nom(PersonneInfo? p) => p is null ? "?" : $"{p.Prenom} {p.Nom}";

    /// <summary>
    /// In-app notifications in the caller's transaction. A confidential report's notifications say nothing of its content:
    /// a notification may be read over a shoulder or on a shared device.
    /// </summary>
    public static Task NotifierAsync(IMessagerie messagerie, IEnumerable<Guid> personnes, string cle, string sujet, string texte, Guid dossierId,
        Guid etablissementId, NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        messagerie.PlanifierAsync([.. personnes.Distinct().Select(p => new MessageSortant(Canal.Application, null, p, sujet, texte,
            $"{cle}:{p}:application", null, etablissementId, "signalement_formulaire", $"/signalements/{dossierId}"))], conn, tx, ct);
}

/// <summary>An answer as the submitter sends it.</summary>
/// <param name="Champ">The field's key (c1, c2…).</param>
/// <param name="Valeur">The answer: text, one of the choices, a date yyyy-MM-dd, or an uploaded file's id.</param>
internal sealed record ReponseSaisie(string? Champ, [property: MaxLength(5000)] string? Valeur);

/// <summary>
/// Who may do what with reports in an établissement: the builders (its head, local administrators and CPE), the
/// receivers (the personnel whose function a form names), the submitters (its pupils, and the legal guardians of its
/// pupils for their child). Decided from Identité's contracts, never from its tables.
/// </summary>
internal sealed class AccesSignalements(IRattachements rattachements, IReglesAcces regles, IAnnuaire annuaire)
{
    /// <summary>The functions the person holds as personnel in the établissement (none for a teacher, a pupil, a family).</summary>
    public async Task<IReadOnlySet<string>> FonctionsAsync(Guid personneId, Guid etablissementId, CancellationToken ct) =>
        (await rattachements.ProfilsAsync(personneId, ct))
            .Where(p => p.EtablissementId == etablissementId && p.Profil == Profils.Personnel && p.Fonction is not null)
            .Select(p => p.Fonction!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Those who answer for the établissement's communication with families build its forms.</summary>
    public async Task<bool> PeutConcevoirAsync(Guid personneId, Guid etablissementId, CancellationToken ct) =>
        await regles.PeutAdministrerAsync(personneId, etablissementId, ct) || await regles.PeutSuivreVieScolaireAsync(personneId, etablissementId, ct);

    /// <summary>
    /// A receiver of a report: one of the person's functions is among its receivers. For a confidential report the
    /// function must also be direction or CPE (the table's CHECK says so too: two locks, not one).
    /// </summary>
    public static bool EstDestinataire(IReadOnlySet<string> fonctions, IReadOnlyCollection<string> destinataires, bool confidentiel) =>
        fonctions.Any(f => destinataires.Contains(f) && (!confidentiel || ReglesSignalement.FonctionsConfidentielles.Contains(f)));

    /// <summary>A pupil the person may file a report about, in that pupil's établissement.</summary>
    internal sealed record EleveConcerne(Guid EleveId, string Nom, Guid EtablissementId, string Profil);

    /// <summary>
    /// Whom the person files reports about: themselves when a pupil, each child they are a legal guardian of (not a
    /// guardian without parental authority).
    /// </summary>
    public async Task<IReadOnlyList<EleveConcerne>> ElevesAsync(Guid personneId, CancellationToken ct)
    {
        var resultat = new List<EleveConcerne>();
        foreach (var p in (await rattachements.ProfilsAsync(personneId, ct)).Where(p => p.Profil == Profils.Eleve).DistinctBy(p => p.EtablissementId))
        {
            var trouves = await annuaire.TrouverPersonnesAsync([personneId], ct);
            var moi = trouves.Count > 0 ? trouves[0] : null;
            resultat.Add(new EleveConcerne(personneId, ReglesSignalement.Nom(moi), p.EtablissementId, Profils.Eleve));
        }

        foreach (var enfant in await annuaire.ListerEnfantsAsync(personneId, ct))
        {
            if (await regles.EstResponsableLegalAsync(personneId, enfant.Id, ct)
                && await annuaire.TrouverEtablissementEleveAsync(enfant.Id, ct) is { } etablissement)
            {
                resultat.Add(new EleveConcerne(enfant.Id, ReglesSignalement.Nom(enfant), etablissement.Id, Profils.Responsable));
            }
        }

        return resultat;
    }
}
