using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using static Ent.Identite.Tests.Activation.Activations;

namespace Ent.Identite.Tests.Activation;

/// <summary>
/// /activation through the real host: login + code, then password, terms and contacts; and every way it must refuse.
/// Each test puts its own demo accounts back to « à activer » (as the directory import creates them).
/// </summary>
public sealed partial class ActivationTests(EntApp app) : IClassFixture<EntApp>
{
    private const string Phrase = "cheval salade nuage piano";

    [Fact]
    public async Task A_family_activates_with_its_code_chooses_a_password_and_lands_logged_in()
    {
        await app.AActiverAsync("parent.011");
        var code = await app.CodeAsync("parent.011");
        using var navigateur = new Navigateur(app);

        var etape1 = await SaisirCodeAsync(navigateur, "parent.011", code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, etape1.Status);
        Assert.Contains("Choisir mon mot de passe", etape1.Page, StringComparison.Ordinal);
        var etape2 = await ChoisirAsync(navigateur, etape1.Page, Phrase, mobile: "06 11 22 33 44");

        Assert.Equal(HttpStatusCode.Redirect, etape2.Status);
        Assert.Equal("/", etape2.Location!.OriginalString);
        Assert.True(await SessionOuverteAsync(navigateur));
        await using var conn = await app.BaseAsync();
        var etat = await conn.QuerySingleAsync<(string Etat, DateTime? ActiveLe, DateTime? ConditionsLe, string Mobile)>("""
            SELECT c.etat, c.active_le, c.conditions_acceptees_le, p.mobile FROM identite.compte c JOIN identite.personne p ON p.id = c.personne_id
            WHERE c.identifiant = 'parent.011'
            """);
        Assert.Equal("actif", etat.Etat);
        Assert.NotNull(etat.ActiveLe);
        Assert.NotNull(etat.ConditionsLe);
        Assert.Equal("+33611223344", etat.Mobile);
        using var autre = new Navigateur(app);
        Assert.Equal(HttpStatusCode.Redirect, (await ConnecterAsync(autre, "parent.011", Phrase)).Status);
    }

    [Fact]
    public async Task A_wrong_code_and_an_unknown_login_get_the_same_answer()
    {
        await app.AActiverAsync("parent.012");
        await app.CodeAsync("parent.012");
        using var navigateur = new Navigateur(app);

        var mauvais = await SaisirCodeAsync(navigateur, "parent.012", "ABCD-EFGH-JKMN");
        var inconnu = await SaisirCodeAsync(navigateur, "personne.inconnue", "ABCD-EFGH-JKMN");

        Assert.Equal(HttpStatusCode.Unauthorized, mauvais.Status);
        Assert.Equal(mauvais.Status, inconnu.Status);
        Assert.Contains("Identifiant ou code incorrect.", mauvais.Page, StringComparison.Ordinal);
        Assert.Contains("Identifiant ou code incorrect.", inconnu.Page, StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<int>(
            "SELECT count(*) FROM identite.tentative_connexion WHERE identifiant = 'parent.012' AND NOT reussie"));
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_said_so()
    {
        await app.AActiverAsync("parent.013");
        var code = await app.CodeAsync("parent.013");
        await app.ScalarAsync<int>("""
            UPDATE identite.code_activation SET cree_le = now() - interval '100 days', expire_le = now() - interval '1 day'
            WHERE compte_id = (SELECT id FROM identite.compte WHERE identifiant = 'parent.013')
            """);
        using var navigateur = new Navigateur(app);

        var reponse = await SaisirCodeAsync(navigateur, "parent.013", code);

        Assert.Equal(HttpStatusCode.BadRequest, reponse.Status);
        Assert.Contains("Ce code a expiré", reponse.Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_used_code_opens_nothing_and_says_the_account_is_already_active()
    {
        await app.AActiverAsync("parent.014");
        var code = await app.CodeAsync("parent.014");
        using var navigateur = new Navigateur(app);
        var etape1 = await SaisirCodeAsync(navigateur, "parent.014", code);
        Assert.Equal(HttpStatusCode.Redirect, (await ChoisirAsync(navigateur, etape1.Page, Phrase)).Status);

        using var autre = new Navigateur(app);
        var encore = await SaisirCodeAsync(autre, "parent.014", code);
        // The step-2 form of the first activation, posted again, activates nothing either.
        var rejoue = await ChoisirAsync(navigateur, etape1.Page, "une autre phrase bien longue");

        Assert.Equal(HttpStatusCode.Conflict, encore.Status);
        Assert.Contains("Ce compte est déjà activé : connectez-vous.", encore.Page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, rejoue.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await ConnecterAsync(autre, "parent.014", Phrase)).Status);
    }

    [Fact]
    public async Task A_new_code_makes_the_previous_one_useless()
    {
        await app.AActiverAsync("parent.015");
        var ancien = await app.CodeAsync("parent.015");
        var nouveau = await app.CodeAsync("parent.015");
        using var navigateur = new Navigateur(app);

        var avecAncien = await SaisirCodeAsync(navigateur, "parent.015", ancien);
        var avecNouveau = await SaisirCodeAsync(navigateur, "parent.015", nouveau);

        Assert.Equal(HttpStatusCode.BadRequest, avecAncien.Status);
        Assert.Contains("remplacé par un plus récent", avecAncien.Page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, avecNouveau.Status);
        Assert.Equal(1, await app.ScalarAsync<int>("""
            SELECT count(*) FROM identite.code_activation a JOIN identite.compte c ON c.id = a.compte_id
            WHERE c.identifiant = 'parent.015' AND a.utilise_le IS NULL AND a.remplace_le IS NULL
            """));
        Assert.Equal(DemoIds.Of("compte", Direction), await app.ScalarAsync<Guid>("""
            SELECT a.cree_par FROM identite.code_activation a JOIN identite.compte c ON c.id = a.compte_id
            WHERE c.identifiant = 'parent.015' ORDER BY a.cree_le DESC LIMIT 1
            """));
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_login_even_against_the_right_code()
    {
        await app.AActiverAsync("parent.016");
        var code = await app.CodeAsync("parent.016");
        using var navigateur = new Navigateur(app);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SaisirCodeAsync(navigateur, "parent.016", $"ABCD-EFGH-JKM{i + 2}")).Status);
        }

        var bon = await SaisirCodeAsync(navigateur, "parent.016", code);

        Assert.Equal(HttpStatusCode.TooManyRequests, bon.Status);
        Assert.Contains("réessayez dans 15 minutes", bon.Page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("azerty1234", "parent.020")]
    [InlineData("motdepasse", "parent.021")]
    [InlineData("Soleil123456!", "parent.022")]
    [InlineData("mot de passe 2026", "parent.023")]
    public async Task A_common_password_is_refused_whatever_its_length(string motDePasse, string identifiant)
    {
        await app.AActiverAsync(identifiant);
        var code = await app.CodeAsync(identifiant);
        using var navigateur = new Navigateur(app);
        var etape1 = await SaisirCodeAsync(navigateur, identifiant, code);

        var refus = await ChoisirAsync(navigateur, etape1.Page, motDePasse);
        // The page keeps its ticket: a passphrase then goes through, without any capital, digit or symbol.
        var phrase = await ChoisirAsync(navigateur, refus.Page, Phrase);

        Assert.Equal(HttpStatusCode.BadRequest, refus.Status);
        Assert.Contains("trop courant", refus.Page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, phrase.Status);
    }

    [Fact]
    public async Task The_terms_must_be_accepted()
    {
        await app.AActiverAsync("parent.060");
        var code = await app.CodeAsync("parent.060");
        using var navigateur = new Navigateur(app);
        var etape1 = await SaisirCodeAsync(navigateur, "parent.060", code);

        var refus = await ChoisirAsync(navigateur, etape1.Page, Phrase, conditions: false);

        Assert.Equal(HttpStatusCode.BadRequest, refus.Status);
        Assert.Contains("acceptez les conditions d'utilisation", refus.Page, StringComparison.Ordinal);
        Assert.Equal("a_activer", await app.ScalarAsync<string>("SELECT etat FROM identite.compte WHERE identifiant = 'parent.060'"));
        var conditions = await navigateur.Client.GetStringAsync("/activation/conditions");
        Assert.Contains("Conditions d'utilisation", WebUtility.HtmlDecode(conditions), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_page_sends_an_account_to_activate_to_activation_and_stays_silent_on_unknown_logins()
    {
        await app.AActiverAsync("parent.061");
        using var navigateur = new Navigateur(app);

        var aActiver = await ConnecterAsync(navigateur, "parent.061", "nimporte-quoi");
        var inconnu = await ConnecterAsync(navigateur, "personne.inconnue", "nimporte-quoi");

        Assert.Equal(HttpStatusCode.Unauthorized, aActiver.Status);
        Assert.Contains("Ce compte n'est pas encore activé", aActiver.Page, StringComparison.Ordinal);
        Assert.Contains("href=\"/activation?identifiant=parent.061\"", aActiver.Page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, inconnu.Status);
        Assert.Contains("Identifiant ou mot de passe incorrect.", inconnu.Page, StringComparison.Ordinal);
        Assert.Contains("Première connexion ? Activer mon compte", inconnu.Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_letter_a_code_sent_to_the_mobile_activates_the_account()
    {
        await app.AActiverAsync("parent.062");
        await app.ScalarAsync<int>("UPDATE identite.personne SET mobile = '+33677665544' WHERE id = @id", new { id = DemoIds.Of("compte", "parent.062") });
        using var navigateur = new Navigateur(app);
        var formulaire = Navigateur.Champs(await navigateur.Client.GetStringAsync("/activation/envoi"));
        formulaire["Identifiant"] = "parent.062";

        var envoi = await navigateur.Client.PostAsync("/activation/envoi", new FormUrlEncodedContent(formulaire));
        formulaire["Identifiant"] = "personne.inconnue";
        var envoiInconnu = await navigateur.Client.PostAsync("/activation/envoi", new FormUrlEncodedContent(formulaire));
        var texte = await app.ScalarAsync<string>(
            "SELECT texte FROM communication.message_sortant WHERE adresse = '+33677665544' ORDER BY cree_le DESC LIMIT 1");
        var etape1 = await SaisirCodeAsync(navigateur, "parent.062", CodeSms().Match(texte).Value);
        var etape2 = await ChoisirAsync(navigateur, etape1.Page, Phrase);

        Assert.Equal(HttpStatusCode.Redirect, envoi.StatusCode);
        Assert.Equal("/activation?envoi=1&identifiant=parent.062", envoi.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, envoiInconnu.StatusCode);
        Assert.Contains("pour activer votre compte", texte, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, etape1.Status);
        Assert.Equal(HttpStatusCode.Redirect, etape2.Status);
        Assert.Equal("actif", await app.ScalarAsync<string>("SELECT etat FROM identite.compte WHERE identifiant = 'parent.062'"));
    }

    [Fact]
    public async Task An_active_account_gets_no_activation_code_by_sms()
    {
        await app.ScalarAsync<int>("UPDATE identite.personne SET mobile = '+33677665533' WHERE id = @id", new { id = DemoIds.Of("compte", "parent.063") });
        using var navigateur = new Navigateur(app);
        var formulaire = Navigateur.Champs(await navigateur.Client.GetStringAsync("/activation/envoi"));
        formulaire["Identifiant"] = "parent.063";

        var envoi = await navigateur.Client.PostAsync("/activation/envoi", new FormUrlEncodedContent(formulaire));

        Assert.Equal(HttpStatusCode.Redirect, envoi.StatusCode);
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM communication.message_sortant WHERE adresse = '+33677665533'"));
    }

    [Fact]
    public async Task Only_the_heads_and_local_administrators_get_a_code()
    {
        await app.AActiverAsync("parent.064");
        var url = $"/api/identite/comptes/{DemoIds.Of("compte", "parent.064")}/activation";

        var prof = await app.ClientConnecte("prof.01").PostAsync(url, null);
        var parent = await app.ClientConnecte("parent.001").PostAsync(url, null);
        var inconnu = await app.ClientConnecte(Direction).PostAsync($"/api/identite/comptes/{Guid.NewGuid()}/activation", null);

        Assert.Equal(HttpStatusCode.NotFound, prof.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, parent.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inconnu.StatusCode);
        Assert.Equal(0, await app.ScalarAsync<int>("""
            SELECT count(*) FROM identite.code_activation a JOIN identite.compte c ON c.id = a.compte_id WHERE c.identifiant = 'parent.064'
            """));
        await app.CodeAsync("parent.064");
        Assert.True(await app.ScalarAsync<int>(
            "SELECT count(*) FROM identite.journal_acces WHERE quoi = 'GenererCodeActivation' AND personne_id = @id",
            new { id = DemoIds.Of("compte", Direction) }) >= 1);
    }

    [Fact]
    public async Task Resetting_an_active_account_ends_its_password_and_sessions_until_it_is_activated_again()
    {
        using var navigateur = new Navigateur(app);
        Assert.Equal(HttpStatusCode.Redirect, (await ConnecterAsync(navigateur, "parent.065", DemoLycee.MotDePasse)).Status);
        Assert.True(await SessionOuverteAsync(navigateur));

        var code = await app.CodeAsync("parent.065");

        Assert.False(await SessionOuverteAsync(navigateur));
        using var autre = new Navigateur(app);
        Assert.Contains("Ce compte n'est pas encore activé", (await ConnecterAsync(autre, "parent.065", DemoLycee.MotDePasse)).Page,
            StringComparison.Ordinal);
        var etape1 = await SaisirCodeAsync(autre, "parent.065", code);
        Assert.Equal(HttpStatusCode.Redirect, (await ChoisirAsync(autre, etape1.Page, Phrase)).Status);
        await app.ScalarAsync<int>("UPDATE identite.compte SET etat = 'bloque' WHERE identifiant = 'parent.066'");
        var bloque = await app.ClientConnecte(Direction).PostAsync($"/api/identite/comptes/{DemoIds.Of("compte", "parent.066")}/activation", null);
        Assert.Equal(HttpStatusCode.Conflict, bloque.StatusCode);
    }

    [GeneratedRegex("[0-9]{6}")]
    private static partial Regex CodeSms();
}
