using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Agenda;

/// <summary>
/// DELETE /api/scolarite/moi/flux-ical/{id} — revokes one of the caller's calendar addresses: from now on it answers
/// 404. Another person's feed, or an unknown one, is 404 too. Revoking a revoked feed changes nothing (204).
/// </summary>
internal static class RevoquerFluxIcalEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/moi/flux-ical/{id:guid}", Handle)
        .WithName("RevoquerFluxIcal")
        .WithSummary("Révoque une de mes adresses d'agenda (iCal) : elle ne donne plus rien.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        UPDATE scolarite.flux_ical SET revoque_le = coalesce(revoque_le, @maintenant)
        WHERE id = @id AND personne_id = @personneId
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.ExecuteAsync(new CommandDefinition(Sql, new { id, personneId, maintenant = clock.GetUtcNow() }, cancellationToken: ct));
        return lignes == 0 ? Problemes.Introuvable("Aucune de vos adresses d'agenda ne correspond.") : TypedResults.NoContent();
    }
}
