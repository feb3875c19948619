using Ent.Identite.Connexion;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ent.Identite.Oidc;

/// <summary>GET/POST /connect/userinfo — the subject, and the name with the profile scope.</summary>
internal static class InfoUtilisateurEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMethods("/connect/userinfo", [HttpMethods.Get, HttpMethods.Post], Handle).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Handle(HttpContext http, Comptes comptes, CancellationToken ct)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        // The person from the claim only a person's login sets, not the subject (an application's token has its client id).
        var compte = Guid.TryParse(result.Principal?.GetClaim(Kernel.Http.ClaimsEnt.Personne), out var id) ? await comptes.ActifAsync(id, ct) : null;
        if (compte is null)
        {
            return Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Le compte n'est plus actif.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = compte.PersonneId.ToString() };
        if (result.Principal!.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = $"{compte.Prenom} {compte.Nom}";
            claims[Claims.GivenName] = compte.Prenom;
            claims[Claims.FamilyName] = compte.Nom;
        }

        return Results.Ok(claims);
    }
}
