using System.Diagnostics;
using Ent.Kernel.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ent.Kernel.Http;
using Npgsql;

namespace Ent.Kernel.Database;

/// <summary>
/// Brings the database up once the server has bound its port: the configured server (waited for while it starts),
/// or the embedded cluster; then the migrations of every module; then the start-up tasks and the demo lycée. Until
/// then <see cref="StartupState"/> says not ready (503 everywhere). Any failure stops start-up.
/// Before the port is bound, only the settings are checked: a second start on a busy port exits having touched
/// nothing (no cluster created or adopted, no migration, no OIDC client rewritten).
/// </summary>
internal sealed partial class DatabaseStartup(
    IConfiguration configuration,
    IOptions<DatabaseOptions> options,
    EntDatabase database,
    StartupState state,
    IServiceProvider services,
    ILoggerFactory loggers) : IHostedLifecycleService
{
    private readonly ILogger _log = loggers.CreateLogger<DatabaseStartup>();
    private EmbeddedPostgres? _embedded;
    private Task? _stopping;
    private readonly Lock _stopLock = new();

    /// <summary>Before the port is bound: the connection string is checked, nothing else is touched.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString("Ent");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            CheckConnectionString(connectionString);
        }

        return Task.CompletedTask;
    }

    /// <summary>After every hosted service started, the server included: its port is bound.</summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
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
            if (!embedded)
            {
                await WaitForServerAsync(database.DataSource, TimeSpan.FromSeconds(Math.Max(0, options.Value.AttenteSecondes)), cancellationToken);
            }

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

            state.MarkReady();
        }
        catch
        {
            state.MarkFailed();
            if (_embedded is not null)
            {
                await _embedded.StopAsync(CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>A connection string Npgsql cannot read is named, in French, without echoing it (it holds a password).</summary>
    internal static void CheckConnectionString(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            var keyword = System.Text.RegularExpressions.Regex.Match(e.Message, @"^Keyword not supported: '?([A-Za-z0-9 _]+?)'?(?: \(Parameter|$)");
            var why = keyword.Success
                ? $"le mot-clé « {keyword.Groups[1].Value.Trim().ToLowerInvariant()} » n'existe pas"
                : "sa syntaxe ou l'une de ses valeurs n'est pas valide";
            throw new DatabaseStartupException(
                $"Le réglage ConnectionStrings:Ent n'est pas une chaîne de connexion PostgreSQL valide : {why}. " +
                "Forme attendue : Host=serveur;Port=5432;Database=ent;Username=ent;Password=… " +
                "(variable d'environnement ConnectionStrings__Ent).");
        }
    }

    /// <summary>
    /// Waits for a configured server that refuses connections or is still starting (57P03), up to <paramref name="wait"/>;
    /// a server that answers but refuses Ent (wrong password, no such database) fails at once.
    /// </summary>
    internal async Task WaitForServerAsync(NpgsqlDataSource dataSource, TimeSpan wait, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var cible = Describe(dataSource.ConnectionString);
        var logged = false;
        while (true)
        {
            try
            {
                await using var conn = await dataSource.OpenConnectionAsync(ct);
                await using var command = new NpgsqlCommand("SELECT 1", conn);
                await command.ExecuteScalarAsync(ct);
                if (logged)
                {
                    LogReached(_log, cible, clock.Elapsed.TotalSeconds);
                }

                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && Indisponibilite.EstIndisponible(e))
            {
                if (clock.Elapsed >= wait)
                {
                    throw new DatabaseStartupException(
                        $"La base de données configurée par ConnectionStrings:Ent ({cible}) ne répond pas" +
                        (wait > TimeSpan.Zero ? $" après {wait.TotalSeconds:0} s d'attente" : string.Empty) +
                        $" ({Indisponibilite.Raison(e)}). Vérifiez que le serveur PostgreSQL est démarré et joignable, " +
                        "ou allongez l'attente avec le réglage Ent:Database:AttenteSecondes.");
                }

                if (!logged)
                {
                    LogWaiting(_log, cible, wait.TotalSeconds);
                    logged = true;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
            catch (PostgresException e)
            {
                throw new DatabaseStartupException(
                    $"La base de données configurée par ConnectionStrings:Ent ({cible}) refuse la connexion : {e.MessageText} " +
                    $"(code {e.SqlState}). Vérifiez l'utilisateur, le mot de passe et le nom de la base.");
            }
        }
    }

    /// <summary>Server, port and database of a connection string, never its password.</summary>
    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"serveur {b.Host}, port {b.Port}, base {b.Database ?? b.Username}";
    }

    /// <summary>Demo data is on with the embedded database, off with a configured server, unless Ent:Demo says.</summary>
    internal static bool DemoEnabled(string? setting, bool embedded) => setting?.Trim().ToLowerInvariant() switch
    {
        "true" or "on" or "1" => true,
        "false" or "off" or "0" => false,
        _ => embedded,
    };

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Stops the embedded cluster once, however many times the host is stopped (a test host is stopped by both the
    /// test factory and Program): every caller waits for that one stop, so none returns while the cluster still runs.
    /// A cluster this process did not start is left running (see <see cref="EmbeddedPostgres.StopAsync"/>).
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "La base de données ({Cible}) ne répond pas encore : nouvel essai chaque seconde pendant {Secondes} s au plus")]
    private static partial void LogWaiting(ILogger logger, string cible, double secondes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Base de données ({Cible}) jointe après {Secondes:0.0} s")]
    private static partial void LogReached(ILogger logger, string cible, double secondes);
}

/// <summary>The configured database cannot be used (unreadable connection string, unreachable, refused); the message says what to do.</summary>
public sealed class DatabaseStartupException(string message) : Exception(message);
