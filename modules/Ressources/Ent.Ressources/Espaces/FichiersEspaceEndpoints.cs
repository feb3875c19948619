using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Ressources.Espaces;

/// <summary>
/// A file of a class workspace: GET …/fichiers/{fichierId}/contenu downloads it (its latest version for every reader of
/// the space; an earlier one, <c>?version=n</c>, for the division's teachers only), always as an attachment, never
/// sniffed; GET …/versions lists its versions (teachers); DELETE removes it with every version (teachers), giving the
/// bytes back to the établissement's quota. Anyone else gets 404.
/// </summary>
internal static partial class FichiersEspaceEndpoints
{
    /// <summary>A version of a file.</summary>
    /// <param name="Numero">1 for the first, then 2…; the highest is the one the space shows.</param>
    /// <param name="NomOriginal">Its name.</param>
    /// <param name="TypeContenu">What it is, read from its content.</param>
    /// <param name="Taille">Bytes.</param>
    /// <param name="DeposeLe">When it was put.</param>
    internal sealed record VersionFichier(int Numero, [property: MaxLength(200)] string NomOriginal, string TypeContenu, long Taille, DateTimeOffset DeposeLe);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/espaces/{divisionId:guid}/fichiers/{fichierId:guid}/contenu", Telecharger)
            .WithName("TelechargerFichierEspaceClasse")
            .WithSummary("Télécharge un fichier de l'espace de classe (sa dernière version ; une version précédente pour les enseignants).")
            .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Bureautique[1..])
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/espaces/{divisionId:guid}/fichiers/{fichierId:guid}/versions", ListerVersions)
            .WithName("ListerVersionsFichierEspaceClasse")
            .WithSummary("Les versions d'un fichier de l'espace de classe, la plus récente d'abord (enseignants de la classe ou du groupe).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/espaces/{divisionId:guid}/fichiers/{fichierId:guid}", Supprimer)
            .WithName("SupprimerFichierEspaceClasse")
            .WithSummary("Supprime un fichier de l'espace de classe et toutes ses versions (enseignants de la classe ou du groupe).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static ProblemHttpResult FichierIntrouvable() => Problemes.Introuvable("Aucun fichier de cet espace ne correspond à cette adresse.");

    private const string VersionSql = """
        SELECT v.nom_stockage, v.nom_original, v.type_contenu FROM ressources.espace_fichier f
        JOIN ressources.espace_fichier_version v ON v.fichier_id = f.id
        WHERE f.id = @fichierId AND f.division_id = @divisionId AND (@version::int IS NULL OR v.numero = @version)
        ORDER BY v.numero DESC LIMIT 1
        """;

    private sealed record Stocke(string NomStockage, string NomOriginal, string TypeContenu);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Telecharger(Guid divisionId, Guid fichierId, int? version,
        HttpContext http, ICurrentUser utilisateur, ReglesEspaces regles, StockageEspaces stockage, NpgsqlDataSource db, ILoggerFactory logs,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        // Earlier versions are the teachers' working copies: the others read what the space shows.
        if (await regles.AccesAsync(moi, divisionId, ct) is not { } acces || (version is not null && !acces.Enseignant))
        {
            return version is null ? ReglesEspaces.Introuvable() : FichierIntrouvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.QuerySingleOrDefaultAsync<Stocke>(new CommandDefinition(VersionSql, new { fichierId, divisionId, version }, cancellationToken: ct))
            is not { } stocke)
        {
            return FichierIntrouvable();
        }

        var flux = stockage.Ouvrir(stocke.NomStockage);
        if (flux is null)
        {
            FichierManquant(logs.CreateLogger("Ent.Ressources.Espaces"), fichierId, stocke.NomStockage, stockage.Dossier);
            return Problemes.Introuvable("Ce fichier n'est plus disponible : demandez à l'enseignant de le déposer à nouveau.");
        }

        // A file is data, never a page: downloaded (Content-Disposition: attachment), its type never guessed by the browser.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(flux, stocke.TypeContenu, stocke.NomOriginal);
    }

    private const string VersionsSql = """
        SELECT v.numero, v.nom_original, v.type_contenu, v.taille, v.depose_le FROM ressources.espace_fichier f
        JOIN ressources.espace_fichier_version v ON v.fichier_id = f.id
        WHERE f.id = @fichierId AND f.division_id = @divisionId ORDER BY v.numero DESC
        """;

    private sealed record LigneVersion(int Numero, string NomOriginal, string TypeContenu, long Taille, DateTime DeposeLe);

    private static async Task<Results<Ok<VersionFichier[]>, ProblemHttpResult>> ListerVersions(Guid divisionId, Guid fichierId, ICurrentUser utilisateur,
        ReglesEspaces regles, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { Enseignant: true })
        {
            return ReglesEspaces.Introuvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var versions = (await conn.QueryAsync<LigneVersion>(new CommandDefinition(VersionsSql, new { fichierId, divisionId }, cancellationToken: ct)))
            .Select(v => new VersionFichier(v.Numero, v.NomOriginal, v.TypeContenu, v.Taille, Depots.Utc(v.DeposeLe))).ToArray();
        return versions.Length == 0 ? FichierIntrouvable() : TypedResults.Ok(versions);
    }

    private const string SupprimerSql = """
        DELETE FROM ressources.espace_fichier_version v USING ressources.espace_fichier f
        WHERE v.fichier_id = f.id AND f.id = @fichierId AND f.division_id = @divisionId
        RETURNING v.nom_stockage, v.taille;
        """;

    private sealed record Supprimee(string NomStockage, long Taille);

    private static async Task<Results<NoContent, ProblemHttpResult>> Supprimer(Guid divisionId, Guid fichierId, ICurrentUser utilisateur,
        ReglesEspaces regles, StockageEspaces stockage, NpgsqlDataSource db, CancellationToken ct)
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
        await using var tx = await conn.BeginTransactionAsync(ct);
        var supprimees = (await conn.QueryAsync<Supprimee>(new CommandDefinition(SupprimerSql, new { fichierId, divisionId }, tx, cancellationToken: ct))).AsList();
        if (supprimees.Count == 0)
        {
            return FichierIntrouvable();
        }

        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM ressources.espace_fichier WHERE id = @fichierId", new { fichierId }, tx, cancellationToken: ct));
        await Quota.RendreAsync(conn, tx, acces.Division.EtablissementId, supprimees.Sum(s => s.Taille), ct);
        await tx.CommitAsync(ct);

        // The rows gone first: a file left on disk by a failure here is an orphan no row names, never served.
        foreach (var s in supprimees)
        {
            stockage.Supprimer(s.NomStockage);
        }

        return TypedResults.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Fichier {FichierId} d'un espace de classe absent du disque ({NomStockage} dans {Dossier})")]
    private static partial void FichierManquant(ILogger logger, Guid fichierId, string nomStockage, string dossier);
}
