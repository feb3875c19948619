using System.Net;
using System.Text.RegularExpressions;
using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Browser;

namespace Ent.Bench;

/// <summary>
/// Real tokens, as the SPA gets them: authorization code + PKCE through the server-rendered login page, with
/// offline_access for a refresh token. The browser part follows tests/Ent.Testing/Navigateur.cs on a real port.
/// </summary>
internal static partial class Connexion
{
    public const string Portees =
        "openid profile offline_access identite.read scolarite.read scolarite.write viescolaire.read viescolaire.write communication.read communication.write";

    public sealed record Jetons(string Acces, string Rafraichissement);

    public static async Task<Jetons> ConnecterAsync(string url, string identifiant, string motDePasse)
    {
        using var navigateur = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(url),
        };
        var client = new OidcClient(new OidcClientOptions
        {
            Authority = url,
            ClientId = "ent-spa",
            Scope = Portees,
            RedirectUri = url + "/connexion/retour",
            Browser = new Personne(navigateur, identifiant, motDePasse),
            LoadProfile = false,
            Policy = new Policy { Discovery = new Duende.IdentityModel.Client.DiscoveryPolicy { RequireHttps = false } },
        });
        var resultat = await client.LoginAsync();
        return resultat.IsError
            ? throw new InvalidOperationException($"Connexion de {identifiant} impossible : {resultat.Error} {resultat.ErrorDescription}")
            : new Jetons(resultat.AccessToken, resultat.RefreshToken);
    }

    private sealed class Personne(HttpClient client, string identifiant, string motDePasse) : IBrowser
    {
        public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
        {
            var courant = new Uri(options.StartUrl);
            for (var i = 0; i < 10; i++)
            {
                var reponse = await client.GetAsync(courant, cancellationToken);
                if (reponse.StatusCode == HttpStatusCode.OK && reponse.RequestMessage!.RequestUri!.AbsolutePath == "/connexion")
                {
                    var champs = Champs(await reponse.Content.ReadAsStringAsync(cancellationToken));
                    champs["Identifiant"] = identifiant;
                    champs["MotDePasse"] = motDePasse;
                    reponse = await client.PostAsync("/connexion", new FormUrlEncodedContent(champs), cancellationToken);
                }

                if (reponse.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
                {
                    return new BrowserResult { ResultType = BrowserResultType.UnknownError, Error = $"{(int)reponse.StatusCode} sur {courant}" };
                }

                var cible = new Uri(client.BaseAddress!, reponse.Headers.Location!);
                if (cible.AbsoluteUri.StartsWith(options.EndUrl, StringComparison.Ordinal))
                {
                    return new BrowserResult { ResultType = BrowserResultType.Success, Response = cible.AbsoluteUri };
                }

                courant = cible;
            }

            return new BrowserResult { ResultType = BrowserResultType.UnknownError, Error = "Trop de redirections." };
        }
    }

    private static Dictionary<string, string> Champs(string page) => ChampCache().Matches(page)
        .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["nom"].Value), m => WebUtility.HtmlDecode(m.Groups["valeur"].Value));

    [GeneratedRegex("""<input type="hidden" name="(?<nom>[^"]+)" value="(?<valeur>[^"]*)">""")]
    private static partial Regex ChampCache();
}
