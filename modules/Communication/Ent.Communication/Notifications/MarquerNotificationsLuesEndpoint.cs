using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Notifications;

/// <summary>
/// POST /api/communication/me/notifications/lues — marks some (or all) of the caller's visible notifications read.
/// Ids that are not the caller's are ignored: nobody learns whether another person's notification exists.
/// </summary>
internal static class MarquerNotificationsLuesEndpoint
{
    /// <summary>Which notifications to mark read.</summary>
    /// <param name="Ids">These notifications; empty or absent: all visible ones.</param>
    internal sealed record Demande(Guid[]? Ids);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/notifications/lues", Handle)
        .WithName("MarquerMesNotificationsLues")
        .WithSummary("Marque mes notifications comme lues (celles indiquées, ou toutes).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        UPDATE communication.notification SET lue_le = @maintenant
        WHERE destinataire_id = @personneId AND lue_le IS NULL AND visible_le <= @maintenant
          AND (@tous OR id = ANY(@ids))
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        Demande demande, ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var ids = demande.Ids ?? [];
        if (ids.Length > 500)
        {
            return new Erreurs().Add("ids", "Au plus 500 notifications à la fois.").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql,
            new { personneId, maintenant = clock.GetUtcNow(), tous = ids.Length == 0, ids }, cancellationToken: ct));
        return TypedResults.NoContent();
    }
}
