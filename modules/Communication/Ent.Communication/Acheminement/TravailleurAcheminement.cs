using Ent.Kernel.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ent.Communication.Acheminement;

/// <summary>
/// Runs <see cref="Acheminement"/> in the background once the host has started (its port bound: a second start that
/// fails to bind never delivers anything), one loop per channel — SMS, e-mail and in-app each claim and deliver on their
/// own, so a hung SMS gateway does not delay in-app notifications. Batch after batch while messages are due, a short
/// pause when the channel's outbox is empty or its provider fails. Stopping lets the sends in flight finish and gives the
/// rest of the batch back.
/// </summary>
internal sealed partial class TravailleurAcheminement(
    IServiceProvider services, IHostApplicationLifetime lifetime, IOptions<AcheminementOptions> options, ILogger<TravailleurAcheminement> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Actif)
        {
            return;
        }

        var demarre = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => demarre.TrySetResult()))
        using (stoppingToken.Register(() => demarre.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await demarre.Task;
                // Not before this instance is ready either: the database is reached and migrated once the port is bound.
                await services.GetRequiredService<Ent.Kernel.Database.StartupState>().WhenReady.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return; // stopped, or the start failed
            }
        }

        // Resolved here, not injected: hosted services are built before the database is open (it is by now).
        var acheminement = services.GetRequiredService<Acheminement>();
        await Task.WhenAll(Acheminement.Canaux.Select(canal => Task.Run(() => BouclerAsync(acheminement, canal, stoppingToken), CancellationToken.None)));
    }

    private async Task BouclerAsync(Acheminement acheminement, string canal, CancellationToken stoppingToken)
    {
        // While the database is out of reach, one line when it goes and one when it comes back, not a stack trace
        // every half second per channel (the outage itself is counted by the requests' 503s).
        var enPanne = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            int traites;
            try
            {
                traites = await acheminement.TraiterLotAsync(canal, stoppingToken);
                if (enPanne)
                {
                    LogRetour(log, canal);
                    enPanne = false;
                }
            }
            catch (Exception e) when (Indisponibilite.EstIndisponible(e) && !stoppingToken.IsCancellationRequested)
            {
                if (!enPanne)
                {
                    LogPanne(log, canal, Indisponibilite.Raison(e));
                    enPanne = true;
                }

                traites = 0;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogErreur(log, e, canal);
                traites = 0;
            }

            if (traites == 0)
            {
                await Task.Delay(options.Value.IntervalleMs, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Acheminement ({Canal}) : le lot a échoué ; nouvel essai au prochain tour")]
    private static partial void LogErreur(ILogger logger, Exception e, string canal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Acheminement ({Canal}) : base de données indisponible ({Raison}) ; la distribution reprendra seule")]
    private static partial void LogPanne(ILogger logger, string canal, string raison);

    [LoggerMessage(Level = LogLevel.Information, Message = "Acheminement ({Canal}) : base de données de nouveau joignable, la distribution reprend")]
    private static partial void LogRetour(ILogger logger, string canal);
}
