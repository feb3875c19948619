using Ent.Identite.Connexion;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Server.AspNetCore;

namespace Ent.Identite.Oidc;

/// <summary>GET/POST /connect/endsession — closes the login session, then OpenIddict returns to the app's logout page.</summary>
internal static class FinDeSessionEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], (Delegate)Handle).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Handle(HttpContext http)
    {
        await http.SignOutAsync(ConnexionEndpoints.Schema);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
