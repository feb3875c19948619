using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Etablissements;

/// <summary>GET /api/identite/etablissements — every établissement of this instance, by name. Public.</summary>
internal static class ListerEtablissementsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements", Handle)
        .WithName("ListerEtablissements")
        .AllowAnonymous()
        .WithSummary("Liste les établissements de l'instance, par ordre alphabétique.");

    private const string Sql = $"SELECT {Etablissement.Colonnes} FROM identite.etablissement ORDER BY nom, uai";

    private static async Task<Ok<Etablissement[]>> Handle(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Etablissement>(new CommandDefinition(Sql, cancellationToken: ct));
        return TypedResults.Ok(rows.ToArray());
    }
}
