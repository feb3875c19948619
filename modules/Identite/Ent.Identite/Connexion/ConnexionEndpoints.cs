using System.Security.Claims;
using Ent.Identite.DoubleAuthentification;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
        public bool ResterConnecte { get; set; }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Pages.Feuille, () => Results.Text(Pages.Css, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/connexion", Afficher).AllowAnonymous().ExcludeFromDescription().AddEndpointFilter(Langues.Filtre);
        app.MapPost("/connexion", Connecter).AllowAnonymous().ExcludeFromDescription();
        SecondFacteurEndpoints.Map(app);
    }

    private static IResult Afficher(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        Formulaire(http, antiforgery, ReturnUrlSur(returnUrl), identifiant: null, erreur: null);

    private static async Task<IResult> Connecter([FromForm] FormulaireConnexion form, HttpContext http, IAntiforgery antiforgery,
        Comptes comptes, SecondFacteur secondFacteur, IDataProtectionProvider protection, CancellationToken ct)
    {
        var returnUrl = ReturnUrlSur(form.ReturnUrl);
        if (string.IsNullOrWhiteSpace(form.Identifiant) || string.IsNullOrEmpty(form.MotDePasse))
        {
            return Formulaire(http, antiforgery, returnUrl, form.Identifiant, Textes.De(http)["connexion.saisir"], 400);
        }

        var (verdict, compte) = await comptes.VerifierAsync(form.Identifiant, form.MotDePasse, http.Connection.RemoteIpAddress, ct);
        if (verdict is Verdict.CodeRequis or Verdict.EnrolementRequis)
        {
            // The person is known from here: their account's language, unless this browser chose one.
            Langues.DuCompte(http, await comptes.LangueAsync(compte!.PersonneId, ct));
        }

        switch (verdict)
        {
            case Verdict.Accepte:
                await OuvrirSessionAsync(http, compte!, form.ResterConnecte);
                return Results.LocalRedirect(returnUrl);
            case Verdict.CodeRequis:
                return SecondFacteurEndpoints.PageCode(http, antiforgery, protection,
                    Ticket(compte!, form.Identifiant, TicketConnexion.Code, returnUrl, form.ResterConnecte));
            case Verdict.EnrolementRequis:
                var ticket = Ticket(compte!, form.Identifiant, TicketConnexion.Enrolement, returnUrl, form.ResterConnecte);
                var enrolement = await secondFacteur.DemarrerAsync(compte!.PersonneId, ticket.Identifiant, ct);
                return enrolement is null
                    ? Expiree(http, antiforgery)
                    : SecondFacteurEndpoints.PageEnrolement(http, antiforgery, protection, ticket, enrolement);
            case Verdict.Verrouille or Verdict.TropDeTentatives:
                return Limite(http, antiforgery, returnUrl, verdict, form.Identifiant);
            case Verdict.AActiver:
                return Formulaire(http, antiforgery, returnUrl, form.Identifiant,
                    Textes.De(http)["connexion.aActiver"],
                    401, lienActivation: true);
            default:
                return Formulaire(http, antiforgery, returnUrl, form.Identifiant, Textes.De(http)["connexion.incorrect"], 401);
        }
    }

    private static TicketConnexion Ticket(CompteConnecte compte, string identifiant, string etape, string returnUrl, bool resterConnecte) =>
        new(compte.PersonneId, identifiant.Trim().ToLowerInvariant(), compte.Prenom, compte.Nom, etape, returnUrl, resterConnecte);

    /// <summary>
    /// Opens the login session, once every factor the account needs has been checked: the same claims whichever way
    /// the person proved who they are (password and second factor, EduConnect). A session cookie, unless the person
    /// chose « Rester connecté » (<see cref="ResterConnecte"/>).
    /// </summary>
    public static async Task OuvrirSessionAsync(HttpContext http, CompteConnecte compte, bool resterConnecte = false)
    {
        // The stamp as it is now, after any change this login made (a second factor set up on the way).
        var tampon = await http.RequestServices.GetRequiredService<Comptes>().TamponAsync(compte.PersonneId, http.RequestAborted)
                     ?? throw new InvalidOperationException("A session opened for an account that is not active.");
        var identity = new ClaimsIdentity(Schema, "name", "role");
        identity.AddClaim(new Claim("sub", compte.PersonneId.ToString()));
        identity.AddClaim(new Claim("name", $"{compte.Prenom} {compte.Nom}"));
        identity.AddClaim(new Claim(ClaimTampon, tampon.ToString()));
        var options = http.RequestServices.GetRequiredService<IOptions<ConnexionOptions>>().Value;
        await http.SignInAsync(Schema, new ClaimsPrincipal(identity),
            ResterConnecte.Proprietes(resterConnecte, http.RequestServices.GetRequiredService<TimeProvider>(), options));
    }

    /// <summary>The account's security stamp when the session opened (see <see cref="ValiderSessionAsync"/>).</summary>
    public const string ClaimTampon = "ent:tampon";

    /// <summary>The device the session opened on (<see cref="Appareils.Appareils"/>): forgetting it ends the session.</summary>
    public const string ClaimAppareil = "ent:appareil";

    /// <summary>
    /// Just before the session cookie is written, whatever opened it (password, second factor, EduConnect): recognise
    /// the device, and bind the session to it (<see cref="ClaimAppareil"/>).
    /// </summary>
    public static async Task LierAppareilAsync(CookieSigningInContext ctx)
    {
        var identity = (ClaimsIdentity)ctx.Principal!.Identity!;
        var personneId = Guid.Parse(identity.FindFirst("sub")!.Value);
        Guid? memorise = ctx.Properties.IsPersistent ? Guid.Parse(identity.FindFirst(ClaimTampon)!.Value) : null;
        var appareil = await ctx.HttpContext.RequestServices.GetRequiredService<Appareils.Appareils>()
            .ConnexionOuverteAsync(ctx.HttpContext, personneId, memorise, ctx.HttpContext.RequestAborted);
        identity.AddClaim(new Claim(ClaimAppareil, appareil.ToString()));
    }

    /// <summary>
    /// Each time the login cookie is read (the OIDC server's /connect/authorize, the login pages): the session holds
    /// only while the account is active and its security stamp unchanged, so a password change or reset, a second
    /// factor enabled or disabled, « se déconnecter partout », or a deactivation ends every session opened before —
    /// here, on every instance. So does forgetting the device the session opened on (the devices list). A cookie
    /// without a stamp or a device (opened before they existed) is refused too.
    /// </summary>
    public static async Task ValiderSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var comptes = ctx.HttpContext.RequestServices.GetRequiredService<Comptes>();
        var tampon = Guid.TryParse(ctx.Principal?.FindFirstValue("sub"), out var id)
                     && Guid.TryParse(ctx.Principal.FindFirstValue(ClaimAppareil), out var appareil)
            ? await comptes.TamponSurAppareilAsync(id, appareil, ctx.HttpContext.RequestAborted)
            : null;
        if (tampon is null || ctx.Principal!.FindFirstValue(ClaimTampon) != tampon.Value.ToString())
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(Schema);
            ResterConnecte.Effacer(ctx.HttpContext);
        }
    }

    public static IResult Limite(HttpContext http, IAntiforgery antiforgery, string returnUrl, Verdict verdict, string? identifiant = null) =>
        Formulaire(http, antiforgery, returnUrl, identifiant, verdict == Verdict.Verrouille
            ? Textes.De(http)["connexion.verrouille"]
            : Textes.De(http)["commun.tropDeTentatives"], 429);

    /// <summary>The second step came too late (or with a ticket that is not ours): start again from the password.</summary>
    public static IResult Expiree(HttpContext http, IAntiforgery antiforgery) =>
        Formulaire(http, antiforgery, "/", null, Textes.De(http)["connexion.expiree"], 400);

    /// <summary>
    /// Only a local path: never send the browser elsewhere after a login (open redirect). No control character (a tab
    /// or a line break inside « /\t/site » is dropped by browsers, which then read « //site »), no backslash, no
    /// « // »: anything else becomes the home page.
    /// </summary>
    internal static string ReturnUrlSur(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 2048 && returnUrl[0] == '/'
        && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.Any(c => char.IsControl(c) || c == '\\')
        && Uri.TryCreate(returnUrl, UriKind.Relative, out _)
            ? returnUrl
            : "/";

    private static IResult Formulaire(HttpContext http, IAntiforgery antiforgery, string returnUrl, string? identifiant,
        string? erreur, int status = 200, bool lienActivation = false)
    {
        var t = Textes.De(http);
        var educonnect = http.RequestServices.GetRequiredService<IOptions<EduConnectOptions>>().Value.Active;
        // A plain link, not a form: leaving for EduConnect is a top-level GET, which the CSP's form-action need not allow.
        var lienEduConnect = educonnect
            ? $"""

              <p class="ou">{t["commun.ou"]}</p>
              <a class="bouton secondaire" href="{Pages.E(ConnexionEduConnectEndpoints.Chemin + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl))}">{t["connexion.educonnect"]}</a>
              <p class="aide">{t["connexion.aideEduconnect"]}</p>
            """
            : string.Empty;
        var options = http.RequestServices.GetRequiredService<IOptions<ConnexionOptions>>().Value;
        var jeton = antiforgery.GetAndStoreTokens(http);
        var alerte = Pages.Alerte(erreur) + (lienActivation
            ? $"""<p><a class="bouton" href="{Pages.E(Activation.ActivationEndpoints.Chemin + "?identifiant=" + Uri.EscapeDataString(identifiant ?? string.Empty))}">{t["commun.activerMonCompte"]}</a></p>"""
            : string.Empty);
        var decrit = erreur is null ? string.Empty : """ aria-describedby="erreur" """;
        return Pages.Html(t["connexion.titre"], $"""
            {alerte}
            <form method="post" action="/connexion">
              <input type="hidden" name="{Pages.E(jeton.FormFieldName)}" value="{Pages.E(jeton.RequestToken)}">
              <input type="hidden" name="ReturnUrl" value="{Pages.E(returnUrl)}">
              <div>
                <label for="identifiant">{t["commun.identifiant"]}</label>
                <input type="text" id="identifiant" name="Identifiant" value="{Pages.E(identifiant)}" autocomplete="username"
                       autocapitalize="none" spellcheck="false" required{decrit}>
              </div>
              <div>
                <label for="motdepasse">{t["connexion.motDePasse"]}</label>
                <input type="password" id="motdepasse" name="MotDePasse" autocomplete="current-password" required{decrit}>
              </div>
              <div>
                <div class="choix">
                  <input type="checkbox" id="resterconnecte" name="ResterConnecte" value="true" aria-describedby="aide-rester">
                  <label for="resterconnecte">{t["connexion.resterConnecte"]}</label>
                </div>
                <p class="aide" id="aide-rester">{t.F("connexion.aideRester", options.ResterConnecteJours)}</p>
              </div>
              <button type="submit">{t["commun.seConnecter"]}</button>
              <p class="aide"><a href="/connexion/oubli">{t["connexion.oublie"]}</a> {t["connexion.identifiantOublie"]}</p>
              <p><a href="{Activation.ActivationEndpoints.Chemin}">{t["connexion.premiere"]}</a></p>
            </form>{lienEduConnect}
            """, status, support: true);
    }
}
