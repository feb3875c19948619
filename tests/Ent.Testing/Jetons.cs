using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Duende.IdentityModel.OidcClient.Browser;
using Ent.Kernel.Demo;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Ent.Testing;

/// <summary>
/// Real access tokens for tests: the person logs in on the login page and the SPA's client (code + PKCE) gets the
/// token, exactly as in production. One login per person and host, cached.
/// </summary>
public static class Jetons
{
    public const string PorteesSpa =
        "openid profile offline_access identite.read identite.write scolarite.read scolarite.write viescolaire.read " +
        "viescolaire.write communication.read communication.write ressources.read ressources.write";

    private static readonly ConcurrentDictionary<(WebApplicationFactory<Program>, string), Lazy<Task<string>>> Cache = new();

    /// <summary>
    /// OidcClient's browser: a person who logs in on the login page when it shows, and gives <c>code</c>'s answer
    /// (their authenticator) when the account asks for a second factor.
    /// </summary>
    public sealed class Personne(Navigateur navigateur, string identifiant, string motDePasse, Func<string>? code = null) : IBrowser
    {
        public async Task<BrowserResult> InvokeAsync(BrowserOptions options, CancellationToken cancellationToken = default)
        {
            var (derniere, sortie) = await navigateur.ParcourirAsync(options.StartUrl, identifiant, motDePasse, options.EndUrl, code);
            return sortie is null
                ? new BrowserResult { ResultType = BrowserResultType.UnknownError, Error = $"{(int)derniere.StatusCode} {await derniere.Content.ReadAsStringAsync(cancellationToken)}" }
                : new BrowserResult { ResultType = BrowserResultType.Success, Response = sortie.AbsoluteUri };
        }
    }

    public static OidcClient ClientSpa(WebApplicationFactory<Program> app, Navigateur navigateur, string identifiant,
        string motDePasse = DemoLycee.MotDePasse, string scope = PorteesSpa, Func<string>? code = null) => new(new OidcClientOptions
    {
        Authority = "http://localhost",
        ClientId = "ent-spa",
        Scope = scope,
        RedirectUri = "http://localhost/connexion/retour",
        Browser = new Personne(navigateur, identifiant, motDePasse, code),
        BackchannelHandler = app.Server.CreateHandler(),
        LoadProfile = false,
        Policy = new Policy { Discovery = new DiscoveryPolicy { RequireHttps = false } },
    });

    public static Task<string> JetonAsync(this WebApplicationFactory<Program> app, string identifiant) =>
        Cache.GetOrAdd((app, identifiant), key => new Lazy<Task<string>>(async () =>
        {
            using var navigateur = new Navigateur(key.Item1);
            var result = await ClientSpa(key.Item1, navigateur, key.Item2).LoginAsync();
            return result.IsError ? throw new InvalidOperationException($"Login of {key.Item2} failed: {result.Error}") : result.AccessToken;
        })).Value;

    /// <summary>An HTTP client whose requests carry the person's access token.</summary>
    public static HttpClient ClientConnecte(this WebApplicationFactory<Program> app, string identifiant) =>
        app.CreateDefaultClient(new JetonHandler(() => app.JetonAsync(identifiant)));

    private sealed class JetonHandler(Func<Task<string>> jeton) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await jeton());
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
