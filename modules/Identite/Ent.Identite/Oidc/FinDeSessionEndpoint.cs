using System.Security.Claims;
using Ent.Identite.Connexion;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Ent.Identite.Oidc;

/// <summary>
/// GET/POST /connect/endsession — closes the login session, then OpenIddict returns to the app's logout page.
/// With the app's <c>id_token_hint</c> (OpenIddict has checked it was issued here) the logout is the app's own and is
/// done at once, its tokens revoked with it. Without it, any site could log a person out with a link or an image, so
/// the person confirms on a page of Ent's own (a form posted with the antiforgery token).
/// </summary>
internal static class FinDeSessionEndpoint
{
    private const string Champ = "deconnexion";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMethods("/connect/endsession", [HttpMethods.Get, HttpMethods.Post], (Delegate)Handle).AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(Langues.Filtre);

    private static async Task<IResult> Handle(HttpContext http, IAntiforgery antiforgery, IOpenIddictTokenManager jetons,
        IOpenIddictAuthorizationManager autorisations, CancellationToken ct)
    {
        // A hint that OpenIddict could not validate never gets here (it answers the error itself).
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var indice = string.IsNullOrEmpty(request.IdTokenHint)
            ? null
            : (await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (indice is null)
        {
            var confirme = http.Request.HasFormContentType && http.Request.Form[Champ] == "confirmer";
            if (!confirme)
            {
                return Confirmation(http, antiforgery);
            }

            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Confirmation(http, antiforgery, 400);
            }
        }
        else if (indice.GetAuthorizationId() is { Length: > 0 } autorisationId)
        {
            // The app's session ends with its tokens: the access token stops working at the API at once.
            await jetons.RevokeByAuthorizationIdAsync(autorisationId, ct);
            if (await autorisations.FindByIdAsync(autorisationId, ct) is { } autorisation
                && await autorisations.HasTypeAsync(autorisation, OpenIddictConstants.AuthorizationTypes.AdHoc, ct))
            {
                await autorisations.TryRevokeAsync(autorisation, ct);
            }
        }

        // A login kept with « Rester connecté » ends here too: no longer shown on the device, no marker left.
        if (Guid.TryParse((await http.AuthenticateAsync(ConnexionEndpoints.Schema)).Principal?.FindFirstValue(ConnexionEndpoints.ClaimAppareil), out var appareil))
        {
            await http.RequestServices.GetRequiredService<Appareils.Appareils>().OublierConnexionAsync(appareil, ct);
        }

        await http.SignOutAsync(ConnexionEndpoints.Schema);
        ResterConnecte.Effacer(http);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Confirmation(HttpContext http, IAntiforgery antiforgery, int status = 200)
    {
        var jeton = antiforgery.GetAndStoreTokens(http);
        var champs = string.Concat((http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList())
            .Where(p => p.Key is not (Champ or "__RequestVerificationToken") && p.Key != jeton.FormFieldName)
            .SelectMany(p => p.Value.Select(v => $"""<input type="hidden" name="{Pages.E(p.Key)}" value="{Pages.E(v)}">""")));
        var t = Textes.De(http);
        return Pages.Html(t["deconnexion.titre"], $"""
            <form method="post" action="/connect/endsession">
              <p>{t["deconnexion.question"]}</p>
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              {champs}
              <button type="submit" name="{Champ}" value="confirmer">{t["deconnexion.titre"]}</button>
              <a class="bouton secondaire" href="/">{t["deconnexion.rester"]}</a>
            </form>
            """, status);
    }
}
