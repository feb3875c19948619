using Microsoft.AspNetCore.Http;

namespace Ent.Identite.Connexion;

/// <summary>
/// The language of the pages the server renders itself (issue 19). Per request: <c>?langue=xx</c> (a link of the
/// picker: it sets the <see cref="Cookie"/> the SPA sets too, then the same URL is asked again without it), else that
/// cookie, else — once the person is known (consent, second factor) — the language saved on their account, else
/// French. French by default whatever the browser's Accept-Language says: the établissement's language is French, and
/// a family picks another one on purpose.
/// </summary>
internal static class Langues
{
    public const string Cookie = "ent_langue";
    public const string Parametre = "langue";
    public const string Francais = "fr";

    /// <summary>The languages, in the picker's order, each with its name in itself. A new language: a line here and a file in Textes/.</summary>
    public static readonly IReadOnlyList<(string Code, string Nom, bool DroiteAGauche)> Toutes =
    [
        ("fr", "Français", false),
        ("en", "English", false),
        ("ar", "العربية", true),
    ];

    private const string CleItems = "ent:langue";

    public static bool Connue(string? code) => code is not null && Toutes.Any(l => l.Code == code);

    public static bool DroiteAGauche(string code) => Toutes.Any(l => l.Code == code && l.DroiteAGauche);

    /// <summary>The language the reader chose in this browser (the cookie), if it names a known one.</summary>
    public static string? Choisie(HttpContext http) =>
        http.Request.Cookies.TryGetValue(Cookie, out var valeur) && Connue(valeur) ? valeur : null;

    /// <summary>The language of the page being rendered.</summary>
    public static string De(HttpContext http) =>
        http.Items.TryGetValue(CleItems, out var langue) && langue is string code ? code : Choisie(http) ?? Francais;

    /// <summary>
    /// Once the person is known: the language saved on their account, unless this browser chose one (the reader's choice
    /// here wins over the account's, and never overwrites it).
    /// </summary>
    public static void DuCompte(HttpContext http, string? langue)
    {
        if (Choisie(http) is null && Connue(langue))
        {
            http.Items[CleItems] = langue;
        }
    }

    /// <summary>
    /// On a page's GET: <c>?langue=xx</c> sets the cookie and sends the browser back to the same path with every other
    /// parameter, never elsewhere (the target is built from this request's own path, and checked local). An unknown
    /// language is dropped the same way, without a cookie.
    /// </summary>
    public static async ValueTask<object?> Filtre(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) || !http.Request.Query.TryGetValue(Parametre, out var demandee))
        {
            return await next(ctx);
        }

        if (Connue(demandee.ToString()))
        {
            Memoriser(http, demandee.ToString());
        }

        return Results.Redirect(Adresse(http, langue: null));
    }

    public static void Memoriser(HttpContext http, string langue) =>
        http.Response.Cookies.Append(Cookie, langue, new CookieOptions
        {
            HttpOnly = false, // the SPA reads and writes the same cookie; it holds no secret
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = TimeSpan.FromDays(365),
        });

    // Pages answered to a POST whose path has a GET: the picker asks that GET again (the form's input is lost, not the page).
    private static readonly HashSet<string> PostsAvecGet =
        ["/connexion", "/connexion/oubli", "/connexion/oubli/code", "/activation", "/activation/envoi", "/connect/endsession"];

    /// <summary>
    /// This page's local address with <paramref name="langue"/> (or without any, when null): the same path and every
    /// other query parameter. A page answered to a POST: its GET twin when it has one (with the form's ReturnUrl), else
    /// the login page.
    /// </summary>
    public static string Adresse(HttpContext http, string? langue)
    {
        var requete = http.Request;
        string chemin;
        List<KeyValuePair<string, string?>> parametres;
        if (HttpMethods.IsGet(requete.Method))
        {
            chemin = requete.PathBase + requete.Path;
            parametres = [.. requete.Query.Where(p => p.Key != Parametre).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))];
        }
        else
        {
            chemin = PostsAvecGet.Contains(requete.Path.Value ?? string.Empty) ? requete.PathBase + requete.Path : requete.PathBase + "/connexion";
            parametres = requete.HasFormContentType && requete.Form.TryGetValue("ReturnUrl", out var retour) && retour.Count == 1
                ? [new("ReturnUrl", retour.ToString())]
                : [];
        }

        if (langue is not null)
        {
            parametres.Add(new(Parametre, langue));
        }

        var adresse = chemin + QueryString.Create(parametres);
        // Belt and braces: whatever the request, only a local path comes out (never « //site » nor « /\site »).
        return ConnexionEndpoints.ReturnUrlSur(adresse) == adresse ? adresse : "/";
    }
}
