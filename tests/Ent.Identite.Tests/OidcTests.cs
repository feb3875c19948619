using System.Net;
using System.Net.Http.Headers;
using Duende.IdentityModel.Client;
using Duende.IdentityModel.OidcClient;
using Ent.Kernel.Demo;
using Ent.Testing;

namespace Ent.Identite.Tests;

/// <summary>
/// The OIDC server as clients see it, driven by a standard client library (Duende's OidcClient), not by Ent's code:
/// code + PKCE for the SPA, client credentials for a third party, and the API's answer to each token.
/// </summary>
public sealed class OidcTests(EntApp app) : IClassFixture<EntApp>
{
    private const string RedirectSpa = "http://localhost/connexion/retour";

    private OidcClient Spa(Navigateur navigateur, string identifiant, string motDePasse = DemoLycee.MotDePasse) => new(new OidcClientOptions
    {
        Authority = "http://localhost",
        ClientId = "ent-spa",
        Scope = "openid profile offline_access identite.read scolarite.read",
        RedirectUri = RedirectSpa,
        Browser = new Jetons.Personne(navigateur, identifiant, motDePasse),
        BackchannelHandler = app.Server.CreateHandler(),
        LoadProfile = true,
        Policy = new Policy { Discovery = new DiscoveryPolicy { RequireHttps = false } },
    });

    private async Task<HttpResponseMessage> GetAsync(string url, string? jeton)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (jeton is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jeton);
        }

        return await app.CreateClient().SendAsync(request);
    }

    private async Task<TokenResponse> ClientCredentialsAsync(string clientId, string scope)
    {
        using var http = app.CreateClient();
        return await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = "/connect/token",
            ClientId = clientId,
            ClientSecret = EntApp.SecretTiers,
            Scope = scope,
        });
    }

    [Fact]
    public async Task Discovery_publishes_every_endpoint_and_the_keys()
    {
        var discovery = await (await app.CreateClient().GetAsync("/.well-known/openid-configuration")).ReadJsonAsync();
        var jwks = await (await app.CreateClient().GetAsync((string)discovery["jwks_uri"]!)).ReadJsonAsync();

        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "end_session_endpoint", "revocation_endpoint", "introspection_endpoint" })
        {
            Assert.False(string.IsNullOrEmpty((string?)discovery[endpoint]), endpoint);
        }

        Assert.Equal(["S256"], discovery["code_challenge_methods_supported"]!.AsArray().Select(m => (string)m!));
        Assert.Equal("RSA", (string?)jwks["keys"]![0]!["kty"]);
    }

    [Fact]
    public async Task A_standard_client_completes_code_and_pkce_and_calls_the_api_with_the_token()
    {
        using var navigateur = new Navigateur(app);
        var result = await Spa(navigateur, "parent.001").LoginAsync();

        Assert.False(result.IsError, result.Error + " " + result.ErrorDescription);
        Assert.False(string.IsNullOrEmpty(result.RefreshToken));
        Assert.Contains(result.User.Claims, c => c.Type == "name" && c.Value.Length > 0); // from userinfo

        var moi = await (await GetAsync("/api/identite/me", result.AccessToken)).ReadJsonAsync();
        Assert.Equal(result.User.FindFirst("sub")!.Value, (string?)moi["id"]);
        Assert.Contains(moi["profils"]!.AsArray(), p => (string?)p!["profil"] == "responsable" && (string?)p["uai"] == DemoLycee.Uai);
        Assert.Equal(2, moi["enfants"]!.AsArray().Count);
        // A legal guardian sees every part of their children's data, as the access rules say.
        Assert.All(moi["enfants"]!.AsArray(), e => Assert.Equal(["travail_scolaire", "vie_scolaire", "sante", "messages", "identite"],
            e!["domaines"]!.AsArray().Select(d => (string)d!)));
        Assert.False((bool)moi["doubleAuthentification"]!);
    }

    [Fact]
    public async Task A_refresh_token_is_used_once_and_replaced()
    {
        using var navigateur = new Navigateur(app);
        var client = Spa(navigateur, "eleve.001");
        var login = await client.LoginAsync();

        var refreshed = await client.RefreshTokenAsync(login.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/identite/me", refreshed.AccessToken)).StatusCode);
        var replay = await client.RefreshTokenAsync(login.RefreshToken);

        Assert.False(refreshed.IsError, refreshed.Error);
        Assert.NotEqual(login.RefreshToken, refreshed.RefreshToken);
        Assert.True(replay.IsError, "a refresh token must not be usable twice");
        // A replay means a copy was stolen: OpenIddict revokes the whole chain, its access tokens included (issue #12).
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/identite/me", refreshed.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Access_tokens_are_short_lived()
    {
        using var navigateur = new Navigateur(app);
        var login = await Spa(navigateur, "cpe").LoginAsync();

        Assert.InRange(login.AccessTokenExpiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task A_third_party_gets_a_token_by_client_credentials_and_is_refused_where_its_scopes_stop()
    {
        var ressources = await ClientCredentialsAsync(EntApp.TiersRessources, "ressources.read");
        var horsPortee = await ClientCredentialsAsync(EntApp.TiersRessources, "identite.read");
        var annuaire = await ClientCredentialsAsync(EntApp.TiersIdentite, "identite.read");

        Assert.False(ressources.IsError, ressources.Error);
        Assert.True(horsPortee.IsError, "a scope the client was not granted must be refused");
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/identite/me", ressources.AccessToken)).StatusCode);
        // In scope, but an application is nobody: no personal data.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/identite/me", annuaire.AccessToken)).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("pas-un-jeton")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")]
    public async Task Without_a_valid_token_the_api_answers_401_in_french(string? jeton)
    {
        var response = await GetAsync("/api/identite/me", jeton);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Authentification requise", (string?)(await response.ReadJsonAsync())["title"]);
    }

    [Fact]
    public async Task The_login_page_never_sends_the_browser_to_another_site()
    {
        using var navigateur = new Navigateur(app);
        var page = await (await navigateur.Client.GetAsync("/connexion?ReturnUrl=https%3A%2F%2Fmechant.example%2F")).Content.ReadAsStringAsync();

        var response = await navigateur.SoumettreConnexionAsync(page, "cpe", DemoLycee.MotDePasse);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_third_party_asks_consent_once()
    {
        using var navigateur = new Navigateur(app);
        var url = "/connect/authorize?client_id=" + EntApp.TiersIdentite + "&response_type=code&scope=identite.read"
                  + "&redirect_uri=https%3A%2F%2Fannuaire.example.org%2Fretour&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=abc";

        var (consentement, _) = await navigateur.ParcourirAsync(url, "parent.002", DemoLycee.MotDePasse, "https://annuaire.example.org/");
        var page = WebUtility.HtmlDecode(await consentement.Content.ReadAsStringAsync());
        Assert.Contains("Application d'annuaire", page, StringComparison.Ordinal);
        Assert.Contains("form-action 'self' https://annuaire.example.org", string.Join(' ', consentement.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);

        var champs = Navigateur.Champs(await consentement.Content.ReadAsStringAsync());
        champs["consentement"] = "accepter";
        var accepte = await navigateur.Client.PostAsync("/connect/authorize", new FormUrlEncodedContent(champs));
        Assert.StartsWith("https://annuaire.example.org/retour?code=", accepte.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);

        var (_, sansQuestion) = await navigateur.ParcourirAsync(url, "parent.002", DemoLycee.MotDePasse, "https://annuaire.example.org/");
        Assert.NotNull(sansQuestion);
        Assert.Contains("code=", sansQuestion.Query, StringComparison.Ordinal);
    }
}
