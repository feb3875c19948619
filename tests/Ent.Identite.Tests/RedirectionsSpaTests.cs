using System.Net;
using Ent.Testing;
using Npgsql;

namespace Ent.Identite.Tests;

/// <summary>
/// The SPA's redirect URIs are shared by every instance: starting one with another Ent:UrlPublique adds its own and
/// removes nobody's; an old address goes only when named in Ent:Oidc:UrlsPubliquesRetirees.
/// </summary>
public sealed class RedirectionsSpaTests(EntApp app) : IClassFixture<EntApp>
{
    private sealed class Instance(string connectionString, Dictionary<string, string?> reglages) : EntApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => reglages;

        public override Task InitializeAsync()
        {
            ConnectionString = connectionString;
            _ = Server;
            return Task.CompletedTask;
        }
    }

    /// <summary>An authorization request with this redirect URI: 302 to the login page when it is registered, 400 otherwise.</summary>
    private static async Task<HttpStatusCode> AutoriserAsync(EntApp instance, string redirection)
    {
        using var client = instance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var reponse = await client.GetAsync("/connect/authorize?client_id=ent-spa&response_type=code&scope=openid" +
                                            "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256" +
                                            "&redirect_uri=" + Uri.EscapeDataString(redirection));
        return reponse.StatusCode;
    }

    private async Task<string> RedirectionsStockeesAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""SELECT "RedirectUris" FROM identite.oidc_application WHERE "ClientId" = 'ent-spa'""", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_start_with_another_public_address_keeps_the_running_instance_s_redirect_uri()
    {
        await using (var autre = new Instance(app.ConnectionString, new() { ["Ent:UrlPublique"] = "https://ent.autre.example" }))
        {
            await autre.InitializeAsync();
            Assert.Equal(HttpStatusCode.Found, await AutoriserAsync(autre, "https://ent.autre.example/connexion/retour"));
        }

        Assert.Equal(HttpStatusCode.Found, await AutoriserAsync(app, "http://localhost/connexion/retour"));
        Assert.Equal(HttpStatusCode.Found, await AutoriserAsync(app, "https://ent.autre.example/connexion/retour"));
        Assert.Contains("http://localhost/connexion/retour", await RedirectionsStockeesAsync(), StringComparison.Ordinal);

        // Removing the old address is a deliberate setting, never a side effect of a start.
        await using (var retrait = new Instance(app.ConnectionString, new() { ["Ent:Oidc:UrlsPubliquesRetirees:0"] = "https://ent.autre.example/" }))
        {
            await retrait.InitializeAsync();
            Assert.Equal(HttpStatusCode.BadRequest, await AutoriserAsync(retrait, "https://ent.autre.example/connexion/retour"));
            Assert.Equal(HttpStatusCode.Found, await AutoriserAsync(retrait, "http://localhost/connexion/retour"));
        }

        Assert.DoesNotContain("ent.autre.example", await RedirectionsStockeesAsync(), StringComparison.Ordinal);
    }
}
