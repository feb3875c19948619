using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Ent.Testing;
using static Ent.Identite.Tests.Activation.Activations;

namespace Ent.Identite.Tests.Activation;

/// <summary>
/// Activating with EduConnect, against the stand-in provider: the existing matching finds an account still to
/// activate, the person accepts the terms, the account becomes active without a password and the session opens.
/// </summary>
public sealed partial class ActivationEduConnectTests(EntAppEduConnect app) : IClassFixture<EntAppEduConnect>
{
    /// <summary>Clicks « Activer avec ÉduConnect » on /activation and follows the redirects between the host and the stand-in.</summary>
    private async Task<(HttpStatusCode Status, string Page)> ActiverAvecEduConnectAsync(Navigateur navigateur)
    {
        var activation = await navigateur.Client.GetStringAsync("/activation");
        var lien = LienEduConnect().Match(activation);
        Assert.True(lien.Success, activation);
        using var externe = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var courant = new Uri(navigateur.Client.BaseAddress!, WebUtility.HtmlDecode(lien.Groups["href"].Value));
        for (var i = 0; i < 15; i++)
        {
            var stub = courant.GetLeftPart(UriPartial.Authority) == app.Stub.Authority;
            var reponse = await (stub ? externe : navigateur.Client).GetAsync(courant);
            if (reponse.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
            {
                return (reponse.StatusCode, await reponse.Content.ReadAsStringAsync());
            }

            courant = new Uri(courant, reponse.Headers.Location!);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    [GeneratedRegex("""<a class="bouton secondaire" href="(?<href>[^"]+)">Activer avec ÉduConnect</a>""")]
    private static partial Regex LienEduConnect();

    [Fact]
    public async Task A_pupil_found_by_educonnect_accepts_the_terms_and_is_active_without_a_password()
    {
        await app.AActiverAsync("eleve.003");
        await using var conn = await app.BaseAsync();
        var eleve = await conn.QuerySingleAsync<(string Nom, string Prenom, string Ine)>("""
            SELECT p.nom, p.prenom, p.ine FROM identite.personne p JOIN identite.compte c ON c.personne_id = p.id WHERE c.identifiant = 'eleve.003'
            """);
        app.Stub.ConnecterEnsuite(new PersonneEduConnectTest("sujet-" + Guid.NewGuid().ToString("N"), "eleve2d", eleve.Nom, eleve.Prenom, Ine: eleve.Ine));
        using var navigateur = new Navigateur(app);

        var (status, conditions) = await ActiverAvecEduConnectAsync(navigateur);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("action=\"/activation/educonnect\"", conditions, StringComparison.Ordinal);
        var champs = Navigateur.Champs(conditions);
        var sansConditions = await navigateur.Client.PostAsync("/activation/educonnect", new FormUrlEncodedContent(champs));
        var pageSans = Navigateur.Champs(await sansConditions.Content.ReadAsStringAsync());
        pageSans["Conditions"] = "true";
        var acceptees = await navigateur.Client.PostAsync("/activation/educonnect", new FormUrlEncodedContent(pageSans));

        Assert.Equal(HttpStatusCode.BadRequest, sansConditions.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, acceptees.StatusCode);
        Assert.Equal("/", acceptees.Headers.Location!.OriginalString);
        Assert.True(await SessionOuverteAsync(navigateur));
        var compte = await conn.QuerySingleAsync<(string Etat, string? Hash, DateTime? ConditionsLe, DateTime? ActiveLe)>(
            "SELECT etat, mot_de_passe_hash AS hash, conditions_acceptees_le, active_le FROM identite.compte WHERE identifiant = 'eleve.003'");
        Assert.Equal("actif", compte.Etat);
        Assert.Null(compte.Hash);
        Assert.NotNull(compte.ConditionsLe);
        Assert.NotNull(compte.ActiveLe);
    }

    [Fact]
    public async Task Without_an_educonnect_login_the_terms_step_activates_nothing()
    {
        await app.AActiverAsync("eleve.004");
        using var navigateur = new Navigateur(app);
        var champs = Navigateur.Champs(await navigateur.Client.GetStringAsync("/activation"));
        champs["Conditions"] = "true";

        var reponse = await navigateur.Client.PostAsync("/activation/educonnect", new FormUrlEncodedContent(champs));

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        Assert.Equal("a_activer", await app.ScalarAsync<string>("SELECT etat FROM identite.compte WHERE identifiant = 'eleve.004'"));
    }
}
