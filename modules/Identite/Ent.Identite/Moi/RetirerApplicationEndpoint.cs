using Ent.Identite.Oidc;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;

namespace Ent.Identite.Moi;

/// <summary>
/// DELETE /api/identite/me/applications/{applicationId} — the connected person withdraws a third-party application's
/// access: every authorization they gave it and every token it holds for them are revoked, its access token stops
/// working at the API at once (<see cref="JetonsRevoques"/>), and the next use asks for consent again. An application
/// the person never allowed (or Ent's own) is 404.
/// </summary>
internal static class RetirerApplicationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/me/applications/{applicationId}", Handle)
        .WithName("RetirerApplication")
        .WithSummary("Retire à une application tierce l'accès que la personne connectée lui avait donné.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(string applicationId, HttpContext http, ICurrentUser user,
        IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager autorisations, IOpenIddictTokenManager jetons,
        CancellationToken ct)
    {
        if (ApplicationsAutorisees.HorsApplicationEnt(http.User) is { } refus)
        {
            return refus;
        }

        if (user.PersonneId is not { } id)
        {
            return Problemes.SansPersonne();
        }

        if (applicationId.Length > 100)
        {
            return new Erreurs().Add("applicationId", "L'identifiant d'une application fait 100 caractères au plus.").ToProblem();
        }

        var application = await applications.FindByIdAsync(applicationId, ct);
        if (application is null || await applications.GetClientIdAsync(application, ct) == ClientsOidc.Spa)
        {
            return Problemes.Introuvable("Aucune application autorisée ne porte cet identifiant.");
        }

        var sujet = id.ToString();
        var retirees = await autorisations.RevokeAsync(sujet, applicationId, OpenIddictConstants.Statuses.Valid, type: null, ct);
        await jetons.RevokeAsync(sujet, applicationId, status: null, type: null, ct);
        return retirees == 0
            ? Problemes.Introuvable("Aucune application autorisée ne porte cet identifiant.")
            : TypedResults.NoContent();
    }
}
