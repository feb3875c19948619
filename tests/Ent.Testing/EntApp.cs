using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace Ent.Testing;

/// <summary>
/// The real host, in process, on a fresh database of the test cluster, with the demo lycée. Use as a class fixture:
/// one database per test class.
/// </summary>
public class EntApp : EntFactory, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

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
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
