using Dapper;
using Ent.Identite.Oidc;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Moi;

/// <summary>
/// GET /api/identite/me/applications — the third-party applications the connected person allowed (on the consent
/// page) and that still hold that permission: what each may do, and since when. Ent's own app is not listed.
/// </summary>
internal static class ListerApplicationsEndpoint
{
    /// <summary>A permission the application holds.</summary>
    /// <param name="Code">The OAuth scope, e.g. « scolarite.read ».</param>
    /// <param name="Libelle">What it lets the application do, in French (as the consent page said it).</param>
    internal sealed record PorteeAccordee(string Code, string Libelle);

    /// <summary>A third-party application the person allowed.</summary>
    /// <param name="Id">Identifier, to withdraw the permission.</param>
    /// <param name="Nom">The application's name.</param>
    /// <param name="AccordeeLe">When the person first allowed it (UTC).</param>
    /// <param name="Portees">What it may do.</param>
    internal sealed record ApplicationAutorisee(string Id, string Nom, DateTime AccordeeLe, PorteeAccordee[] Portees);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/applications", Handle)
        .WithName("ListerApplications")
        .WithSummary("Liste les applications tierces que la personne connectée a autorisées, avec leurs droits.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

    // A class, not a positional record: Npgsql reports a text[] column as System.Array, which no constructor matches.
    private sealed class Ligne
    {
        public string Id { get; init; } = string.Empty;
        public string? Nom { get; init; }
        public string ClientId { get; init; } = string.Empty;
        public DateTime AccordeeLe { get; init; }
        public string[] Portees { get; init; } = [];
    }

    // Every valid authorization of the person, grouped per application (one per set of scopes consented to).
    private const string Sql = """
        SELECT a."Id" AS id, a."DisplayName" AS nom, a."ClientId" AS client_id, min(z."CreationDate") AS accordee_le,
               array_remove(array_agg(DISTINCT s.portee), NULL) AS portees
        FROM identite.oidc_autorisation z
        JOIN identite.oidc_application a ON a."Id" = z."ApplicationId"
        LEFT JOIN LATERAL jsonb_array_elements_text(coalesce(z."Scopes", '[]')::jsonb) AS s(portee) ON true
        WHERE z."Subject" = @sujet AND z."Status" = 'valid' AND a."ClientId" <> @spa
        GROUP BY a."Id", a."DisplayName", a."ClientId"
        ORDER BY accordee_le DESC
        """;

    private static async Task<Results<Ok<ApplicationAutorisee[]>, ProblemHttpResult>> Handle(HttpContext http, ICurrentUser user,
        NpgsqlDataSource db, CancellationToken ct)
    {
        if (ApplicationsAutorisees.HorsApplicationEnt(http.User) is { } refus)
        {
            return refus;
        }

        if (user.PersonneId is not { } id)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.QueryAsync<Ligne>(new CommandDefinition(Sql, new { sujet = id.ToString(), spa = ClientsOidc.Spa }, cancellationToken: ct));
        return TypedResults.Ok(lignes.Select(l => new ApplicationAutorisee(l.Id, l.Nom ?? l.ClientId, l.AccordeeLe,
            [.. l.Portees.Order(StringComparer.Ordinal).Select(p => new PorteeAccordee(p, Portees.Libelles.GetValueOrDefault(p, p)))])).ToArray());
    }
}
