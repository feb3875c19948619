using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Motifs;

/// <summary>GET /api/viescolaire/motifs-absence — the reasons a family can choose when justifying an absence.</summary>
internal static class ListerMotifsAbsenceEndpoint
{
    /// <summary>A reason for an absence.</summary>
    /// <param name="Code">Stable code, e.g. maladie.</param>
    /// <param name="Libelle">Label shown to families.</param>
    internal sealed record MotifAbsence(string Code, string Libelle);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/motifs-absence", Handle)
        .WithName("ListerMotifsAbsence")
        .AllowAnonymous()
        .WithSummary("Liste les motifs d'absence proposés aux familles.");

    private const string Sql = "SELECT code, libelle FROM viescolaire.motif_absence WHERE actif ORDER BY ordre, code";

    private static async Task<Ok<MotifAbsence[]>> Handle(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<MotifAbsence>(new CommandDefinition(Sql, cancellationToken: ct));
        return TypedResults.Ok(rows.ToArray());
    }
}
