using System.Net;
using System.Net.Http.Json;
using Ent.Kernel.Demo;
using Ent.Testing;

namespace Ent.Identite.Tests.Langues;

/// <summary>
/// Issue 19: the pages the server renders itself, in the reader's language — ?langue=, then the ent_langue cookie, then
/// (once the person is known) their account's language, then French whatever the browser says; and PUT /me/langue.
/// </summary>
public sealed class LanguesPagesTests(EntApp app) : IClassFixture<EntApp>
{
    private async Task<(HttpResponseMessage Reponse, string Page)> PageAsync(string url, string? langue = null, string? acceptLanguage = null)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var requete = new HttpRequestMessage(HttpMethod.Get, url);
        if (langue is not null)
        {
            requete.Headers.Add("Cookie", "ent_langue=" + langue);
        }

        if (acceptLanguage is not null)
        {
            requete.Headers.Add("Accept-Language", acceptLanguage);
        }

        var reponse = await client.SendAsync(requete);
        return (reponse, await reponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_login_page_in_english()
    {
        var (reponse, page) = await PageAsync("/connexion", "en");

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>Log in — Ent</title>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"identifiant\">Username</label>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"motdepasse\">Password</label>", page, StringComparison.Ordinal);
        Assert.Contains("For 30 days on this device", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Mot de passe", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/connexion?langue=fr\" lang=\"fr\" hreflang=\"fr\">Français</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/connexion?langue=en\" lang=\"en\" hreflang=\"en\" aria-current=\"true\">English</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/connexion?langue=ar\" lang=\"ar\" hreflang=\"ar\">العربية</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_page_in_arabic_is_right_to_left()
    {
        var (_, page) = await PageAsync("/connexion?ReturnUrl=%2Fnotes", "ar");

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>تسجيل الدخول — Ent</title>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"identifiant\">اسم المستخدم</label>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/connexion?ReturnUrl=%2Fnotes&amp;langue=ar\" lang=\"ar\" hreflang=\"ar\" aria-current=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"langues\" aria-label=\"اللغة\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_help_desk_the_api_answers_nulls_never_a_404()
    {
        var reponse = await app.CreateClient().GetAsync("/api/identite/support");

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("{\"telephone\":null,\"horaires\":null,\"courriel\":null}", await reponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task French_by_default_whatever_the_browser_says()
    {
        var (_, page) = await PageAsync("/connexion", acceptLanguage: "en-GB,en;q=0.9,ar;q=0.8");

        Assert.Contains("<html lang=\"fr\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>Connexion — Ent</title>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"identifiant\">Identifiant</label>", page, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"true\">Français</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("dir=\"rtl\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_cookie_value_is_french()
    {
        var (_, page) = await PageAsync("/connexion/oubli", "de");

        Assert.Contains("<html lang=\"fr\">", page, StringComparison.Ordinal);
        Assert.Contains("Mot de passe oublié", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pickers_link_sets_the_cookie_and_comes_back_to_the_same_page_with_its_parameters()
    {
        var (reponse, _) = await PageAsync("/connexion?ReturnUrl=%2Fconnect%2Fauthorize%3Fclient_id%3Dx&langue=ar&autre=1");

        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        Assert.Equal("/connexion?ReturnUrl=%2Fconnect%2Fauthorize%3Fclient_id%3Dx&autre=1", reponse.Headers.Location!.OriginalString);
        var cookie = Assert.Single(reponse.Headers.GetValues("Set-Cookie"), c => c.StartsWith("ent_langue=", StringComparison.Ordinal));
        Assert.StartsWith("ent_langue=ar;", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/connexion?langue=ar&ReturnUrl=https%3A%2F%2Fmechant.example%2F")]
    [InlineData("/connexion?langue=ar&ReturnUrl=%2F%2Fmechant.example")]
    [InlineData("/activation?langue=en&identifiant=%2F%2Fmechant.example")]
    public async Task The_pickers_redirect_never_leaves_the_page(string url)
    {
        var (reponse, _) = await PageAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        var cible = reponse.Headers.Location!;
        Assert.False(cible.IsAbsoluteUri);
        Assert.StartsWith(new Uri("http://localhost" + url).AbsolutePath + "?", cible.OriginalString, StringComparison.Ordinal);
        Assert.False(cible.OriginalString.StartsWith("//", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_language_is_dropped_without_a_cookie()
    {
        var (reponse, _) = await PageAsync("/activation/envoi?langue=xx");

        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        Assert.Equal("/activation/envoi", reponse.Headers.Location!.OriginalString);
        Assert.False(reponse.Headers.Contains("Set-Cookie") && reponse.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("ent_langue=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_cookie_is_followed_on_every_server_page()
    {
        foreach (var (url, titre) in new[]
                 {
                     ("/connexion/oubli", "Forgotten password"), ("/connexion/oubli/code", "New password"), ("/activation", "Activate my account"),
                     ("/activation/envoi", "Get an activation code"), ("/activation/conditions", "Terms of use"),
                 })
        {
            var (_, page) = await PageAsync(url, "en");
            Assert.Contains($"<title>{titre} — Ent</title>", page, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        }

        var (_, conditions) = await PageAsync("/activation/conditions", "ar");
        Assert.Contains("النص الرسمي لشروط الاستخدام باللغة الفرنسية.", conditions, StringComparison.Ordinal);
        Assert.Contains("<div lang=\"fr\" dir=\"ltr\">", conditions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_on_the_login_page_is_in_the_readers_language()
    {
        using var navigateur = new Navigateur(app);
        await navigateur.Client.GetAsync("/connexion?langue=en"); // the picker's link: the cookie, as a browser keeps it
        var formulaire = await (await navigateur.Client.GetAsync("/connexion")).Content.ReadAsStringAsync();

        var reponse = await navigateur.SoumettreConnexionAsync(formulaire, "prof.06", "mauvais");
        var page = await reponse.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, reponse.StatusCode);
        Assert.Contains("Wrong username or password.", page, StringComparison.Ordinal);
        // A page answered to the POST: the picker asks the login page again.
        Assert.Contains("href=\"/connexion?ReturnUrl=%2F&amp;langue=ar\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_support_settings_no_help_desk_is_shown()
    {
        var (_, page) = await PageAsync("/connexion");

        Assert.DoesNotContain("Besoin d'aide", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"support\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_person_saves_their_language_and_reads_it_back()
    {
        var client = app.ClientConnecte("parent.005");

        Assert.Equal("fr", (string?)(await (await client.GetAsync("/api/identite/me")).ReadJsonAsync())["langue"]);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync("/api/identite/me/langue", Http.JsonBody("""{ "langue": "ar" }"""))).StatusCode);
        Assert.Equal("ar", (string?)(await (await client.GetAsync("/api/identite/me")).ReadJsonAsync())["langue"]);
    }

    [Theory]
    [InlineData("""{ "langue": "de" }""")]
    [InlineData("""{ "langue": "AR" }""")]
    [InlineData("""{ "langue": null }""")]
    [InlineData("{}")]
    public async Task An_unknown_language_is_a_french_400(string corps)
    {
        var reponse = await app.ClientConnecte("parent.006").PutAsync("/api/identite/me/langue", Http.JsonBody(corps));

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var probleme = await reponse.ReadJsonAsync();
        Assert.Contains("Langue inconnue", probleme["errors"]!["langue"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_cannot_save_a_language()
    {
        var reponse = await app.CreateClient().PutAsync("/api/identite/me/langue", Http.JsonBody("""{ "langue": "en" }"""));

        Assert.Equal(HttpStatusCode.Unauthorized, reponse.StatusCode);
    }

    private const string UrlTiers = "/connect/authorize?client_id=" + EntApp.TiersIdentite + "&response_type=code&scope=identite.read"
        + "&redirect_uri=https%3A%2F%2Fannuaire.example.org%2Fretour&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        + "&code_challenge_method=S256&state=abc";

    [Fact]
    public async Task The_consent_page_follows_the_accounts_language_when_the_browser_chose_none()
    {
        Assert.Equal(HttpStatusCode.NoContent,
            (await app.ClientConnecte("parent.007").PutAsync("/api/identite/me/langue", Http.JsonBody("""{ "langue": "en" }"""))).StatusCode);
        using var navigateur = new Navigateur(app);

        var (consentement, _) = await navigateur.ParcourirAsync(UrlTiers, "parent.007", DemoLycee.MotDePasse, "https://annuaire.example.org/");
        var page = await consentement.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("<title>Authorise an application — Ent</title>", page, StringComparison.Ordinal);
        Assert.Contains("read your profile and your children&#x27;s", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_browsers_choice_wins_over_the_account_and_a_login_does_not_overwrite_it()
    {
        using var navigateur = new Navigateur(app);
        await navigateur.Client.GetAsync("/connexion?langue=ar");

        var (consentement, _) = await navigateur.ParcourirAsync(UrlTiers, "parent.008", DemoLycee.MotDePasse, "https://annuaire.example.org/");
        var page = await consentement.Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", page, StringComparison.Ordinal);
        Assert.Equal("fr", (string?)(await (await app.ClientConnecte("parent.008").GetAsync("/api/identite/me")).ReadJsonAsync())["langue"]);
    }
}

/// <summary>The help desk setting: shown at the bottom of the login page and of error pages, in the reader's words.</summary>
public sealed class SupportTests(SupportTests.App app) : IClassFixture<SupportTests.App>
{
    public sealed class App : EntApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Ent:Support:Telephone"] = "01 23 45 67 89",
            ["Ent:Support:Horaires"] = "du lundi au vendredi, 8 h – 18 h <b>",
            ["Ent:Support:Courriel"] = "assistance@lycee.example",
        };
    }

    [Fact]
    public async Task The_login_page_shows_the_help_desk()
    {
        var page = await (await app.CreateClient().GetAsync("/connexion")).Content.ReadAsStringAsync();

        Assert.Contains("<strong>Besoin d'aide ?</strong> Appelez le <a href=\"tel:0123456789\" dir=\"ltr\">01 23 45 67 89</a>.", page, StringComparison.Ordinal);
        Assert.Contains("Horaires : du lundi au vendredi, 8 h – 18 h &lt;b&gt;.", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:assistance@lycee.example\" dir=\"ltr\">assistance@lycee.example</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_pages_read_it_from_the_api_without_an_account()
    {
        var reponse = await app.CreateClient().GetAsync("/api/identite/support");

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var support = await reponse.Content.ReadAsStringAsync();
        Assert.Contains("\"telephone\":\"01 23 45 67 89\"", support, StringComparison.Ordinal);
        Assert.Contains("\"courriel\":\"assistance@lycee.example\"", support, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_pages_show_it_in_the_readers_language_and_other_pages_do_not()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("Cookie", "ent_langue=en");

        var activation = await (await client.GetAsync("/activation")).Content.ReadAsStringAsync();
        var erreur = await client.GetAsync("/connexion/educonnect/fin");

        Assert.DoesNotContain("class=\"support\"", activation, StringComparison.Ordinal);
        if (erreur.StatusCode != HttpStatusCode.NotFound)
        {
            Assert.Contains("<strong>Need help?</strong> Call <a href=\"tel:0123456789\"", await erreur.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
