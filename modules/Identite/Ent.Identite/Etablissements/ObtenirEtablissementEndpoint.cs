using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Etablissements;

/// <summary>GET /api/identite/etablissements/{uai} — one établissement by its UAI. Public.</summary>
internal static class ObtenirEtablissementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}", Handle)
        .WithName("ObtenirEtablissement")
        .AllowAnonymous()
        .WithSummary("Donne un établissement par son UAI.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = $"SELECT {Etablissement.Colonnes} FROM identite.etablissement WHERE uai = @uai";

    private static async Task<Results<Ok<Etablissement>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, NpgsqlDataSource db, CancellationToken ct)
    {
        var erreurs = new Erreurs().Require(Uai.IsValid(uai), "uai", Uai.Message);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Etablissement>(new CommandDefinition(Sql, new { uai = Uai.Normalize(uai) }, cancellationToken: ct));
        return row is null
            ? Problemes.Introuvable($"Aucun établissement n'a l'UAI {Uai.Normalize(uai)}.")
            : TypedResults.Ok(row);
    }
}
