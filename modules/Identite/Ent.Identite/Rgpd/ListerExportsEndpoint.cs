using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Rgpd;

/// <summary>
/// GET /api/identite/me/exports — the RGPD exports the connected person asked for and that can still be downloaded
/// (7 days), with each one's progress while it is being built. Poll it until « pret ».
/// </summary>
internal static class ListerExportsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/exports", Handle)
        .WithName("ListerExportsRgpd")
        .WithSummary("Liste les exports de données personnelles demandés par la personne connectée, avec leur avancement.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<List<ExportRgpd>>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await ExportRgpd.ListerAsync(conn, moi, null, clock.GetUtcNow(), ct));
    }
}
