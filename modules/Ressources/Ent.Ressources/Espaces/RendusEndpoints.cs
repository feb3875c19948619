using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Ressources.Espaces;

/// <summary>
/// The work pupils hand in for a dépôt (« rendus »):
/// POST …/depots/{depotId}/rendus — a pupil of the division hands in their work (multipart field « fichier », same
/// types and size as the space's files, within the établissement's quota) until the deadline; handing in again adds a
/// version, the earlier kept; after the deadline, 409 « La date limite est passée ».
/// GET …/depots/{depotId}/rendus — the division's teachers: every pupil of the division with their latest rendu, or
/// none yet (who has not handed in).
/// GET …/depots/{depotId}/rendus/{eleveId} and …/contenu — one pupil's rendu and its file: the pupil themself, their
/// legal guardians, the division's teachers; another pupil or family gets 404. Every read is in the pupil's access log.
/// </summary>
internal static partial class RendusEndpoints
{
    /// <summary>The form (multipart/form-data).</summary>
    /// <param name="Fichier">The work: PDF, image or office document, 20 Mo at most.</param>
    internal sealed record FormulaireRendu(IFormFile Fichier);

    /// <summary>One pupil's rendu.</summary>
    /// <param name="Depot">The dépôt.</param>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Versions">What they handed in, the latest first (empty: nothing yet).</param>
    internal sealed record RenduEleve(Depot Depot, Guid EleveId, VersionRendu[] Versions);

    /// <summary>A pupil of the division and their latest rendu.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Prenom">First name.</param>
    /// <param name="Nom">Last name.</param>
    /// <param name="Dernier">Their latest version, or null when they have handed nothing in.</param>
    internal sealed record SuiviRendu(Guid EleveId, string Prenom, string Nom, VersionRendu? Dernier);

    /// <summary>The rendus of a dépôt, for its division's teachers.</summary>
    /// <param name="Depot">The dépôt.</param>
    /// <param name="Rendus">Number of pupils who handed something in.</param>
    /// <param name="Manquants">Number who have not.</param>
    /// <param name="Eleves">Every pupil of the division, by name.</param>
    internal sealed record RendusDepot(Depot Depot, int Rendus, int Manquants, SuiviRendu[] Eleves);

    public const string TypeDateLimitePassee = "urn:ent:probleme:date-limite-passee";

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/espaces/{divisionId:guid}/depots/{depotId:guid}/rendus", Rendre)
            .WithName("RendreTravailEspaceClasse")
            .WithSummary("Rend mon travail pour un dépôt avant la date limite (élèves de la classe ou du groupe) ; un nouvel envoi garde le précédent.")
            .Accepts<FormulaireRendu>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(StockageEspaces.LimiteCorps))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/espaces/{divisionId:guid}/depots/{depotId:guid}/rendus", Lister)
            .WithName("ListerRendusDepotEspaceClasse")
            .WithSummary("Les travaux rendus pour un dépôt, élève par élève, et qui n'a pas encore rendu (enseignants de la classe ou du groupe).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/espaces/{divisionId:guid}/depots/{depotId:guid}/rendus/{eleveId:guid}", Obtenir)
            .WithName("ObtenirRenduEleveEspaceClasse")
            .WithSummary("Le travail rendu par un élève pour un dépôt (l'élève, ses responsables légaux, les enseignants de la classe ou du groupe).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/espaces/{divisionId:guid}/depots/{depotId:guid}/rendus/{eleveId:guid}/contenu", Telecharger)
            .WithName("TelechargerRenduEleveEspaceClasse")
            .WithSummary("Télécharge le travail rendu par un élève (sa dernière version, ou ?version=n) : l'élève, ses responsables légaux, ses enseignants.")
            .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Bureautique[1..])
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static ProblemHttpResult DateLimitePassee(Depot depot)
    {
        var paris = TimeZoneInfo.ConvertTime(depot.DateLimite, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: TypeDateLimitePassee, title: "La date limite est passée",
            detail: $"La date limite est passée : les travaux de « {depot.Titre} » étaient à rendre avant le {paris:dd/MM/yyyy} à {paris:HH\\hmm}. " +
                    "Voyez avec votre enseignant.");
    }

    private static ProblemHttpResult RenduIntrouvable() => Problemes.Introuvable("Aucun travail rendu ne correspond à cette adresse.");

    private const string NumeroSql = "SELECT coalesce(max(numero), 0) FROM ressources.espace_rendu WHERE depot_id = @depotId AND eleve_id = @eleveId";

    private const string InsertSql = """
        INSERT INTO ressources.espace_rendu (depot_id, eleve_id, numero, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
        VALUES (@depotId, @eleveId, @numero, @nomStockage, @nomOriginal, @typeContenu, @taille, @sha256, @eleveId, @maintenant)
        """;

    private static async Task<Results<Created<RenduEleve>, ValidationProblem, ProblemHttpResult>> Rendre(Guid divisionId, Guid depotId, HttpContext http,
        ICurrentUser utilisateur, ReglesEspaces regles, IJournalAcces journal, StockageEspaces stockage, IOptions<EspacesOptions> options,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        // The pupil themself only: a guardian reads their child's work, never hands it in for them.
        if (await regles.AccesAsync(moi, divisionId, ct) is not { } acces || !acces.Eleves.Contains(moi))
        {
            return ReglesEspaces.Introuvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if ((await Depots.ListerAsync(conn, divisionId, depotId, clock.GetUtcNow(), null, ct)).SingleOrDefault() is not { } avant)
        {
            return Depots.Introuvable();
        }

        // Before reading the body: a late file is not even received.
        if (!avant.Ouvert)
        {
            return DateLimitePassee(avant);
        }

        var (_, recu, erreur) = await Televersement.LireAsync(http.Request, ct);
        if (erreur is not null)
        {
            return erreur;
        }

        using var fichier = recu!;
        var quota = options.Value.QuotaEspacesOctets;
        if (await Quota.VerifierAsync(conn, acces.Division.EtablissementId, fichier.Taille, quota, ct) is { } plein)
        {
            return plein;
        }

        var ecrit = await stockage.EcrireAsync(fichier.Contenu, ct);
        try
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            // The dépôt locked, the deadline read again at the moment of writing: a file that took long to arrive is late.
            var maintenant = clock.GetUtcNow();
            var depot = (await Depots.ListerAsync(conn, divisionId, depotId, maintenant, tx, ct, verrou: true)).Single();
            if (!depot.Ouvert)
            {
                stockage.Supprimer(ecrit.NomStockage);
                return DateLimitePassee(depot);
            }

            if (!await Quota.ReserverAsync(conn, tx, acces.Division.EtablissementId, ecrit.Taille, quota, ct))
            {
                var utilises = await Quota.UtilisesAsync(conn, acces.Division.EtablissementId, tx, ct);
                stockage.Supprimer(ecrit.NomStockage);
                return Quota.Depasse(utilises, quota, ecrit.Taille);
            }

            var numero = await conn.ExecuteScalarAsync<int>(new CommandDefinition(NumeroSql, new { depotId, eleveId = moi }, tx, cancellationToken: ct)) + 1;
            await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                depotId, eleveId = moi, numero, ecrit.NomStockage, fichier.NomOriginal, fichier.TypeContenu, taille = ecrit.Taille, ecrit.Sha256, maintenant,
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        catch
        {
            stockage.Supprimer(ecrit.NomStockage);
            throw;
        }

        await journal.NoterAsync(http, utilisateur, moi, Domaine.TravailScolaire, ActionAcces.Modification, "RendreTravailEspaceClasse", ct);
        var rendu = new RenduEleve(avant, moi, await Depots.VersionsAsync(conn, depotId, moi, ct));
        return TypedResults.Created($"/api/ressources/espaces/{divisionId}/depots/{depotId}/rendus/{moi}", rendu);
    }

    private const string DerniersSql = """
        SELECT DISTINCT ON (eleve_id) eleve_id, numero, nom_original, type_contenu, taille, depose_le FROM ressources.espace_rendu
        WHERE depot_id = @depotId ORDER BY eleve_id, numero DESC
        """;

    private sealed record LigneDernier(Guid EleveId, int Numero, string NomOriginal, string TypeContenu, long Taille, DateTime DeposeLe);

    private static async Task<Results<Ok<RendusDepot>, ProblemHttpResult>> Lister(Guid divisionId, Guid depotId, HttpContext http,
        ICurrentUser utilisateur, ReglesEspaces regles, IDivisions divisions, IAnnuaire annuaire, IJournalAcces journal, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { Enseignant: true } acces)
        {
            return ReglesEspaces.Introuvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if ((await Depots.ListerAsync(conn, divisionId, depotId, clock.GetUtcNow(), null, ct)).SingleOrDefault() is not { } depot)
        {
            return Depots.Introuvable();
        }

        var eleves = (await divisions.ElevesAsync(acces.Division.EtablissementId, [divisionId], ct)).Select(e => e.EleveId).Distinct().ToList();
        var derniers = (await conn.QueryAsync<LigneDernier>(new CommandDefinition(DerniersSql, new { depotId }, cancellationToken: ct)))
            .ToDictionary(d => d.EleveId, d => new VersionRendu(d.Numero, d.NomOriginal, d.TypeContenu, d.Taille, Depots.Utc(d.DeposeLe)));
        var suivi = (await annuaire.TrouverPersonnesAsync(eleves, ct))
            .Select(p => new SuiviRendu(p.Id, p.Prenom, p.Nom, derniers.GetValueOrDefault(p.Id))).ToArray();
        // Who handed in what is each such pupil's school work: one access-log row per pupil whose rendu the teacher sees.
        await journal.NoterAsync(http, utilisateur, [.. suivi.Where(s => s.Dernier is not null).Select(s => s.EleveId)], Domaine.TravailScolaire,
            ActionAcces.Lecture, "ListerRendusDepotEspaceClasse", ct);
        var rendus = suivi.Count(s => s.Dernier is not null);
        return TypedResults.Ok(new RendusDepot(depot, rendus, suivi.Length - rendus, suivi));
    }

    private static async Task<Results<Ok<RenduEleve>, ProblemHttpResult>> Obtenir(Guid divisionId, Guid depotId, Guid eleveId, HttpContext http,
        ICurrentUser utilisateur, ReglesEspaces regles, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { } acces || !await regles.PeutLireRenduAsync(acces, eleveId, ct))
        {
            return RenduIntrouvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if ((await Depots.ListerAsync(conn, divisionId, depotId, clock.GetUtcNow(), null, ct)).SingleOrDefault() is not { } depot)
        {
            return Depots.Introuvable();
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "ObtenirRenduEleveEspaceClasse", ct);
        return TypedResults.Ok(new RenduEleve(depot, eleveId, await Depots.VersionsAsync(conn, depotId, eleveId, ct)));
    }

    private const string FichierSql = """
        SELECT r.nom_stockage, r.nom_original, r.type_contenu FROM ressources.espace_rendu r
        JOIN ressources.espace_depot d ON d.id = r.depot_id
        WHERE r.depot_id = @depotId AND d.division_id = @divisionId AND r.eleve_id = @eleveId AND (@version::int IS NULL OR r.numero = @version)
        ORDER BY r.numero DESC LIMIT 1
        """;

    private sealed record Stocke(string NomStockage, string NomOriginal, string TypeContenu);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Telecharger(Guid divisionId, Guid depotId, Guid eleveId, int? version,
        HttpContext http, ICurrentUser utilisateur, ReglesEspaces regles, IJournalAcces journal, StockageEspaces stockage, NpgsqlDataSource db,
        ILoggerFactory logs, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { } acces || !await regles.PeutLireRenduAsync(acces, eleveId, ct))
        {
            return RenduIntrouvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.QuerySingleOrDefaultAsync<Stocke>(new CommandDefinition(FichierSql, new { depotId, divisionId, eleveId, version }, cancellationToken: ct))
            is not { } stocke)
        {
            return RenduIntrouvable();
        }

        var flux = stockage.Ouvrir(stocke.NomStockage);
        if (flux is null)
        {
            RenduManquant(logs.CreateLogger("Ent.Ressources.Espaces"), depotId, eleveId, stocke.NomStockage, stockage.Dossier);
            return Problemes.Introuvable("Ce travail n'est plus disponible sur le serveur : l'élève peut le rendre à nouveau avant la date limite.");
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "TelechargerRenduEleveEspaceClasse", ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(flux, stocke.TypeContenu, stocke.NomOriginal);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Rendu du dépôt {DepotId} de l'élève {EleveId} absent du disque ({NomStockage} dans {Dossier})")]
    private static partial void RenduManquant(ILogger logger, Guid depotId, Guid eleveId, string nomStockage, string dossier);
}
