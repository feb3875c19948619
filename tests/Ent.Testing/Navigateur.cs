using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ent.Testing;

/// <summary>
/// A minimal browser over the test server: keeps cookies, follows redirects within the host, fills the login form
/// like a person would (antiforgery token included). Stops at the first redirect that leaves for an app's redirect URI.
/// </summary>
public sealed partial class Navigateur : IDisposable
{
    private readonly HttpClient _client;

    public Navigateur(WebApplicationFactory<Program> app)
        : this(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }))
    {
    }

    /// <summary>A browser over a client of one's own: it must keep cookies and not follow redirects (a host on a real port).</summary>
    public Navigateur(HttpClient client) => _client = client;

    public HttpClient Client => _client;

    /// <summary>
    /// Opens <paramref name="url"/>, logs in when the login page shows (answering the code page with
    /// <paramref name="code"/> when the account has a second factor), and returns where the host sent the browser in the end.
    /// </summary>
    public async Task<(HttpResponseMessage Derniere, Uri? Sortie)> ParcourirAsync(string url, string identifiant, string motDePasse,
        string? retourApp = null, Func<string>? code = null)
    {
        var courant = new Uri(url, UriKind.RelativeOrAbsolute);
        for (var i = 0; i < 10; i++)
        {
            var reponse = await _client.GetAsync(courant);
            if (reponse.StatusCode == HttpStatusCode.OK && reponse.RequestMessage!.RequestUri!.AbsolutePath == "/connexion")
            {
                reponse = await SoumettreConnexionAsync(await reponse.Content.ReadAsStringAsync(), identifiant, motDePasse);
                if (code is not null && reponse.StatusCode == HttpStatusCode.OK)
                {
                    var page = await reponse.Content.ReadAsStringAsync();
                    if (page.Contains("action=\"/connexion/code\"", StringComparison.Ordinal))
                    {
                        reponse = await SoumettreCodeAsync(page, code());
                    }
                }
            }

            if (reponse.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            {
                return (reponse, null);
            }

            var cible = new Uri(_client.BaseAddress!, reponse.Headers.Location!);
            if (retourApp is not null && cible.AbsoluteUri.StartsWith(retourApp, StringComparison.Ordinal))
            {
                return (reponse, cible);
            }

            courant = cible;
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public async Task<HttpResponseMessage> SoumettreConnexionAsync(string page, string identifiant, string motDePasse)
    {
        var champs = Champs(page);
        champs["Identifiant"] = identifiant;
        champs["MotDePasse"] = motDePasse;
        return await _client.PostAsync("/connexion", new FormUrlEncodedContent(champs));
    }

    /// <summary>Answers the second step of a login: the code page, or the setup page an établissement requires.</summary>
    public async Task<HttpResponseMessage> SoumettreCodeAsync(string page, string code)
    {
        var champs = Champs(page);
        champs["Code"] = code;
        var action = page.Contains("action=\"/connexion/double-authentification\"", StringComparison.Ordinal)
            ? "/connexion/double-authentification"
            : "/connexion/code";
        return await _client.PostAsync(action, new FormUrlEncodedContent(champs));
    }

    /// <summary>The hidden fields of a page's form (antiforgery token, return address).</summary>
    public static Dictionary<string, string> Champs(string page) => ChampCache().Matches(page)
        .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["nom"].Value), m => WebUtility.HtmlDecode(m.Groups["valeur"].Value));

    [GeneratedRegex("""<input type="hidden" name="(?<nom>[^"]+)" value="(?<valeur>[^"]*)">""")]
    private static partial Regex ChampCache();

    public void Dispose() => _client.Dispose();
}
