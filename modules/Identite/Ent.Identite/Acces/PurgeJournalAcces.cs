using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Identite.Acces;

/// <summary>
/// Purges the access log once shortly after start, then once a day. Every instance does it: the purge is idempotent
/// and cheap (an index on the date), so no coordination is needed.
/// </summary>
internal sealed partial class PurgeJournalAcces(
    IServiceProvider services, Ent.Kernel.Database.StartupState demarrage, TimeProvider clock, ILogger<PurgeJournalAcces> log) : BackgroundService
{
    private static readonly TimeSpan PremierePurge = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Intervalle = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delai = PremierePurge;
        while (true)
        {
            try
            {
                // Not before the migrations have run (they run once the port is bound, and may take longer than a minute).
                await demarrage.WhenReady.WaitAsync(stoppingToken);
                await Task.Delay(delai, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Resolved here, not injected: hosted services are built before the database is open.
                await services.GetRequiredService<JournalAcces>().PurgerAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                // The next day's run catches up; a failed purge must not stop the host.
                LogEchec(log, e);
            }

            delai = Intervalle;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purge du journal des accès en échec ; nouvel essai dans un jour")]
    private static partial void LogEchec(ILogger logger, Exception exception);
}
