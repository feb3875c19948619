using System.Net;
using System.Text.RegularExpressions;
using Ent.Kernel.Demo;
using Ent.Testing;
using static Ent.Identite.Tests.Sessions.Outils;

namespace Ent.Identite.Tests.Sessions;

/// <summary>
/// The login session (the cookie behind the SPA's silent renewal) ends when what proves the person's identity
/// changes: password change or reset, second factor, deactivation (issue #12). And a logout is never forced by
/// another site.
/// </summary>
public sealed partial class FinDesSessionsTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    [Fact]
    public async Task A_password_change_ends_the_login_session_opened_before()
    {
        using var navigateur = new Navigateur(app);
        var login = await ConnexionAsync(app, navigateur, "parent.051");
        Assert.Contains("code=", await SilencieuxAsync(navigateur), StringComparison.Ordinal); // the session works

        var change = await EnvoyerAsync(app, HttpMethod.Put, "/api/identite/me/mot-de-passe", login.AccessToken,
            Http.JsonBody($$"""{"actuel": "{{DemoLycee.MotDePasse}}", "nouveau": "un-autre-secret-2026"}"""));

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        var retour = await SilencieuxAsync(navigateur);
        Assert.StartsWith("http://localhost/connexion/retour?", retour, StringComparison.Ordinal);
        Assert.Contains("error=login_required", retour, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", retour, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_by_code_ends_the_login_session_opened_before()
    {
        using var navigateur = new Navigateur(app);
        await ConnexionAsync(app, navigateur, "parent.052");

        // The reset, from another browser (the person's phone, or whoever took the account).
        using var autre = new Navigateur(app);
        var formulaire = Navigateur.Champs(await (await autre.Client.GetAsync("/connexion/oubli")).Content.ReadAsStringAsync());
        formulaire["Identifiant"] = "parent.052";
        var demande = await autre.Client.PostAsync("/connexion/oubli", new FormUrlEncodedContent(formulaire));
        var texte = await ScalarAsync<string>(app, """
            SELECT m.texte FROM communication.message_sortant m JOIN identite.compte c ON c.personne_id = m.personne_id
            WHERE c.identifiant = 'parent.052' AND m.canal = 'sms' AND m.sujet = 'Code Ent'
            """);
        var champs = Navigateur.Champs(await (await autre.Client.GetAsync(demande.Headers.Location)).Content.ReadAsStringAsync());
        champs["Identifiant"] = "parent.052";
        champs["MotDePasse"] = "mon-nouveau-secret";
        champs["Confirmation"] = "mon-nouveau-secret";
        champs["Code"] = CodeSms().Match(texte!).Value;
        Assert.Equal(HttpStatusCode.OK, (await autre.Client.PostAsync("/connexion/oubli/code", new FormUrlEncodedContent(champs))).StatusCode);

        Assert.Contains("error=login_required", await SilencieuxAsync(navigateur), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("parent.053", "UPDATE identite.compte SET etat = 'desactive' WHERE identifiant = 'parent.053'")]
    [InlineData("parent.054", "UPDATE identite.compte SET secret_mfa = 'x', mfa_confirme_le = now() WHERE identifiant = 'parent.054'")]
    public async Task A_deactivation_or_a_second_factor_change_ends_the_login_session(string identifiant, string changement)
    {
        using var navigateur = new Navigateur(app);
        await ConnexionAsync(app, navigateur, identifiant);
        // A change that proves nothing about the person keeps the session (the TOTP replay guard's column).
        await ScalarAsync<int>(app, "UPDATE identite.compte SET mfa_dernier_pas = 1 WHERE identifiant = @identifiant", new { identifiant });
        Assert.Contains("code=", await SilencieuxAsync(navigateur), StringComparison.Ordinal);

        await ScalarAsync<int>(app, changement);

        Assert.Contains("error=login_required", await SilencieuxAsync(navigateur), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_site_cannot_log_a_person_out_without_their_confirmation()
    {
        using var navigateur = new Navigateur(app);
        await ConnexionAsync(app, navigateur, "parent.055");

        // A cross-site GET (a link, an image) without id_token_hint: a page asks, nothing ends.
        var page = await navigateur.Client.GetAsync("/connect/endsession");
        var html = await page.Content.ReadAsStringAsync();
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode} {page.Headers.Location}");
        Assert.Contains("Voulez-vous vous déconnecter", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("code=", await SilencieuxAsync(navigateur), StringComparison.Ordinal);

        // A forged POST without the antiforgery token: refused, the session stays.
        var force = await navigateur.Client.PostAsync("/connect/endsession",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["deconnexion"] = "confirmer" }));
        Assert.Equal(HttpStatusCode.BadRequest, force.StatusCode);
        Assert.Contains("code=", await SilencieuxAsync(navigateur), StringComparison.Ordinal);

        // The person confirms on the page.
        var champs = Navigateur.Champs(html);
        champs["deconnexion"] = "confirmer";
        var confirme = await navigateur.Client.PostAsync("/connect/endsession", new FormUrlEncodedContent(champs));
        Assert.Equal(HttpStatusCode.Redirect, confirme.StatusCode);
        Assert.Contains("error=login_required", await SilencieuxAsync(navigateur), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_logs_out_at_once_with_its_id_token_hint()
    {
        using var navigateur = new Navigateur(app);
        var login = await ConnexionAsync(app, navigateur, "parent.056");

        var fin = await navigateur.Client.GetAsync("/connect/endsession?id_token_hint=" + Uri.EscapeDataString(login.IdentityToken)
            + "&post_logout_redirect_uri=" + Uri.EscapeDataString("http://localhost/"));

        Assert.Equal(HttpStatusCode.Redirect, fin.StatusCode);
        Assert.Equal("http://localhost/", fin.Headers.Location!.AbsoluteUri);
        Assert.Contains("error=login_required", await SilencieuxAsync(navigateur), StringComparison.Ordinal);
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex CodeSms();
}
