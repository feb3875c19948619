using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// POST /api/communication/me/conversations/{id}/lecture — I have read the conversation up to its latest message (its
/// authors see it); its in-app notifications are read too. Outside the conversation: 404.
/// </summary>
internal static class MarquerConversationLueEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/conversations/{id:guid}/lecture", Handle)
        .WithName("MarquerConversationLue")
        .WithSummary("Marque une conversation comme lue jusqu'à son dernier message.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        UPDATE communication.participant p
        SET lu_jusqua = greatest(p.lu_jusqua, (SELECT max(m.envoye_le) FROM communication.message m WHERE m.conversation_id = p.conversation_id))
        WHERE p.conversation_id = @id AND p.personne_id = @personneId;
        """;

    private const string NotificationsSql = """
        UPDATE communication.notification SET lue_le = @maintenant
        WHERE destinataire_id = @personneId AND cle LIKE @motif AND lue_le IS NULL
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteAsync(new CommandDefinition(Sql, new { id, personneId }, tx, cancellationToken: ct)) == 0)
        {
            return Problemes.Introuvable("Aucune de vos conversations ne correspond à cette adresse.");
        }

        await conn.ExecuteAsync(new CommandDefinition(NotificationsSql,
            new { personneId, motif = $"messagerie:{id}:%", maintenant = clock.GetUtcNow() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
