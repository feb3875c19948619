using System.Security.Claims;
using Ent.Identite.Connexion;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ent.Identite.Oidc;

/// <summary>
/// POST /connect/token — after OpenIddict's checks: a code or refresh token is honoured only while the account is
/// still active (a blocked account loses its sessions at the next refresh); client_credentials gives an
/// application a token for itself (its client id as subject, no person: it sees no pupil's data).
/// </summary>
internal static class JetonEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/connect/token", Handle).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Handle(HttpContext http, IOpenIddictApplicationManager applications, Comptes comptes, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var compte = Guid.TryParse(result.Principal?.GetClaim(Claims.Subject), out var id) ? await comptes.ActifAsync(id, ct) : null;
            if (compte is null)
            {
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "Le compte n'est plus actif.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }

            var identity = Identites.Pour(compte, result.Principal!.GetScopes());
            identity.SetAuthorizationId(result.Principal!.GetAuthorizationId());
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
                              ?? throw new InvalidOperationException("Unknown client after OpenIddict's validation.");
            var identity = new ClaimsIdentity("Ent", Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, ct));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(c => c.Type == Claims.Subject ? [Destinations.AccessToken] : []);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.UnsupportedGrantType,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
