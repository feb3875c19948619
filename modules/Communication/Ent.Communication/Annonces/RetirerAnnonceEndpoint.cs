using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// POST /api/communication/annonces/{id}/retrait — « Retirer »: its author or the établissement's direction withdraws an
/// announcement (sent by mistake, wrong date). It leaves every list, page and file download of those it addressed at
/// once, and its notifications not yet delivered or not yet read go with it; its sender's follow-up keeps it, marked
/// withdrawn, with the reads and confirmations given (kept for the record). Withdrawing again changes nothing (204).
/// Anyone else gets 404.
/// </summary>
internal static class RetirerAnnonceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/annonces/{id:guid}/retrait", Handle)
        .WithName("RetirerAnnonce")
        .WithSummary("Retire une annonce : elle disparaît aussitôt pour ses destinataires ; son suivi la garde, marquée retirée.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        UPDATE communication.annonce SET retiree_le = @maintenant, retiree_par = @moi WHERE id = @id AND retiree_le IS NULL
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur, IReglesAcces regles,
        IMessagerie messagerie, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var annonce = await SuiviAnnonce.TrouverPourModifierAsync(conn, tx, regles, moi, id, ct);
        if (annonce is null)
        {
            return Problemes.Introuvable(SuiviAnnonce.Introuvable(id));
        }

        if (annonce.RetireeLe is null)
        {
            await conn.ExecuteAsync(new CommandDefinition(Sql, new { id, moi, maintenant = clock.GetUtcNow() }, tx, cancellationToken: ct));
            // The publication's and the reminders' messages: those waiting are cancelled, the unread in-app ones removed
            // (their link would open a 404). E-mails already sent cannot be called back.
            await messagerie.RetirerAsync($"annonce:{id}:", conn, tx, ct);
            await messagerie.RetirerAsync($"annonce-relance:{id}:", conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
