using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using OpenIddict.Abstractions;

namespace Ent.Identite.Appareils;

/// <summary>
/// POST /api/identite/me/deconnexion-partout — « Se déconnecter partout »: every login session of the connected
/// person ends (kept ones, « Rester connecté », included: a new security stamp, which every session is checked
/// against), and every token issued to them is revoked — this tab's too: the app then shows its public page.
/// </summary>
internal static class DeconnecterPartoutEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/deconnexion-partout", Handle)
        .WithName("DeconnecterPartout")
        .WithSummary("Ferme toutes les connexions de la personne connectée, sur tous ses appareils.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(ICurrentUser user, NpgsqlDataSource db,
        IOpenIddictTokenManager jetons, CancellationToken ct)
    {
        if (user.PersonneId is not { } id)
        {
            return Problemes.SansPersonne();
        }

        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE identite.compte SET tampon_securite = gen_random_uuid() WHERE personne_id = @id", new { id }, cancellationToken: ct));
        }

        await jetons.RevokeBySubjectAsync(id.ToString(), ct);
        return TypedResults.NoContent();
    }
}
