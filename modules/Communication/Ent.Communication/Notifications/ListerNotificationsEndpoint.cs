using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Notifications;

/// <summary>
/// GET /api/communication/me/notifications — the caller's own in-app notifications that are visible now, newest
/// first, with how many are unread. Only the recipient ever reads them.
/// </summary>
internal static class ListerNotificationsEndpoint
{
    /// <summary>An in-app notification.</summary>
    /// <param name="Id">Identifier.</param>
    /// <param name="EleveId">The child it is about, when it is about one.</param>
    /// <param name="Categorie">What kind: notes, absences, annonces…</param>
    /// <param name="Titre">Short title.</param>
    /// <param name="Texte">Plain text, shown as text.</param>
    /// <param name="Lien">The application's page to open (a path), if any.</param>
    /// <param name="Le">When it became visible (UTC).</param>
    /// <param name="Lue">True once read.</param>
    internal sealed record Notification(Guid Id, Guid? EleveId, string Categorie, string Titre, string Texte, string? Lien, DateTime Le, bool Lue);

    /// <summary>The latest notifications.</summary>
    /// <param name="NonLues">How many visible notifications are unread (all of them, not only this page).</param>
    /// <param name="Notifications">The newest first, at most <c>limite</c>.</param>
    internal sealed record MesNotifications(int NonLues, Notification[] Notifications);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/notifications", Handle)
        .WithName("ListerMesNotifications")
        .WithSummary("Liste mes notifications visibles, les plus récentes d'abord, avec le nombre de non lues.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id, eleve_id, categorie, titre, texte, lien, visible_le AS le, lue_le IS NOT NULL AS lue
        FROM communication.notification
        WHERE destinataire_id = @personneId AND visible_le <= @maintenant
        ORDER BY visible_le DESC, id DESC
        LIMIT @limite;
        SELECT count(*)::int FROM communication.notification
        WHERE destinataire_id = @personneId AND visible_le <= @maintenant AND lue_le IS NULL;
        """;

    private static async Task<Results<Ok<MesNotifications>, ValidationProblem, ProblemHttpResult>> Handle(
        int? limite, ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var nombre = limite ?? 20;
        if (nombre is < 1 or > 100)
        {
            return new Erreurs().Add("limite", "La limite est comprise entre 1 et 100.").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
            new { personneId, maintenant = clock.GetUtcNow(), limite = nombre }, cancellationToken: ct));
        var notifications = (await lecture.ReadAsync<Notification>()).ToArray();
        var nonLues = await lecture.ReadSingleAsync<int>();
        return TypedResults.Ok(new MesNotifications(nonLues, notifications));
    }
}
