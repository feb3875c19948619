using System.Net;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Identite.Tests;

/// <summary>A login from a new device is announced to the owner; the owner lists and forgets devices.</summary>
public sealed class AppareilsTests(EntApp app) : IClassFixture<EntApp>
{
    private async Task<long> AlertesAsync(string identifiant)
    {
        await using var conn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM communication.message_sortant m JOIN identite.compte c ON c.personne_id = m.personne_id
            WHERE c.identifiant = @identifiant AND m.cle_idempotence LIKE 'nouvel-appareil:%'
            """, new { identifiant });
    }

    private static async Task ConnecterAsync(Navigateur navigateur, string identifiant)
    {
        var page = await (await navigateur.Client.GetAsync("/connexion")).Content.ReadAsStringAsync();
        var response = await navigateur.SoumettreConnexionAsync(page, identifiant, DemoLycee.MotDePasse);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task The_first_device_is_quiet_a_new_one_is_announced_a_known_one_is_not()
    {
        using var telephone = new Navigateur(app);
        using var ordinateur = new Navigateur(app);

        await ConnecterAsync(telephone, "parent.040");
        var apresPremier = await AlertesAsync("parent.040");
        await ConnecterAsync(ordinateur, "parent.040");
        var apresNouveau = await AlertesAsync("parent.040");
        await ConnecterAsync(telephone, "parent.040");

        Assert.Equal(0, apresPremier);
        Assert.Equal(1, apresNouveau);
        Assert.Equal(1, await AlertesAsync("parent.040"));
    }

    [Fact]
    public async Task The_owner_lists_and_forgets_devices_and_nobody_else_can()
    {
        using var navigateur = new Navigateur(app);
        await ConnecterAsync(navigateur, "parent.041");
        var client = app.ClientConnecte("parent.041"); // a second browser: the tokens' own login

        var appareils = (await (await client.GetAsync("/api/identite/me/appareils")).ReadJsonAsync()).AsArray();
        var id = (string)appareils[0]!["id"]!;
        var parAutrui = await app.ClientConnecte("parent.042").DeleteAsync($"/api/identite/me/appareils/{id}");
        var oublie = await client.DeleteAsync($"/api/identite/me/appareils/{id}");

        Assert.Equal(2, appareils.Count);
        Assert.All(appareils, a => Assert.Contains(" sur ", (string)a!["libelle"]!, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, parAutrui.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, oublie.StatusCode);
        Assert.Single((await (await client.GetAsync("/api/identite/me/appareils")).ReadJsonAsync()).AsArray());
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36", "Chrome sur Android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari sur iOS")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox sur Windows")]
    [InlineData("", "navigateur sur système inconnu")]
    public void A_device_is_named_by_its_browser_and_system(string userAgent, string libelle)
    {
        Assert.Equal(libelle, Ent.Identite.Appareils.Appareils.Libelle(userAgent));
    }
}
