using System.Net;
using System.Text.Json.Nodes;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Net.Http.Headers;
using static Ent.Identite.Tests.Sessions.Outils;

namespace Ent.Identite.Tests.Sessions;

/// <summary>
/// « Rester connecté » (issue #13): ticked, the login cookie of the OIDC server outlives the browser (30 days,
/// sliding) and a marker cookie tells the SPA to ask for tokens silently; unticked, nothing changes. Every way of
/// ending sessions ends the kept one too: « se déconnecter partout », a password change, a second factor change, a
/// deactivation, forgetting the device, and a normal logout.
/// </summary>
public sealed class ResterConnecteTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    private const string SessionCookie = "ent.session";
    private const string Marqueur = "ent_session_persistante";

    // The SPA's authorize, as the login page gets it back in ReturnUrl.
    private static readonly string AutoriserSpa = AutoriserSpaSilencieux.Replace("&prompt=none", string.Empty, StringComparison.Ordinal);

    [Fact]
    public async Task The_login_page_offers_the_choice_unticked_with_a_warning_for_shared_computers()
    {
        using var navigateur = new Navigateur(app);
        var html = WebUtility.HtmlDecode(await (await navigateur.Client.GetAsync("/connexion")).Content.ReadAsStringAsync());

        Assert.Contains("""<input type="checkbox" id="resterconnecte" name="ResterConnecte" value="true" aria-describedby="aide-rester">""", html, StringComparison.Ordinal);
        Assert.Contains("""<label for="resterconnecte">Rester connecté</label>""", html, StringComparison.Ordinal);
        Assert.Contains("Pendant 30 jours sur cet appareil", html, StringComparison.Ordinal);
        Assert.Contains("Ne cochez pas sur un ordinateur partagé.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticked_the_login_cookie_lasts_30_days_and_a_restarted_browser_gets_a_code_without_the_password()
    {
        using var navigateur = new Navigateur(app);
        var avant = DateTimeOffset.UtcNow;
        var connexion = await ConnexionFormulaireAsync(navigateur, "parent.061", resterConnecte: true);
        var apres = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.Redirect, connexion.StatusCode);
        var session = Cookie(connexion, SessionCookie)!;
        Assert.True(session.HttpOnly);
        Assert.InRange(session.Expires!.Value, avant.AddDays(30).AddSeconds(-1), apres.AddDays(30).AddSeconds(1));

        // Back at /connect/authorize: the code for the SPA, and the marker beside it, for scripts, lasting as long.
        var autorisation = await navigateur.Client.GetAsync(connexion.Headers.Location);
        Assert.Contains("code=", autorisation.Headers.Location!.Query, StringComparison.Ordinal);
        var marqueur = Cookie(autorisation, Marqueur)!;
        Assert.Equal("1", marqueur.Value.ToString());
        Assert.False(marqueur.HttpOnly);
        Assert.Equal("/", marqueur.Path.ToString());
        Assert.InRange(marqueur.Expires!.Value, avant.AddDays(30).AddSeconds(-1), apres.AddDays(30).AddSeconds(1));

        // The browser restarts: only the persistent cookies are left, and they are enough.
        var persistants = Persistants(connexion, autorisation);
        Assert.Contains(persistants, c => c.Name == SessionCookie);
        Assert.Contains("code=", await SilencieuxSansSessionNavigateurAsync(persistants), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unticked_a_session_cookie_as_before_no_marker_and_a_restarted_browser_must_log_in_again()
    {
        using var navigateur = new Navigateur(app);
        var connexion = await ConnexionFormulaireAsync(navigateur, "parent.062", resterConnecte: false);

        Assert.Null(Cookie(connexion, SessionCookie)!.Expires);
        var autorisation = await navigateur.Client.GetAsync(connexion.Headers.Location);
        Assert.Contains("code=", autorisation.Headers.Location!.Query, StringComparison.Ordinal);
        Assert.Null(Cookie(autorisation, Marqueur));

        var persistants = Persistants(connexion, autorisation);
        Assert.Contains(persistants, c => c.Name == "ent.appareil"); // the device is still recognised, its session is gone
        Assert.DoesNotContain(persistants, c => c.Name == SessionCookie);
        Assert.Contains("error=login_required", await SilencieuxSansSessionNavigateurAsync(persistants), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_devices_list_shows_the_kept_login_and_logout_everywhere_ends_every_session_and_token()
    {
        using var garde = new Navigateur(app);
        using var passage = new Navigateur(app);
        await ConnexionPersistanteAsync(garde, "parent.063");
        var login = await ConnexionAsync(app, passage, "parent.063"); // another browser, unticked
        using var voisin = new Navigateur(app);
        await ConnexionPersistanteAsync(voisin, "parent.064"); // someone else's kept login

        var appareils = await AppareilsAsync(login.AccessToken);
        Assert.Equal(2, appareils.Count);
        Assert.Equal([false, true], appareils.Select(a => (bool)a!["connexionMemorisee"]!).ToArray()); // most recent first

        var partout = await EnvoyerAsync(app, HttpMethod.Post, "/api/identite/me/deconnexion-partout", login.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, partout.StatusCode);
        Assert.Contains("error=login_required", await SilencieuxAsync(garde), StringComparison.Ordinal);
        Assert.Contains("error=login_required", await SilencieuxAsync(passage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await MoiAsync(app, login.AccessToken));
        Assert.True((await Jetons.ClientSpa(app, passage, "parent.063").RefreshTokenAsync(login.RefreshToken)).IsError);
        Assert.Contains("code=", await SilencieuxAsync(voisin), StringComparison.Ordinal); // another family's login holds

        var relogin = await ConnexionAsync(app, passage, "parent.063");
        Assert.All((await AppareilsAsync(relogin.AccessToken)).Select(a => (bool)a!["connexionMemorisee"]!), Assert.False);
    }

    [Fact]
    public async Task The_failed_silent_attempt_removes_the_marker_so_that_the_next_tab_does_not_try_again()
    {
        using var navigateur = new Navigateur(app);
        var login = await ConnexionPersistanteAsync(navigateur, "parent.065");
        await EnvoyerAsync(app, HttpMethod.Post, "/api/identite/me/deconnexion-partout", login.AccessToken);

        var silencieux = await navigateur.Client.GetAsync(AutoriserSpaSilencieux);

        Assert.Contains("error=login_required", silencieux.Headers.Location!.Query, StringComparison.Ordinal);
        Assert.True(Cookie(silencieux, Marqueur)!.Expires < DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_password_change_ends_the_kept_login()
    {
        using var navigateur = new Navigateur(app);
        var login = await ConnexionPersistanteAsync(navigateur, "parent.066");

        var change = await EnvoyerAsync(app, HttpMethod.Put, "/api/identite/me/mot-de-passe", login.AccessToken,
            Http.JsonBody($$"""{"actuel": "{{DemoLycee.MotDePasse}}", "nouveau": "un-autre-secret-2026"}"""));

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Contains("error=login_required", await SilencieuxAsync(navigateur), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parent.067", "UPDATE identite.compte SET secret_mfa = 'x', mfa_confirme_le = now() WHERE identifiant = 'parent.067'")]
    [InlineData("parent.068", "UPDATE identite.compte SET mot_de_passe_hash = 'réinitialisé' WHERE identifiant = 'parent.068'")]
    [InlineData("parent.069", "UPDATE identite.compte SET etat = 'desactive' WHERE identifiant = 'parent.069'")]
    public async Task A_second_factor_change_a_reset_or_a_deactivation_ends_the_kept_login(string identifiant, string changement)
    {
        using var navigateur = new Navigateur(app);
        await ConnexionPersistanteAsync(navigateur, identifiant);

        await ScalarAsync<int>(app, changement);

        Assert.Contains("error=login_required", await SilencieuxAsync(navigateur), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgetting_the_device_in_the_devices_list_ends_the_kept_login_on_it_only()
    {
        using var garde = new Navigateur(app);
        using var autre = new Navigateur(app);
        await ConnexionPersistanteAsync(garde, "parent.070");
        var login = await ConnexionAsync(app, autre, "parent.070");
        var memorise = (await AppareilsAsync(login.AccessToken)).Single(a => (bool)a!["connexionMemorisee"]!)!;

        var oubli = await EnvoyerAsync(app, HttpMethod.Delete, $"/api/identite/me/appareils/{(string)memorise["id"]!}", login.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, oubli.StatusCode);
        Assert.Contains("error=login_required", await SilencieuxAsync(garde), StringComparison.Ordinal);
        Assert.Contains("code=", await SilencieuxAsync(autre), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_normal_logout_ends_the_kept_login_and_its_marker()
    {
        using var navigateur = new Navigateur(app);
        var login = await ConnexionPersistanteAsync(navigateur, "parent.071");

        var fin = await navigateur.Client.GetAsync("/connect/endsession?id_token_hint=" + Uri.EscapeDataString(login.IdentityToken)
            + "&post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost/"));

        Assert.Equal(HttpStatusCode.Redirect, fin.StatusCode);
        Assert.True(Cookie(fin, Marqueur)!.Expires < DateTimeOffset.UtcNow);
        Assert.Contains("error=login_required", await SilencieuxAsync(navigateur), StringComparison.Ordinal);
        var relogin = await ConnexionAsync(app, navigateur, "parent.071");
        Assert.All((await AppareilsAsync(relogin.AccessToken)).Select(a => (bool)a!["connexionMemorisee"]!), Assert.False);
    }

    [Fact]
    public async Task Logout_everywhere_needs_a_person()
    {
        var reponse = await app.CreateClient().PostAsync("/api/identite/me/deconnexion-partout", null);

        Assert.Equal(HttpStatusCode.Unauthorized, reponse.StatusCode);
    }

    /// <summary>The login form, posted with the box ticked or not, on the way to the SPA's authorize.</summary>
    private static async Task<HttpResponseMessage> ConnexionFormulaireAsync(Navigateur navigateur, string identifiant, bool resterConnecte)
    {
        var page = await navigateur.Client.GetAsync("/connexion?ReturnUrl=" + Uri.EscapeDataString(AutoriserSpa));
        var champs = Navigateur.Champs(await page.Content.ReadAsStringAsync());
        champs["Identifiant"] = identifiant;
        champs["MotDePasse"] = DemoLycee.MotDePasse;
        if (resterConnecte)
        {
            champs["ResterConnecte"] = "true";
        }

        return await navigateur.Client.PostAsync("/connexion", new FormUrlEncodedContent(champs));
    }

    /// <summary>A kept login in this browser, then the SPA's tokens from it (no password asked again).</summary>
    private async Task<Duende.IdentityModel.OidcClient.LoginResult> ConnexionPersistanteAsync(Navigateur navigateur, string identifiant)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await ConnexionFormulaireAsync(navigateur, identifiant, resterConnecte: true)).StatusCode);
        return await ConnexionAsync(app, navigateur, identifiant);
    }

    private async Task<JsonArray> AppareilsAsync(string jeton) =>
        (await (await EnvoyerAsync(app, HttpMethod.Get, "/api/identite/me/appareils", jeton)).ReadJsonAsync()).AsArray();

    private static SetCookieHeaderValue? Cookie(HttpResponseMessage reponse, string nom) =>
        reponse.Headers.TryGetValues("Set-Cookie", out var valeurs)
            ? SetCookieHeaderValue.ParseList([.. valeurs]).LastOrDefault(c => c.Name == nom)
            : null;

    /// <summary>What a browser keeps across a restart: the cookies with an expiry date or a max age.</summary>
    private static List<SetCookieHeaderValue> Persistants(params HttpResponseMessage[] reponses) =>
        [.. reponses.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var v) ? SetCookieHeaderValue.ParseList([.. v]) : [])
            .Where(c => c.Expires > DateTimeOffset.UtcNow || c.MaxAge > TimeSpan.Zero)];

    private async Task<string> SilencieuxSansSessionNavigateurAsync(List<SetCookieHeaderValue> cookies)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var requete = new HttpRequestMessage(HttpMethod.Get, AutoriserSpaSilencieux);
        requete.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        var reponse = await client.SendAsync(requete);
        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        return reponse.Headers.Location!.AbsoluteUri;
    }
}
