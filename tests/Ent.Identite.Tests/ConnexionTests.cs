using System.Net;
using Ent.Kernel.Demo;
using Ent.Testing;

namespace Ent.Identite.Tests;

/// <summary>The login page: lockout, rate limit, and no hint whether a login exists.</summary>
public sealed class ConnexionTests(EntApp app) : IClassFixture<EntApp>
{
    private static async Task<(HttpStatusCode Status, string Page)> ConnecterAsync(Navigateur navigateur, string identifiant, string motDePasse)
    {
        var formulaire = await (await navigateur.Client.GetAsync("/connexion")).Content.ReadAsStringAsync();
        var response = await navigateur.SoumettreConnexionAsync(formulaire, identifiant, motDePasse);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_right_password_opens_a_session()
    {
        using var navigateur = new Navigateur(app);

        var (status, _) = await ConnecterAsync(navigateur, "prof.03", DemoLycee.MotDePasse);

        Assert.Equal(HttpStatusCode.Redirect, status);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_login_get_the_same_answer()
    {
        using var navigateur = new Navigateur(app);

        var (statusConnu, pageConnu) = await ConnecterAsync(navigateur, "prof.04", "mauvais");
        var (statusInconnu, pageInconnu) = await ConnecterAsync(navigateur, "personne.inconnue", "mauvais");

        Assert.Equal(HttpStatusCode.Unauthorized, statusConnu);
        Assert.Equal(statusConnu, statusInconnu);
        Assert.Contains("Identifiant ou mot de passe incorrect.", pageConnu, StringComparison.Ordinal);
        Assert.Contains("Identifiant ou mot de passe incorrect.", pageInconnu, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prof.05")]
    [InlineData("nexiste.pas")]
    public async Task Five_failures_lock_the_login_even_against_the_right_password(string identifiant)
    {
        using var navigateur = new Navigateur(app);
        for (var i = 0; i < 5; i++)
        {
            await ConnecterAsync(navigateur, identifiant, "mauvais-" + i);
        }

        var (status, page) = await ConnecterAsync(navigateur, identifiant, DemoLycee.MotDePasse);

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("réessayez dans 15 minutes", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var navigateur = new Navigateur(app);

        var response = await navigateur.Client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Identifiant"] = "cpe",
            ["MotDePasse"] = DemoLycee.MotDePasse,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
