using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Push;

/// <summary>GET /api/communication/me/push/abonnements — my devices subscribed to push, newest first.</summary>
internal static class ListerAbonnementsPushEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/push/abonnements", Handle)
        .WithName("ListerMesAbonnementsPush")
        .WithSummary("Mes appareils abonnés aux notifications push.");

    private const string Sql = """
        SELECT id, endpoint, appareil, cree_le, dernier_succes FROM communication.abonnement_push
        WHERE personne_id = @personneId ORDER BY cree_le DESC, id
        """;

    private static async Task<Results<Ok<List<AbonnementPush>>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await conn.QueryAsync<AbonnementPush>(new CommandDefinition(Sql, new { personneId }, cancellationToken: ct))).AsList());
    }
}
