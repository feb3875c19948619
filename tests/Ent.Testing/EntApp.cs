using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace Ent.Testing;

/// <summary>
/// The real host, in process, on a fresh database of the test cluster, with the demo lycée. Use as a class fixture:
/// one database per test class.
/// </summary>
public class EntApp : EntFactory, IAsyncLifetime
{
    public const string TiersRessources = "tiers-ressources";
    public const string TiersIdentite = "tiers-annuaire";
    public const string SecretTiers = "secret-de-test-0123456789";

    public string ConnectionString { get; protected set; } = string.Empty;

    /// <summary>Settings a derived fixture adds or overrides.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync("ent");
        _ = Server; // builds and starts the host: migrations and demo data run now
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Ent", ConnectionString);
        builder.UseSetting("Ent:Demo", "true");
        // The demo's previous school year off: tests look the demo's rows up by class code or period number without a
        // year. AnneesDemoTests turns it on.
        builder.UseSetting("Ent:DemoAnneePrecedente", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Ent:UrlPublique", "http://localhost");
        // Two third-party applications, one per kind of grant, with narrow scopes.
        builder.UseSetting("Ent:Oidc:Clients:0:ClientId", TiersRessources);
        builder.UseSetting("Ent:Oidc:Clients:0:Secret", SecretTiers);
        builder.UseSetting("Ent:Oidc:Clients:0:Nom", "Application de ressources");
        builder.UseSetting("Ent:Oidc:Clients:0:Flux:0", "client_credentials");
        builder.UseSetting("Ent:Oidc:Clients:0:Portees:0", "ressources.read");
        builder.UseSetting("Ent:Oidc:Clients:1:ClientId", TiersIdentite);
        builder.UseSetting("Ent:Oidc:Clients:1:Secret", SecretTiers);
        builder.UseSetting("Ent:Oidc:Clients:1:Nom", "Application d'annuaire");
        builder.UseSetting("Ent:Oidc:Clients:1:Flux:0", "client_credentials");
        builder.UseSetting("Ent:Oidc:Clients:1:Flux:1", "authorization_code");
        builder.UseSetting("Ent:Oidc:Clients:1:Portees:0", "identite.read");
        builder.UseSetting("Ent:Oidc:Clients:1:RedirectUris:0", "https://annuaire.example.org/retour");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
