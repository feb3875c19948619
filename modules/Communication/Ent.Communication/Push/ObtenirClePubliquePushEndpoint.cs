using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Ent.Communication.Push;

/// <summary>The platform's VAPID public key, the browser's <c>applicationServerKey</c>.</summary>
/// <param name="ClePublique">The P-256 public key, uncompressed point, base64url (87 characters).</param>
internal sealed record ClePubliquePush(string ClePublique);

/// <summary>
/// GET /api/communication/push/cle-publique — what a browser needs to subscribe. 404 when push is off on this platform
/// (the « Mon compte » screen then hides the block).
/// </summary>
internal static class ObtenirClePubliquePushEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/push/cle-publique", Handle)
        .WithName("ObtenirClePubliquePush")
        .WithSummary("La clé publique VAPID de la plateforme, pour abonner un navigateur aux notifications push.");

    internal static ProblemHttpResult Desactive() =>
        Problemes.Introuvable("Les notifications push ne sont pas activées sur cette plateforme.");

    private static async Task<Results<Ok<ClePubliquePush>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, IOptions<PushOptions> options, ClesVapid cles,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is null)
        {
            return Problemes.SansPersonne();
        }

        if (!options.Value.Actif)
        {
            return Desactive();
        }

        return TypedResults.Ok(new ClePubliquePush((await cles.ObtenirAsync(ct)).Publique));
    }
}
