using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Agenda;

/// <summary>
/// GET /api/scolarite/moi/flux-ical — the caller's calendar addresses, live and revoked, newest first, without the
/// address itself (it is shown once, at creation): when each was created, last read by a calendar app, revoked.
/// </summary>
internal static class ListerFluxIcalEndpoint
{
    /// <summary>One of the caller's feeds.</summary>
    /// <param name="Id">The feed.</param>
    /// <param name="Usage">Its purpose (« emploi-du-temps »).</param>
    /// <param name="CreeLe">When it was created (UTC).</param>
    /// <param name="DerniereLecture">When a calendar app last read it (to the hour), null if never.</param>
    /// <param name="RevoqueLe">When it was revoked or replaced, null while it works.</param>
    internal sealed record FluxIcalInfo(Guid Id, string Usage, DateTimeOffset CreeLe, DateTimeOffset? DerniereLecture, DateTimeOffset? RevoqueLe);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/moi/flux-ical", Handle)
        .WithName("ListerFluxIcal")
        .WithSummary("Mes adresses d'agenda (iCal), sans l'adresse elle-même : créée le, dernière lecture, révoquée le.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id, usage, cree_le, derniere_lecture, revoque_le FROM scolarite.flux_ical
        WHERE personne_id = @personneId
        ORDER BY cree_le DESC, id DESC
        LIMIT 20
        """;

    private static async Task<Results<Ok<FluxIcalInfo[]>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var flux = await conn.QueryAsync<FluxIcalInfo>(new CommandDefinition(Sql, new { personneId }, cancellationToken: ct));
        return TypedResults.Ok(flux.ToArray());
    }
}
