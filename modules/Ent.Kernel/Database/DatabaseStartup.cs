using Ent.Kernel.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ent.Kernel.Database;

/// <summary>
/// Brings the database up before the server accepts requests: the configured server, or the embedded cluster;
/// then the migrations of every module; then the demo lycée when asked for. Any failure stops start-up.
/// </summary>
internal sealed partial class DatabaseStartup(
    IConfiguration configuration,
    IOptions<DatabaseOptions> options,
    EntDatabase database,
    IServiceProvider services,
    ILoggerFactory loggers) : IHostedService
{
    private readonly ILogger _log = loggers.CreateLogger<DatabaseStartup>();
    private EmbeddedPostgres? _embedded;
    private Task? _stopping;
    private readonly Lock _stopLock = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString("Ent");
        var embedded = string.IsNullOrWhiteSpace(connectionString);
        try
        {
            if (embedded)
            {
                _embedded = new EmbeddedPostgres(new EmbeddedPostgresSettings
                {
                    DataFolder = options.Value.DataFolder,
                    BinFolder = options.Value.BinFolder,
                    Port = options.Value.Port,
                }, loggers.CreateLogger<EmbeddedPostgres>());
                await _embedded.StartAsync(cancellationToken);
                connectionString = _embedded.ConnectionString;
            }

            database.Open(connectionString!, embedded);

            var applied = await services.GetRequiredService<MigrationRunner>().RunAsync(cancellationToken);
            LogMigrated(_log, applied);

            foreach (var task in services.GetServices<IStartupTask>())
            {
                await task.RunAsync(services, cancellationToken);
            }

            if (DemoEnabled(configuration["Ent:Demo"], embedded))
            {
                foreach (var demo in services.GetServices<IDemoData>().OrderBy(d => d.Order))
                {
                    await demo.SeedAsync(database.DataSource, cancellationToken);
                }

                LogDemo(_log, DemoLycee.Uai);
            }
        }
        catch
        {
            if (_embedded is not null)
            {
                await _embedded.StopAsync(CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>Demo data is on with the embedded database, off with a configured server, unless Ent:Demo says.</summary>
    internal static bool DemoEnabled(string? setting, bool embedded) => setting?.Trim().ToLowerInvariant() switch
    {
        "true" or "on" or "1" => true,
        "false" or "off" or "0" => false,
        _ => embedded,
    };

    /// <summary>
    /// Stops the embedded cluster once, however many times the host is stopped (a test host is stopped by both the
    /// test factory and Program): every caller waits for that one stop, so none returns while the cluster still runs.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopLock)
        {
            return _stopping ??= _embedded?.StopAsync(CancellationToken.None) ?? Task.CompletedTask;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Base de données prête ({Applied} migration(s) appliquée(s))")]
    private static partial void LogMigrated(ILogger logger, int applied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Données de démonstration présentes (établissement {Uai})")]
    private static partial void LogDemo(ILogger logger, string uai);
}
