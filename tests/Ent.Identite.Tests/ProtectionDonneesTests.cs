using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ent.Identite.DataProtection;
using Ent.Kernel.Database;
using Ent.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OtpNet;

namespace Ent.Identite.Tests;

/// <summary>
/// The data-protection keys (which protect TOTP secrets) are stored encrypted with a key kept outside the database
/// (Ent:DataProtection:Cle here); a second instance with the same key reads what the first protected, one with
/// another key refuses to start and says why.
/// </summary>
public sealed class ProtectionDonneesTests(ProtectionDonneesTests.AppAvecCle app) : IClassFixture<ProtectionDonneesTests.AppAvecCle>
{
    public const string Cle = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    public const string AutreCle = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    public sealed class AppAvecCle : EntApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ent:DataProtection:Cle"] = Cle };
    }

    private sealed class Instance(string connectionString, string cle) : EntApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ent:DataProtection:Cle"] = cle };

        public override Task InitializeAsync()
        {
            ConnectionString = connectionString;
            _ = Server;
            return Task.CompletedTask;
        }
    }

    private async Task<List<string>> ClesStockeesAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT xml FROM identite.cle_protection_donnees", conn);
        var cles = new List<string>();
        await using var lecture = await cmd.ExecuteReaderAsync();
        while (await lecture.ReadAsync())
        {
            cles.Add(lecture.GetString(0));
        }

        return cles;
    }

    [Fact]
    public async Task Keys_are_stored_encrypted()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/connexion")).StatusCode); // the antiforgery token needs a key

        var cles = await ClesStockeesAsync();
        Assert.NotEmpty(cles);
        Assert.All(cles, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_totp_secret_protected_by_one_instance_is_read_by_another_with_the_same_key()
    {
        var debut = await app.ClientConnecte("parent.004").PostAsync("/api/identite/me/double-authentification", null);
        Assert.Equal(HttpStatusCode.OK, debut.StatusCode);
        var secret = (await debut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        await using var seconde = new Instance(app.ConnectionString, Cle);
        await seconde.InitializeAsync();
        // The second instance checks the code against the secret the first one stored encrypted.
        var code = new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow);
        var confirmation = await seconde.ClientConnecte("parent.004").PostAsJsonAsync("/api/identite/me/double-authentification/confirmation", new { code });

        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
    }

    [Fact]
    public async Task An_instance_with_another_key_refuses_to_start_and_says_why()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/connexion")).StatusCode);

        // The start fails (the host logs why and stops; the factory sees only a stopped host)…
        var autre = new Instance(app.ConnectionString, AutreCle);
        Exception? demarrage = null;
        try
        {
            await autre.InitializeAsync();
        }
        catch (Exception e)
        {
            demarrage = e;
        }
        finally
        {
            try
            {
                await autre.DisposeAsync();
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // never started
            }
        }

        // …at the start-up step that checks the stored keys, whose message names the setting to fix.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ent:DataProtection:Cle"] = AutreCle }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton(app.Services.GetRequiredService<EntDatabase>())
            .AddSingleton(new CleProtection(configuration))
            .BuildServiceProvider();
        var erreur = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new VerificationClesProtection(services.GetRequiredService<CleProtection>()).RunAsync(services, CancellationToken.None));

        Assert.NotNull(demarrage);
        Assert.Contains("chiffrées avec une autre clé", erreur.Message, StringComparison.Ordinal);
        Assert.Contains("Ent:DataProtection:Cle", erreur.Message, StringComparison.Ordinal);
    }
}
