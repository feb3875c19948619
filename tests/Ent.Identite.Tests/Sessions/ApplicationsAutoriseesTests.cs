using System.Net;
using Duende.IdentityModel.Client;
using Ent.Identite.Oidc;
using Ent.Kernel.Demo;
using Ent.Testing;
using static Ent.Identite.Tests.Sessions.Outils;

namespace Ent.Identite.Tests.Sessions;

/// <summary>
/// Consent says everything an application will get, in French, and can be withdrawn from « Mon compte »: the
/// application's tokens stop working at once and the next authorization asks again (issue #12).
/// </summary>
public sealed class ApplicationsAutoriseesTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private const string Autoriser = "/connect/authorize?client_id=" + SessionsApp.TiersAgenda + "&response_type=code"
        + "&scope=identite.read%20identite.write%20offline_access&redirect_uri=https%3A%2F%2Fagenda.example.org%2Fretour"
        + "&code_challenge=" + Defi + "&code_challenge_method=S256&state=abc";

    [Fact]
    public void Every_scope_the_server_knows_has_a_french_label()
    {
        Assert.All(Portees.Toutes, p => Assert.True(Portees.Libelles.ContainsKey(p), p));
    }

    [Fact]
    public async Task The_consent_page_names_every_scope_offline_access_included()
    {
        using var navigateur = new Navigateur(app);
        var (page, _) = await navigateur.ParcourirAsync(Autoriser, "parent.061", DemoLycee.MotDePasse, SessionsApp.RetourAgenda);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());

        Assert.Contains("Agenda familial", html, StringComparison.Ordinal);
        foreach (var portee in new[] { "identite.read", "identite.write", "offline_access" })
        {
            Assert.Contains($"<li>{Portees.Libelles[portee]}</li>", html, StringComparison.Ordinal);
        }

        Assert.Contains("rester connecté", html, StringComparison.Ordinal);
    }

    private async Task<TokenResponse> AutoriserAsync(Navigateur navigateur, string identifiant)
    {
        var (consentement, _) = await navigateur.ParcourirAsync(Autoriser, identifiant, DemoLycee.MotDePasse, SessionsApp.RetourAgenda);
        var champs = Navigateur.Champs(await consentement.Content.ReadAsStringAsync());
        champs["consentement"] = "accepter";
        var accepte = await navigateur.Client.PostAsync("/connect/authorize", new FormUrlEncodedContent(champs));
        var code = System.Web.HttpUtility.ParseQueryString(accepte.Headers.Location!.Query)["code"];
        Assert.False(string.IsNullOrEmpty(code), accepte.Headers.Location.AbsoluteUri);
        using var http = app.CreateClient();
        var jetons = await http.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = "/connect/token", ClientId = SessionsApp.TiersAgenda, ClientSecret = EntApp.SecretTiers,
            Code = code, RedirectUri = SessionsApp.RetourAgenda, CodeVerifier = Verificateur,
        });
        Assert.False(jetons.IsError, jetons.Error + " " + jetons.ErrorDescription);
        return jetons;
    }

    [Fact]
    public async Task A_person_lists_the_applications_they_allowed_and_withdraws_one()
    {
        using var navigateur = new Navigateur(app);
        var tiers = await AutoriserAsync(navigateur, "parent.062");
        var spa = await ConnexionAsync(app, navigateur, "parent.062");
        Assert.Equal(HttpStatusCode.OK, await MoiAsync(app, tiers.AccessToken!));

        var reponse = await EnvoyerAsync(app, HttpMethod.Get, "/api/identite/me/applications", spa.AccessToken);
        Assert.True(reponse.IsSuccessStatusCode, $"{(int)reponse.StatusCode} {await reponse.Content.ReadAsStringAsync()}");
        var agenda = Assert.Single((await reponse.ReadJsonAsync()).AsArray())!;
        Assert.Equal("Agenda familial", (string?)agenda["nom"]);
        Assert.Equal(["identite.read", "identite.write", "offline_access"], agenda["portees"]!.AsArray().Select(p => (string)p!["code"]!));
        Assert.Contains(agenda["portees"]!.AsArray(), p => ((string)p!["libelle"]!).StartsWith("rester connecté", StringComparison.Ordinal));
        Assert.NotNull((string?)agenda["accordeeLe"]);

        // The application itself neither sees the list nor withdraws anything, even with identite.write.
        Assert.Equal(HttpStatusCode.Forbidden, (await EnvoyerAsync(app, HttpMethod.Get, "/api/identite/me/applications", tiers.AccessToken!)).StatusCode);
        var id = (string)agenda["id"]!;
        Assert.Equal(HttpStatusCode.Forbidden, (await EnvoyerAsync(app, HttpMethod.Delete, "/api/identite/me/applications/" + id, tiers.AccessToken!)).StatusCode);

        var retrait = await EnvoyerAsync(app, HttpMethod.Delete, "/api/identite/me/applications/" + id, spa.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, retrait.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(app, tiers.AccessToken!));
        using var http = app.CreateClient();
        var renouvellement = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = "/connect/token", ClientId = SessionsApp.TiersAgenda, ClientSecret = EntApp.SecretTiers, RefreshToken = tiers.RefreshToken!,
        });
        Assert.True(renouvellement.IsError);
        Assert.Empty((await (await EnvoyerAsync(app, HttpMethod.Get, "/api/identite/me/applications", spa.AccessToken)).ReadJsonAsync()).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await EnvoyerAsync(app, HttpMethod.Delete, "/api/identite/me/applications/" + id, spa.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await MoiAsync(app, spa.AccessToken)); // Ent's own session is untouched

        // The next authorization asks again.
        var (page, sortie) = await navigateur.ParcourirAsync(Autoriser, "parent.062", DemoLycee.MotDePasse, SessionsApp.RetourAgenda);
        Assert.Null(sortie);
        Assert.Contains("Autoriser une application", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_persons_application_or_ent_itself_cannot_be_withdrawn()
    {
        using var navigateur = new Navigateur(app);
        await AutoriserAsync(navigateur, "parent.063");
        using var autre = new Navigateur(app);
        var spaAutre = await ConnexionAsync(app, autre, "parent.064");
        var idAgenda = await ScalarAsync<string>(app, "SELECT \"Id\" FROM identite.oidc_application WHERE \"ClientId\" = @c", new { c = SessionsApp.TiersAgenda });
        var idSpa = await ScalarAsync<string>(app, "SELECT \"Id\" FROM identite.oidc_application WHERE \"ClientId\" = 'ent-spa'");

        Assert.Equal(HttpStatusCode.NotFound, (await EnvoyerAsync(app, HttpMethod.Delete, "/api/identite/me/applications/" + idAgenda, spaAutre.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await EnvoyerAsync(app, HttpMethod.Delete, "/api/identite/me/applications/" + idSpa, spaAutre.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await EnvoyerAsync(app, HttpMethod.Delete, "/api/identite/me/applications/" + new string('x', 300), spaAutre.AccessToken)).StatusCode);
        Assert.Equal(1L, await ScalarAsync<long>(app, """
            SELECT count(*) FROM identite.oidc_autorisation z JOIN identite.compte c ON c.personne_id::text = z."Subject"
            WHERE c.identifiant = 'parent.063' AND z."Status" = 'valid'
            """));
    }
}
