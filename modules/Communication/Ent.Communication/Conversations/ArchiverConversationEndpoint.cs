using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// PUT /api/communication/me/conversations/{id}/archive — I move a conversation to my archives or back to my inbox
/// (for me only; a new message brings it back). Outside the conversation: 404.
/// </summary>
internal static class ArchiverConversationEndpoint
{
    /// <summary>Archived or not.</summary>
    internal sealed record ArchivageConversation(bool? Archivee);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/me/conversations/{id:guid}/archive", Handle)
        .WithName("ArchiverConversation")
        .WithSummary("Range une conversation dans mes archives, ou la remet dans ma boîte de réception.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, ArchivageConversation saisie, ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (saisie.Archivee is not { } archivee)
        {
            return new Erreurs().Add("archivee", "Indiquez archivee : vrai ou faux.").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE communication.participant SET archivee = @archivee WHERE conversation_id = @id AND personne_id = @personneId",
            new { id, personneId, archivee }, cancellationToken: ct));
        return lignes == 0 ? Problemes.Introuvable("Aucune de vos conversations ne correspond à cette adresse.") : TypedResults.NoContent();
    }
}
