using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Ent.Identite.EduConnect;

namespace Ent.Identite.Connexion;

/// <summary>
/// GET/POST /connexion — the login page. A successful login opens a session cookie for the OIDC server only; the
/// apps (the SPA, third parties) then get their tokens from /connect/authorize. Not part of the API document.
/// </summary>
internal static class ConnexionEndpoints
{
    public const string Schema = CookieAuthenticationDefaults.AuthenticationScheme;

    internal sealed class FormulaireConnexion
    {
        public string? Identifiant { get; set; }
        public string? MotDePasse { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Pages.Feuille, () => Results.Text(Pages.Css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/connexion", Afficher).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/connexion", Connecter).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Afficher(HttpContext http, IAntiforgery antiforgery, IOptions<EduConnectOptions> educonnect, string? returnUrl) =>
        Formulaire(http, antiforgery, educonnect.Value.Active, ReturnUrlSur(returnUrl), identifiant: null, erreur: null);

    private static async Task<IResult> Connecter([FromForm] FormulaireConnexion form, HttpContext http, IAntiforgery antiforgery,
        IOptions<EduConnectOptions> educonnect, Comptes comptes, CancellationToken ct)
    {
        var returnUrl = ReturnUrlSur(form.ReturnUrl);
        var avecEduConnect = educonnect.Value.Active;
        if (string.IsNullOrWhiteSpace(form.Identifiant) || string.IsNullOrEmpty(form.MotDePasse))
        {
            return Formulaire(http, antiforgery, avecEduConnect, returnUrl, form.Identifiant, "Saisissez votre identifiant et votre mot de passe.", 400);
        }

        var (verdict, compte) = await comptes.VerifierAsync(form.Identifiant, form.MotDePasse, http.Connection.RemoteIpAddress, ct);
        switch (verdict)
        {
            case Verdict.Accepte:
                await OuvrirSessionAsync(http, compte!);
                return Results.LocalRedirect(returnUrl);
            case Verdict.Verrouille:
                return Formulaire(http, antiforgery, avecEduConnect, returnUrl, form.Identifiant,
                    "Trop d'essais infructueux pour cet identifiant : réessayez dans 15 minutes, ou demandez un nouveau mot de passe à l'établissement.", 429);
            case Verdict.TropDeTentatives:
                return Formulaire(http, antiforgery, avecEduConnect, returnUrl, form.Identifiant,
                    "Trop de tentatives depuis votre connexion : réessayez dans quelques minutes.", 429);
            default:
                return Formulaire(http, antiforgery, avecEduConnect, returnUrl, form.Identifiant, "Identifiant ou mot de passe incorrect.", 401);
        }
    }

    /// <summary>Opens the login session: the same claims whichever way the person proved who they are (password, EduConnect).</summary>
    internal static Task OuvrirSessionAsync(HttpContext http, CompteConnecte compte)
    {
        var identity = new ClaimsIdentity(Schema, "name", "role");
        identity.AddClaim(new Claim("sub", compte.PersonneId.ToString()));
        identity.AddClaim(new Claim("name", $"{compte.Prenom} {compte.Nom}"));
        return http.SignInAsync(Schema, new ClaimsPrincipal(identity));
    }

    /// <summary>Only a local address: never send the browser elsewhere after a login (open redirect).</summary>
    internal static string ReturnUrlSur(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    private static IResult Formulaire(HttpContext http, IAntiforgery antiforgery, bool educonnect, string returnUrl, string? identifiant,
        string? erreur, int status = 200)
    {
        // A plain link, not a form: leaving for EduConnect is a top-level GET, which the CSP's form-action need not allow.
        var lienEduConnect = educonnect
            ? $"""

              <p class="ou">ou</p>
              <a class="bouton secondaire" href="{Pages.E(ConnexionEduConnectEndpoints.Chemin + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl))}">Se connecter avec ÉduConnect</a>
              <p class="aide">Responsables et élèves : avec le compte ÉduConnect de l'Éducation nationale (ou FranceConnect).</p>
            """
            : string.Empty;
        var jeton = antiforgery.GetAndStoreTokens(http);
        var alerte = erreur is null ? string.Empty : $"""<p class="erreur" role="alert" id="erreur">{Pages.E(erreur)}</p>""";
        var decrit = erreur is null ? string.Empty : """ aria-describedby="erreur" """;
        return Pages.Html("Connexion", $"""
            {alerte}
            <form method="post" action="/connexion">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <input type="hidden" name="ReturnUrl" value="{Pages.E(returnUrl)}">
              <div>
                <label for="identifiant">Identifiant</label>
                <input type="text" id="identifiant" name="Identifiant" value="{Pages.E(identifiant)}" autocomplete="username"
                       autocapitalize="none" spellcheck="false" required{decrit}>
              </div>
              <div>
                <label for="motdepasse">Mot de passe</label>
                <input type="password" id="motdepasse" name="MotDePasse" autocomplete="current-password" required{decrit}>
              </div>
              <button type="submit">Se connecter</button>
              <p class="aide"><a href="/connexion/oubli">Mot de passe oublié ?</a> Identifiant oublié : le secrétariat de l'établissement peut vous le redonner.</p>
            </form>{lienEduConnect}
            """, status);
    }
}
