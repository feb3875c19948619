using Ent.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Identite.Tests;

/// <summary>
/// The real host for the account-protection tests: callers from the address a test names in
/// <see cref="EnTeteAdresse"/> (the in-process server gives none, where Kestrel gives the client's), and a third-party
/// application granted <c>identite.write</c> through the authorization code flow.
/// </summary>
public class ComptesApp : EntApp
{
    public const string EnTeteAdresse = "X-Test-Adresse";
    public const string TiersEcriture = "tiers-ecriture";
    public const string RetourTiersEcriture = "https://ecriture.example.org/retour";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Oidc:Clients:2:ClientId"] = TiersEcriture,
        ["Ent:Oidc:Clients:2:Secret"] = SecretTiers,
        ["Ent:Oidc:Clients:2:Nom"] = "Application qui écrit",
        ["Ent:Oidc:Clients:2:Flux:0"] = "authorization_code",
        ["Ent:Oidc:Clients:2:Portees:0"] = "identite.read",
        ["Ent:Oidc:Clients:2:Portees:1"] = "identite.write",
        ["Ent:Oidc:Clients:2:RedirectUris:0"] = RetourTiersEcriture,
        // These tests send many reset requests in a minute: the per-instance ceiling is tested on its own.
        ["Ent:Oubli:RequetesParMinute"] = "10000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, AdresseClient>();
        });
    }

    private sealed class AdresseClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, suite) =>
            {
                if (context.Request.Headers.TryGetValue(EnTeteAdresse, out var adresse))
                {
                    context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(adresse.ToString());
                }

                return suite(context);
            });
            next(app);
        };
    }
}

/// <summary>The host with a per-instance ceiling of two forgotten-password requests a minute.</summary>
public sealed class OubliPlafonneApp : EntApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Oubli:RequetesParMinute"] = "2",
    };
}
