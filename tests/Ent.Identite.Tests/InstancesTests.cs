using System.Net;
using System.Net.Http.Headers;
using Duende.IdentityModel.Client;
using Ent.Identite.Connexion;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Ent.Identite.Tests;

/// <summary>A second host instance on the same database: it shares keys and counts the same login attempts.</summary>
#pragma warning disable CA1001 // disposed by xunit through IAsyncLifetime.DisposeAsync
public sealed class InstancesTests(EntApp app) : IClassFixture<EntApp>, IAsyncLifetime
{
    private sealed class SecondeInstance(string connectionString) : EntApp
    {
        public override Task InitializeAsync()
        {
            ConnectionString = connectionString;
            _ = Server;
            return Task.CompletedTask;
        }
    }

    /// <summary>An instance as they were before tokens were encrypted with the symmetric key: RSA-OAEP only.</summary>
    private sealed class InstanceAvantCleSymetrique(string connectionString) : EntApp
    {
        public override Task InitializeAsync()
        {
            ConnectionString = connectionString;
            _ = Server;
            return Task.CompletedTask;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.PostConfigure<OpenIddictServerOptions>(o =>
                o.EncryptionCredentials.RemoveAll(c => c.Key is SymmetricSecurityKey)));
        }
    }

    private SecondeInstance _seconde = null!;

    /// <summary>The "alg" of a JWE's protected header: how its content key is wrapped.</summary>
    private static string AlgorithmeChiffrement(string jeton)
    {
        var entete = jeton.Split('.')[0];
        Assert.Equal(5, jeton.Split('.').Length); // a JWE (encrypted), not a readable JWS
        return (string)System.Text.Json.Nodes.JsonNode.Parse(Base64UrlEncoder.Decode(entete))!["alg"]!;
    }

    public async Task InitializeAsync()
    {
        _seconde = new SecondeInstance(app.ConnectionString);
        await _seconde.InitializeAsync();
    }

    public async Task DisposeAsync() => await _seconde.DisposeAsync();
#pragma warning restore CA1001

    [Fact]
    public async Task Both_instances_publish_the_same_keys_and_accept_each_other_s_tokens()
    {
        var jwksA = await (await app.CreateClient().GetAsync("/.well-known/jwks")).Content.ReadAsStringAsync();
        var jwksB = await (await _seconde.CreateClient().GetAsync("/.well-known/jwks")).Content.ReadAsStringAsync();
        using var http = app.CreateClient();
        var jeton = await http.RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
        {
            Address = "/connect/token",
            ClientId = EntApp.TiersIdentite,
            ClientSecret = EntApp.SecretTiers,
            Scope = "identite.read",
        });

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identite/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jeton.AccessToken);
        var surB = await _seconde.CreateClient().SendAsync(request);

        Assert.Equal(jwksA, jwksB);
        // Accepted (not 401): the token is valid on the other instance; an application is nobody, hence 404.
        Assert.Equal(HttpStatusCode.NotFound, surB.StatusCode);
    }

    [Fact]
    public async Task Twenty_failures_from_one_address_stop_that_address_on_every_instance()
    {
        var adresse = IPAddress.Parse("203.0.113.7");
        using var scopeA = app.Services.CreateScope();
        using var scopeB = _seconde.Services.CreateScope();
        var comptesA = scopeA.ServiceProvider.GetRequiredService<Comptes>();
        var comptesB = scopeB.ServiceProvider.GetRequiredService<Comptes>();

        for (var i = 0; i < Comptes.EchecsParAdresse; i++)
        {
            // Different logins each time: the per-login lockout is not what stops this address.
            var (verdict, _) = await (i % 2 == 0 ? comptesA : comptesB).VerifierAsync($"essai.{i}", "mauvais", adresse, CancellationToken.None);
            Assert.Equal(Verdict.Refuse, verdict);
        }

        var (apres, _) = await comptesB.VerifierAsync("cpe", Ent.Kernel.Demo.DemoLycee.MotDePasse, adresse, CancellationToken.None);
        var (ailleurs, _) = await comptesA.VerifierAsync("cpe", Ent.Kernel.Demo.DemoLycee.MotDePasse, IPAddress.Parse("203.0.113.8"), CancellationToken.None);

        Assert.Equal(Verdict.TropDeTentatives, apres);
        Assert.Equal(Verdict.Accepte, ailleurs);
    }

    [Fact]
    public async Task Tokens_are_encrypted_with_the_shared_symmetric_key_and_those_of_the_former_rsa_key_stay_valid()
    {
        await using var avant = new InstanceAvantCleSymetrique(app.ConnectionString);
        await avant.InitializeAsync();
        using var navigateur = new Navigateur(avant);
        var ancien = await Jetons.ClientSpa(avant, navigateur, "parent.002").LoginAsync();
        Assert.False(ancien.IsError, ancien.Error);
        Assert.Equal(SecurityAlgorithms.RsaOAEP, AlgorithmeChiffrement(ancien.AccessToken));

        // On today's instances: the former access token is read, the former refresh token gives new tokens.
        using var moi = new HttpRequestMessage(HttpMethod.Get, "/api/identite/me");
        moi.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ancien.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(moi)).StatusCode);
        using var navigateur2 = new Navigateur(_seconde);
        var nouveau = await Jetons.ClientSpa(_seconde, navigateur2, "parent.002").RefreshTokenAsync(ancien.RefreshToken);
        Assert.False(nouveau.IsError, nouveau.Error);
        Assert.Equal(SecurityAlgorithms.Aes256KW, AlgorithmeChiffrement(nouveau.AccessToken));
        Assert.Equal(SecurityAlgorithms.Aes256KW, AlgorithmeChiffrement(nouveau.RefreshToken));
        using var moi2 = new HttpRequestMessage(HttpMethod.Get, "/api/identite/me");
        moi2.Headers.Authorization = new AuthenticationHeaderValue("Bearer", nouveau.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().SendAsync(moi2)).StatusCode);

        // The symmetric key is a secret: never published with the public keys.
        var jwks = await (await app.CreateClient().GetAsync("/.well-known/jwks")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("\"oct\"", jwks, StringComparison.Ordinal);
    }
}
