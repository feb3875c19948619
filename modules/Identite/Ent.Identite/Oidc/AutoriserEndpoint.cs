using System.Security.Claims;
using Ent.Identite.Connexion;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ent.Identite.Oidc;

/// <summary>
/// GET/POST /connect/authorize — OpenIddict has validated the request (client, redirect URI, PKCE, scopes); here Ent
/// decides who the user is (the login session, else the login page) and, for a third-party application, asks the
/// user's consent once and remembers it.
/// </summary>
internal static class AutoriserEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], Handle).AllowAnonymous().ExcludeFromDescription()
            .AddEndpointFilter(Langues.Filtre);

    private static async Task<IResult> Handle(HttpContext http, IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager autorisations, IAntiforgery antiforgery, Comptes comptes, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(ConnexionEndpoints.Schema);
        var compte = session.Succeeded && Guid.TryParse(session.Principal.FindFirstValue("sub"), out var id)
            ? await comptes.ActifAsync(id, ct)
            : null;

        if (compte is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                // The SPA tried because of the marker: without it, the next tab does not try again (no loop).
                ResterConnecte.Effacer(http);
                return Refus(Errors.LoginRequired, "L'utilisateur n'est pas connecté.");
            }

            // Back here once logged in, with the same parameters (prompt=login removed, or it would loop).
            var parametres = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            parametres.RemoveAll(p => p.Key == Parameters.Prompt);
            var retour = http.Request.PathBase + http.Request.Path + QueryString.Create(parametres);
            if (compte is not null)
            {
                await http.SignOutAsync(ConnexionEndpoints.Schema);
            }

            return Results.Challenge(new AuthenticationProperties { RedirectUri = retour }, [ConnexionEndpoints.Schema]);
        }

        // A scope the person could not read on the consent page is never granted (nor silently left off the page).
        if (request.GetScopes().FirstOrDefault(p => !Portees.Libelles.ContainsKey(p)) is { } sansLibelle)
        {
            return Refus(Errors.InvalidScope, $"La portée « {sansLibelle} » n'est pas décrite : elle ne peut pas être accordée.");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, ct)
                          ?? throw new InvalidOperationException("Unknown client after OpenIddict's validation.");
        var sujet = compte.PersonneId.ToString();
        var portees = request.GetScopes();

        if (await applications.HasConsentTypeAsync(application, ConsentTypes.Explicit, ct))
        {
            // The consent page is read by a known person: their account's language, unless this browser chose one.
            Langues.DuCompte(http, await comptes.LangueAsync(compte.PersonneId, ct));
            var existantes = await autorisations.FindAsync(sujet, await applications.GetIdAsync(application, ct),
                Statuses.Valid, AuthorizationTypes.Permanent, portees, ct).ToListAsync(ct);
            if (existantes.Count == 0)
            {
                if (http.Request.HasFormContentType && http.Request.Form["consentement"] == "accepter")
                {
                    await antiforgery.ValidateRequestAsync(http);
                }
                else if (http.Request.HasFormContentType && http.Request.Form["consentement"] == "refuser")
                {
                    return Refus(Errors.AccessDenied, "L'utilisateur a refusé l'accès.");
                }
                else if (request.HasPromptValue(PromptValues.None))
                {
                    return Refus(Errors.ConsentRequired, "Le consentement de l'utilisateur est nécessaire.");
                }
                else
                {
                    // The consent form's answer redirects to the application: the CSP's form-action must allow it.
                    if (Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var retour))
                    {
                        http.Items[Kernel.Http.EnTetes.FormActionSupplementaire] = retour.GetLeftPart(UriPartial.Authority);
                    }

                    return PageConsentement(http, antiforgery, await applications.GetDisplayNameAsync(application, ct) ?? request.ClientId!, portees);
                }
            }
        }

        var identity = Identites.Pour(compte, portees);
        if (await applications.HasConsentTypeAsync(application, ConsentTypes.Explicit, ct))
        {
            // Remember the consent: the next authorization for the same scopes does not ask again.
            var autorisation = await autorisations.CreateAsync(new ClaimsPrincipal(identity), sujet,
                (await applications.GetIdAsync(application, ct))!, AuthorizationTypes.Permanent, identity.GetScopes(), ct);
            identity.SetAuthorizationId(await autorisations.GetIdAsync(autorisation, ct));
        }

        ResterConnecte.Marquer(http, session.Properties);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refus(string erreur, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = erreur,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    private static IResult PageConsentement(HttpContext http, IAntiforgery antiforgery, string application, IEnumerable<string> portees)
    {
        var jeton = antiforgery.GetAndStoreTokens(http);
        var champs = string.Concat((http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList())
            .Where(p => p.Key is not ("consentement" or "__RequestVerificationToken"))
            .SelectMany(p => p.Value.Select(v => $"""<input type="hidden" name="{Pages.E(p.Key)}" value="{Pages.E(v)}">""")));
        var t = Textes.De(http);
        var droits = string.Concat(portees.Select(p => $"<li>{Pages.E(t.Existe("portee." + p) ? t["portee." + p] : Portees.Libelles[p])}</li>"));
        return Pages.Html(t["consentement.titre"], $"""
            <form method="post" action="/connect/authorize">
              <p>{t.F("consentement.demande", $"<strong>{Pages.E(application)}</strong>")}</p>
              <ul>{droits}</ul>
              <p class="aide">{t["consentement.aide"]}</p>
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              {champs}
              <button type="submit" name="consentement" value="accepter">{t["consentement.autoriser"]}</button>
              <button type="submit" name="consentement" value="refuser" class="secondaire">{t["consentement.refuser"]}</button>
            </form>
            """);
    }
}
