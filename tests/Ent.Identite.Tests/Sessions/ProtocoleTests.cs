using System.Net;
using Dapper;
using Duende.IdentityModel.Client;
using Ent.Identite.Oidc;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static Ent.Identite.Tests.Sessions.Outils;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ent.Identite.Tests.Sessions;

/// <summary>The smaller protocol findings of issue #12: PKCE S256 only, an application is never a person, safe return addresses.</summary>
public sealed class ProtocoleTests(SessionsApp app) : IClassFixture<SessionsApp>
{
    [Fact]
    public async Task Pkce_plain_is_neither_advertised_nor_accepted()
    {
        var discovery = await (await app.CreateClient().GetAsync("/.well-known/openid-configuration")).ReadJsonAsync();
        Assert.Equal(["S256"], discovery["code_challenge_methods_supported"]!.AsArray().Select(m => (string)m!));

        using var navigateur = new Navigateur(app);
        await ConnexionAsync(app, navigateur, "parent.071");
        foreach (var methode in new[] { "&code_challenge_method=plain", "" })
        {
            var url = "/connect/authorize?client_id=ent-spa&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%2Fconnexion%2Fretour"
                      + "&code_challenge=" + Verificateur + methode + "&state=s";
            var response = await navigateur.Client.GetAsync(url);
            var ou = response.Headers.Location?.AbsoluteUri ?? string.Empty;
            Assert.DoesNotContain("code=", ou, StringComparison.Ordinal);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest || ou.Contains("error=invalid_request", StringComparison.Ordinal),
                $"{methode}: {(int)response.StatusCode} {ou}");
        }
    }

    [Fact]
    public async Task A_client_whose_id_is_a_guardians_id_reads_nothing_of_their_children()
    {
        var parent = DemoIds.Of("compte", "parent.001");
        await using var conn = await app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
        var eleve = await conn.ExecuteScalarAsync<Guid>("SELECT eleve_id FROM identite.lien_responsable WHERE responsable_id = @parent LIMIT 1", new { parent });
        // Registered directly: configuration refuses such an id at start (the next test).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var descripteur = new OpenIddictApplicationDescriptor
            {
                ClientId = parent.ToString(), ClientSecret = EntApp.SecretTiers, ClientType = ClientTypes.Confidential, DisplayName = "Homonyme",
            };
            descripteur.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + "scolarite.read", Permissions.Prefixes.Scope + "identite.read"]);
            await applications.CreateAsync(descripteur);
        }

        using var http = app.CreateClient();
        var jeton = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = "/connect/token", ClientId = parent.ToString(), ClientSecret = EntApp.SecretTiers, Scope = "scolarite.read identite.read",
        });
        Assert.False(jeton.IsError, jeton.Error);
        // The guardian themself reads the grades: the address is right.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("parent.001").GetAsync($"/api/scolarite/eleves/{eleve}/dernieres-notes")).StatusCode);

        var notes = await EnvoyerAsync(app, HttpMethod.Get, $"/api/scolarite/eleves/{eleve}/dernieres-notes", jeton.AccessToken!);
        var moi = await EnvoyerAsync(app, HttpMethod.Get, "/api/identite/me", jeton.AccessToken!);

        Assert.True(notes.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, ((int)notes.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotFound, moi.StatusCode);
    }

    [Fact]
    public async Task A_client_id_shaped_like_a_persons_id_is_refused_at_start()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ent:UrlPublique"] = "http://localhost",
            ["Ent:Oidc:Clients:0:ClientId"] = Guid.NewGuid().ToString(),
            ["Ent:Oidc:Clients:0:Secret"] = EntApp.SecretTiers,
            ["Ent:Oidc:Clients:0:Flux:0"] = "client_credentials",
        }).Build();

        var erreur = await Assert.ThrowsAsync<InvalidOperationException>(() => new ClientsOidc(configuration).RunAsync(app.Services, CancellationToken.None));

        Assert.Contains("GUID", erreur.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/%09/evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task A_return_address_with_a_control_character_lands_on_a_local_page(string returnUrl)
    {
        using var navigateur = new Navigateur(app);
        var formulaire = await navigateur.Client.GetAsync("/connexion?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.OK, formulaire.StatusCode);

        var response = await navigateur.SoumettreConnexionAsync(await formulaire.Content.ReadAsStringAsync(), "prof.08", DemoLycee.MotDePasse);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var ou = response.Headers.Location!.OriginalString;
        Assert.True(ou == "/" || ou == "/%09/evil.example", ou);
        Assert.DoesNotContain(ou, c => char.IsControl(c) || c == '\\');
    }
}
