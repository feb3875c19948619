using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>DELETE /api/communication/me/brouillons/{id} — I drop one of my drafts (someone else's: 404).</summary>
internal static class SupprimerBrouillonEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/me/brouillons/{id:guid}", Handle)
        .WithName("SupprimerBrouillon")
        .WithSummary("Supprime un de mes brouillons.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.ExecuteAsync(new CommandDefinition("DELETE FROM communication.brouillon WHERE id = @id AND auteur_id = @personneId",
            new { id, personneId }, cancellationToken: ct));
        return lignes == 0 ? Problemes.Introuvable("Aucun de vos brouillons ne correspond à cette adresse.") : TypedResults.NoContent();
    }
}
