using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ent.Communication.Acheminement;

/// <summary>
/// Runs <see cref="Acheminement"/> in the background once the database is ready: batch after batch while messages are
/// due, a short pause when the outbox is empty. Stopping lets the batch in hand finish.
/// </summary>
internal sealed partial class TravailleurAcheminement(
    IServiceProvider services, IOptions<AcheminementOptions> options, ILogger<TravailleurAcheminement> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Actif)
        {
            return;
        }

        // Not before this instance is ready: the database is reached and migrated once the port is bound (issue #12).
        try
        {
            await services.GetRequiredService<Ent.Kernel.Database.StartupState>().WhenReady.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return; // stopped, or the start failed
        }

        // Resolved here, not injected: hosted services are built before the database is open (it is by now).
        var acheminement = services.GetRequiredService<Acheminement>();
        while (!stoppingToken.IsCancellationRequested)
        {
            int traites;
            try
            {
                traites = await acheminement.TraiterLotAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogErreur(log, e);
                traites = 0;
            }

            if (traites == 0)
            {
                await Task.Delay(options.Value.IntervalleMs, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Acheminement : le lot a échoué ; nouvel essai au prochain tour")]
    private static partial void LogErreur(ILogger logger, Exception e);
}
