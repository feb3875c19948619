using Ent.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.VieScolaire.Tests;

/// <summary>
/// The real host, with callers coming from a known address: the in-process test server gives requests none, where Kestrel
/// gives the client's, and a signature must keep it.
/// </summary>
public sealed class SortiesApp : EntApp
{
    public const string Adresse = "203.0.113.5";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, AdresseClient>());
    }

    private sealed class AdresseClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, suite) =>
            {
                context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Parse(Adresse);
                return suite(context);
            });
            next(app);
        };
    }
}
