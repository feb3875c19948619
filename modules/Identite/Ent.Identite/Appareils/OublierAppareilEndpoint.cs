using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Appareils;

/// <summary>
/// DELETE /api/identite/me/appareils/{id} — forgets one of the connected person's devices: the login session open on
/// it ends (a kept one, « Rester connecté », included), and the next login from it will be announced again. Another
/// person's device is 404.
/// </summary>
internal static class OublierAppareilEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/me/appareils/{appareilId:guid}", Handle)
        .WithName("OublierAppareil")
        .WithSummary("Oublie un appareil de la personne connectée et ferme la connexion ouverte dessus.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid appareilId, ICurrentUser user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var supprimes = user.PersonneId is { } id
            ? await conn.ExecuteAsync(new CommandDefinition(
                "DELETE FROM identite.appareil WHERE id = @appareilId AND personne_id = @id", new { appareilId, id }, cancellationToken: ct))
            : 0;
        return supprimes == 0 ? Problemes.Introuvable("Aucun de vos appareils ne porte cet identifiant.") : TypedResults.NoContent();
    }
}
