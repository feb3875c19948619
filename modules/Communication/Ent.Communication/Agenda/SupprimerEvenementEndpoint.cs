using Dapper;
using Ent.Communication.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// DELETE /api/communication/evenements/{id} — removes an event from the school calendar (the same people as its
/// change), with its files. Calendar apps drop it at their next read of the feed; the people it concerned are told it
/// is cancelled (NotificationsAgenda), unless it is over.
/// </summary>
internal static class SupprimerEvenementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/evenements/{id:guid}", Handle)
        .WithName("SupprimerEvenement")
        .WithSummary("Supprime un événement du calendrier scolaire (direction, CPE ; l'enseignant qui l'a créé).")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid id, ICurrentUser utilisateur, Regards regards, StockagePiecesJointesAgenda stockage, NotificationsAgenda notifications, IMessagerie messagerie,
        NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var actuel = await Calendrier.TrouverAsync(conn, id, ct, tx, pourModifier: true);
        var siens = await regards.DeAsync(personneId, ct);
        if (actuel is null || !Regards.PeutLire(siens, actuel, personneId))
        {
            return Problemes.Introuvable(ModifierEvenementEndpoint.Introuvable);
        }

        if (!Regards.PeutModifier(siens, actuel, personneId))
        {
            return ModifierEvenementEndpoint.Interdit();
        }

        // Its files' rows go with it (ON DELETE CASCADE); the files themselves once the deletion is committed.
        var fichiers = (await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT nom_stockage FROM communication.evenement_piece_jointe WHERE evenement_id = @id", new { id }, tx, cancellationToken: ct))).AsList();
        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM communication.evenement WHERE id = @id", new { id }, tx, cancellationToken: ct));
        // Its notifications not yet delivered or read go with it (their link would lead nowhere); then everyone it
        // concerned learns it is cancelled.
        await messagerie.RetirerAsync($"evenement:{id}:", conn, tx, ct);
        await notifications.AnnuleAsync(actuel, personneId, conn, tx, ct);
        await tx.CommitAsync(ct);
        fichiers.ForEach(stockage.Supprimer);
        return TypedResults.NoContent();
    }
}
