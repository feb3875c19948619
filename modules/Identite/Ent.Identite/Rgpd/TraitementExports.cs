using Ent.Kernel.Database;
using Ent.Kernel.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Identite.Rgpd;

/// <summary>
/// Builds the waiting RGPD exports, one at a time per host: woken at once when this host receives a request, and every
/// few seconds otherwise (another host may have received it). Hosts share the queue through the table.
/// </summary>
internal sealed partial class TraitementExports(IServiceProvider services, StartupState demarrage, ILogger<TraitementExports> log)
    : BackgroundService
{
    private static readonly TimeSpan Attente = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await demarrage.WhenReady.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var exports = services.GetRequiredService<ExportsRgpd>();
        try
        {
            await exports.ReprendreInterrompusAsync(stoppingToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Signaler(log, e);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await exports.TraiterSuivantAsync(stoppingToken))
                {
                }

                await exports.AttendreAsync(Attente, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                Signaler(log, e);
                try
                {
                    await Task.Delay(Attente, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // The database away (a restart, a failover): one line, no stack trace; anything else with its exception.
    private static void Signaler(ILogger logger, Exception e)
    {
        if (Indisponibilite.EstIndisponible(e))
        {
            LogIndisponible(logger, Indisponibilite.Raison(e));
        }
        else
        {
            LogErreur(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Exports RGPD : base de données indisponible ({Raison}) ; les exports en attente reprendront seuls")]
    private static partial void LogIndisponible(ILogger logger, string raison);

    [LoggerMessage(Level = LogLevel.Warning, Message = "File des exports RGPD")]
    private static partial void LogErreur(ILogger logger, Exception e);
}
