using Dapper;
using Ent.Identite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Ressources.Liens;

/// <summary>GET /api/ressources/etablissements/{uai}/liens-utiles — the établissement's useful links. Public.</summary>
internal static class ListerLiensUtilesEndpoint
{
    /// <summary>A useful link.</summary>
    /// <param name="Titre">Title shown.</param>
    /// <param name="Url">An https address.</param>
    /// <param name="Description">One sentence on what is there, if any.</param>
    internal sealed record LienUtile(string Titre, string Url, string? Description);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/liens-utiles", Handle)
        .WithName("ListerLiensUtiles")
        .AllowAnonymous()
        .WithSummary("Liste les liens utiles proposés par un établissement.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT titre, url, description
        FROM ressources.lien_utile
        WHERE etablissement_id = @etablissementId
        ORDER BY ordre, titre
        """;

    private static async Task<Results<Ok<LienUtile[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, IAnnuaire annuaire, NpgsqlDataSource db, CancellationToken ct)
    {
        var (etablissement, invalide, introuvable) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return introuvable!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<LienUtile>(new CommandDefinition(Sql, new { etablissementId = etablissement.Id }, cancellationToken: ct));
        return TypedResults.Ok(rows.ToArray());
    }
}
