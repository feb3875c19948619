using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Ressources.Espaces;

/// <summary>Settings under <c>Ent:Ressources</c> for the class workspaces.</summary>
internal sealed class EspacesOptions
{
    public const string Section = "Ent:Ressources";

    /// <summary>What an établissement's spaces may hold in all (files' versions and pupils' rendus): 2 Gio by default.</summary>
    public long QuotaEspacesOctets { get; set; } = 2L * 1024 * 1024 * 1024;

    public DossierDocumentsOptions Documents { get; set; } = new();
}

/// <summary>Settings under <c>Ent:Ressources:Documents</c>.</summary>
internal sealed class DossierDocumentsOptions
{
    /// <summary>Folder of the spaces' files (Ressources' own, beside the other modules'): never served as it is.</summary>
    public string Dossier { get; set; } = Path.Combine(".data", "documents", "ressources");
}

/// <summary>The spaces' files and rendus: the Kernel's document storage, in Ressources' folder.</summary>
internal sealed class StockageEspaces(IOptions<EspacesOptions> options) : StockageDocuments(options.Value.Documents.Dossier)
{
    /// <summary>A file or a rendu: 20 Mo at most (a scanned booklet, a slide deck with pictures).</summary>
    public const long TailleMax = 20 * 1024 * 1024;

    // Kestrel's limit for the upload endpoints alone: a file somewhat too large gets the field's French 400; beyond, 413.
    public const long LimiteCorps = 2 * TailleMax;
}

/// <summary>A class or group's space as the caller sees it.</summary>
/// <param name="DivisionId">The class's or group's id (the space's).</param>
/// <param name="Type">« classe » or « groupe ».</param>
/// <param name="Code">Short code, e.g. 2NDE1.</param>
/// <param name="Libelle">Name, e.g. « Seconde 1 ».</param>
/// <param name="PeutEcrire">True for the division's teachers: they add, replace and remove documents, and collect work.</param>
internal sealed record EspaceClasse(Guid DivisionId, string Type, string Code, string Libelle, bool PeutEcrire);

/// <summary>What the caller may do in a space, and for whom (a pupil: themself; a guardian: their children in it).</summary>
internal sealed record AccesEspace(DivisionInfo Division, bool Enseignant, IReadOnlyList<Guid> Eleves)
{
    public EspaceClasse Espace => new(Division.Id, Division.Type, Division.Code, Division.Libelle, Enseignant);
}

/// <summary>
/// Who may use a space — one place for every endpoint of the class workspace. This school year's teachers of the class
/// or group (a teaching service, or head teacher of the class) read and write; its pupils and their legal guardians
/// read; the établissement's direction reads (it answers for what is published in its name), never writes. Anyone
/// else: null, answered 404 (a space's existence is not revealed).
/// </summary>
internal sealed class ReglesEspaces(IDivisions divisions, IAnnuaire annuaire)
{
    public const string Direction = "direction";

    public static ProblemHttpResult Introuvable() => Problemes.Introuvable("Aucun espace de classe ne correspond à cette adresse.");

    public async Task<AccesEspace?> AccesAsync(Guid personneId, Guid divisionId, CancellationToken ct)
    {
        if ((await divisions.DeLEnseignantAsync(personneId, ct)).FirstOrDefault(d => d.Id == divisionId) is { } enseignee)
        {
            return new AccesEspace(enseignee, true, []);
        }

        // The person themself as a pupil, and the children they are a legal guardian of.
        var eleves = new List<Guid> { personneId };
        eleves.AddRange(await EnfantsLegauxAsync(personneId, ct));
        var dans = (await divisions.DesElevesAsync(eleves, ct)).Where(d => d.DivisionId == divisionId).Select(d => d.EleveId).Distinct().ToList();
        if (dans.Count > 0 && await annuaire.TrouverEtablissementEleveAsync(dans[0], ct) is { } etablissement
            && (await divisions.DeLEtablissementAsync(etablissement.Id, ct)).FirstOrDefault(d => d.Id == divisionId) is { } division)
        {
            return new AccesEspace(division, false, dans);
        }

        foreach (var etablissementId in await EtablissementsDirigesAsync(personneId, ct))
        {
            if ((await divisions.DeLEtablissementAsync(etablissementId, ct)).FirstOrDefault(d => d.Id == divisionId) is { } dirigee)
            {
                return new AccesEspace(dirigee, false, []);
            }
        }

        return null;
    }

    /// <summary>The pupils the person is a legal guardian of (parental authority): another relative reads nothing here.</summary>
    public async Task<IReadOnlyList<Guid>> EnfantsLegauxAsync(Guid personneId, CancellationToken ct)
    {
        var enfants = (await annuaire.ListerEnfantsAsync(personneId, ct)).Select(e => e.Id).ToList();
        return enfants.Count == 0 ? [] :
            [.. (await annuaire.ListerResponsablesLegauxAsync(enfants, ct)).Where(r => r.ResponsableId == personneId).Select(r => r.EleveId).Distinct()];
    }

    public async Task<IReadOnlyList<Guid>> EtablissementsDirigesAsync(Guid personneId, CancellationToken ct) =>
        [.. (await annuaire.ListerRattachementsAsync(personneId, ct)).Where(r => r.Fonction == Direction).Select(r => r.EtablissementId).Distinct()];

    /// <summary>
    /// Whose rendu the person may read: the pupil themself, their legal guardians, the division's teachers. The
    /// direction reads the space's documents, not a pupil's work.
    /// </summary>
    public async Task<bool> PeutLireRenduAsync(AccesEspace acces, Guid eleveId, CancellationToken ct) =>
        // acces.Eleves holds the caller themself as a pupil and the children they are a legal guardian of, nobody else.
        acces.Eleves.Contains(eleveId)
        || (acces.Enseignant && (await divisions.ElevesAsync(acces.Division.EtablissementId, [acces.Division.Id], ct)).Any(e => e.EleveId == eleveId));
}

/// <summary>A file received in a multipart form, checked: one, not empty, 20 Mo at most, its type read from its content.</summary>
internal sealed record FichierRecu(MemoryStream Contenu, string NomOriginal, string TypeContenu, long Taille) : IDisposable
{
    public void Dispose() => Contenu.Dispose();
}

internal static class Televersement
{
    public const string Champ = "fichier";

    /// <summary>Reads the form and its one file, or the French 400 saying what is wrong with it.</summary>
    public static async Task<(IFormCollection? Formulaire, FichierRecu? Fichier, ValidationProblem? Erreur)> LireAsync(HttpRequest requete, CancellationToken ct)
    {
        IFormCollection formulaire;
        try
        {
            formulaire = await requete.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return (null, null, new Erreurs().Add("formulaire", "Le formulaire envoyé est illisible (multipart/form-data mal formé).").ToProblem());
        }

        var erreurs = new Erreurs();
        if (formulaire.Files.Count != 1 || formulaire.Files[0].Name != Champ)
        {
            return (formulaire, null, erreurs.Add(Champ, "Joignez un seul fichier, dans le champ « fichier ».").ToProblem());
        }

        var fichier = formulaire.Files[0];
        if (fichier.Length == 0)
        {
            return (formulaire, null, erreurs.Add(Champ, "Le fichier est vide.").ToProblem());
        }

        if (fichier.Length > StockageEspaces.TailleMax)
        {
            return (formulaire, null, erreurs.Add(Champ, $"Le fichier fait {fichier.Length / (1024.0 * 1024):0.#} Mo : la taille maximale est de 20 Mo.").ToProblem());
        }

        // The whole file in memory (20 Mo at most): an office document's zip directory is read to know what it is.
        var contenu = new MemoryStream((int)fichier.Length);
        await using (var flux = fichier.OpenReadStream())
        {
            await flux.CopyToAsync(contenu, ct);
        }

        contenu.Position = 0;
        var type = await TypeDocument.DetecterBureautiqueAsync(contenu, fichier.FileName, ct);
        if (type is null)
        {
            await contenu.DisposeAsync();
            return (formulaire, null, erreurs.Add(Champ, "Le fichier doit être un PDF, une image JPEG ou PNG, ou un document Word, Excel, PowerPoint ou " +
                                                        "OpenDocument. Son contenu ne correspond à aucun de ces formats, quel que soit son nom.").ToProblem());
        }

        contenu.Position = 0;
        return (formulaire, new FichierRecu(contenu, TypeDocument.NomOriginal(fichier.FileName, type), type, fichier.Length), null);
    }

    /// <summary>The French words for an amount of bytes: « 1,5 Mo », « 2 Go ».</summary>
    public static string Octets(long octets)
    {
        var fr = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        return octets >= 1024L * 1024 * 1024 ? (octets / (1024.0 * 1024 * 1024)).ToString("0.##", fr) + " Go"
            : octets >= 1024 * 1024 ? (octets / (1024.0 * 1024)).ToString("0.#", fr) + " Mo"
            : octets >= 1024 ? (octets / 1024.0).ToString("0", fr) + " ko"
            : octets + " octets";
    }
}

/// <summary>
/// The établissement's quota: the bytes its spaces hold, one row per établissement. An upload adds its size in the
/// transaction that writes its rows (the row locked, so that two uploads cannot both take the last megabytes); a
/// deletion gives them back.
/// </summary>
internal static class Quota
{
    public const string TypeQuotaDepasse = "urn:ent:probleme:quota-espaces-depasse";

    private const string UtilisesSql = "SELECT coalesce((SELECT octets_utilises FROM ressources.espace_quota WHERE etablissement_id = @etablissementId), 0)";

    private const string ReserverSql = """
        INSERT INTO ressources.espace_quota (etablissement_id, octets_utilises) VALUES (@etablissementId, 0) ON CONFLICT DO NOTHING;
        UPDATE ressources.espace_quota SET octets_utilises = octets_utilises + @taille
        WHERE etablissement_id = @etablissementId AND octets_utilises + @taille <= @quota
        RETURNING octets_utilises;
        """;

    private const string RendreSql = """
        UPDATE ressources.espace_quota SET octets_utilises = greatest(0, octets_utilises - @taille) WHERE etablissement_id = @etablissementId
        """;

    public static Task<long> UtilisesAsync(NpgsqlConnection conn, Guid etablissementId, NpgsqlTransaction? tx, CancellationToken ct) =>
        conn.ExecuteScalarAsync<long>(new CommandDefinition(UtilisesSql, new { etablissementId }, tx, cancellationToken: ct));

    /// <summary>True when the bytes fit and were counted; false when the quota would be exceeded (nothing counted).</summary>
    public static async Task<bool> ReserverAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid etablissementId, long taille, long quota, CancellationToken ct) =>
        await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(ReserverSql, new { etablissementId, taille, quota }, tx, cancellationToken: ct)) is not null;

    public static Task RendreAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid etablissementId, long taille, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(RendreSql, new { etablissementId, taille }, tx, cancellationToken: ct));

    /// <summary>The 409 that says how much room is left.</summary>
    public static ProblemHttpResult Depasse(long utilises, long quota, long taille) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, type: TypeQuotaDepasse, title: "Espace de stockage de l'établissement plein",
        detail: $"Ce fichier fait {Televersement.Octets(taille)} mais il ne reste que {Televersement.Octets(Math.Max(0, quota - utilises))} " +
                $"sur les {Televersement.Octets(quota)} des espaces de classe de l'établissement. Supprimez des documents qui ne servent plus, " +
                "ou demandez à la direction d'augmenter le quota.");

    /// <summary>Null when the file fits (checked before anything is written), else the 409.</summary>
    public static async Task<ProblemHttpResult?> VerifierAsync(NpgsqlConnection conn, Guid etablissementId, long taille, long quota, CancellationToken ct)
    {
        var utilises = await UtilisesAsync(conn, etablissementId, null, ct);
        return utilises + taille <= quota ? null : Depasse(utilises, quota, taille);
    }
}

/// <summary>Texts a request gives: trimmed, null when blank.</summary>
internal static class Saisie
{
    public static string? Texte(string? valeur) => string.IsNullOrWhiteSpace(valeur) ? null : valeur.Trim();

    /// <summary>A folder's name: no separator or control character, 1 to 200 characters.</summary>
    public static string? ErreurNomDossier(string? nom) =>
        Texte(nom) is not { } n ? "Donnez un nom au dossier."
        : n.Length > 200 ? "Le nom du dossier fait 200 caractères au plus."
        : n.Any(c => char.IsControl(c) || c is '/' or '\\') || n is "." or ".." ? "Le nom du dossier ne peut contenir ni « / », ni « \\ », ni caractère de contrôle."
        : null;
}

/// <summary>A rendu's version as its readers see it.</summary>
/// <param name="Numero">1 for the first handed in, then 2…</param>
/// <param name="NomOriginal">The file's name.</param>
/// <param name="TypeContenu">What it is (read from its content).</param>
/// <param name="Taille">Bytes.</param>
/// <param name="DeposeLe">When it was handed in.</param>
internal sealed record VersionRendu(int Numero, [property: MaxLength(200)] string NomOriginal, string TypeContenu, long Taille, DateTimeOffset DeposeLe);

/// <summary>A dépôt (work a teacher collects).</summary>
/// <param name="Id">Its id.</param>
/// <param name="DivisionId">The class or group.</param>
/// <param name="Titre">Title.</param>
/// <param name="Consignes">Instructions, if any.</param>
/// <param name="DateLimite">Deadline (UTC): nothing is handed in after it.</param>
/// <param name="Ouvert">True until the deadline.</param>
/// <param name="CreeLe">When it was created.</param>
internal sealed record Depot(Guid Id, Guid DivisionId, string Titre, [property: MaxLength(4000)] string? Consignes, DateTimeOffset DateLimite, bool Ouvert,
    DateTimeOffset CreeLe);

internal static class Depots
{
    private sealed record Ligne(Guid Id, Guid DivisionId, string Titre, string? Consignes, DateTime DateLimite, DateTime CreeLe);

    private const string Sql = """
        SELECT id, division_id, titre, consignes, date_limite, cree_le FROM ressources.espace_depot WHERE division_id = @divisionId
        """;

    public static async Task<IReadOnlyList<Depot>> ListerAsync(NpgsqlConnection conn, Guid divisionId, Guid? depotId, DateTimeOffset maintenant,
        NpgsqlTransaction? tx, CancellationToken ct, bool verrou = false) =>
        [.. (await conn.QueryAsync<Ligne>(new CommandDefinition(
                Sql + (depotId is null ? " ORDER BY date_limite DESC, id" : " AND id = @depotId") + (verrou ? " FOR UPDATE" : string.Empty),
                new { divisionId, depotId }, tx, cancellationToken: ct)))
            .Select(l => new Depot(l.Id, l.DivisionId, l.Titre, l.Consignes, Utc(l.DateLimite), Utc(l.DateLimite) > maintenant, Utc(l.CreeLe)))];

    public static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    public static ProblemHttpResult Introuvable() => Problemes.Introuvable("Aucun dépôt de travaux de cet espace ne correspond à cette adresse.");

    private const string VersionsSql = """
        SELECT numero, nom_original, type_contenu, taille, depose_le FROM ressources.espace_rendu
        WHERE depot_id = @depotId AND eleve_id = @eleveId ORDER BY numero DESC
        """;

    private sealed record LigneVersion(int Numero, string NomOriginal, string TypeContenu, long Taille, DateTime DeposeLe);

    public static async Task<VersionRendu[]> VersionsAsync(NpgsqlConnection conn, Guid depotId, Guid eleveId, CancellationToken ct) =>
        [.. (await conn.QueryAsync<LigneVersion>(new CommandDefinition(VersionsSql, new { depotId, eleveId }, cancellationToken: ct)))
            .Select(v => new VersionRendu(v.Numero, v.NomOriginal, v.TypeContenu, v.Taille, Utc(v.DeposeLe)))];
}
