using Ent.Kernel.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ent.Communication.Conversations;

/// <summary>
/// The messaging's background work, on every instance (both tasks are idempotent: the digest's outbox key, the purge's
/// skipped locks): every <see cref="MessagerieOptions.IntervalleSecondes"/>, queue the day's e-mail digests once their
/// hour has passed, and purge the attachments never sent. The time is the application's clock (TimeProvider).
/// </summary>
internal sealed partial class EntretienMessagerie(
    IServiceProvider services, TimeProvider clock, IOptions<MessagerieOptions> options, ILogger<EntretienMessagerie> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Entretien)
        {
            return;
        }

        try
        {
            // Not before the migrations have run (they run once the port is bound).
            await services.GetRequiredService<Ent.Kernel.Database.StartupState>().WhenReady.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        // Resolved here, not injected: hosted services are built before the database is open.
        var resumes = services.GetRequiredService<ResumesMessagerie>();
        var purge = services.GetRequiredService<PurgePiecesJointesMessagerie>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var maintenant = clock.GetUtcNow();
                await resumes.EnvoyerAsync(maintenant, stoppingToken);
                await purge.PurgerAsync(maintenant, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The next turn tries again; a database out of reach is one line, not a stack trace every few minutes.
                if (Indisponibilite.EstIndisponible(e))
                {
                    LogIndisponible(log, Indisponibilite.Raison(e));
                }
                else
                {
                    LogErreur(log, e);
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalleSecondes)), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Messagerie : résumé par courriel ou purge des pièces jointes en échec ; nouvel essai au prochain tour")]
    private static partial void LogErreur(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Messagerie : base de données indisponible ({Raison}) ; résumés et purge reprendront seuls")]
    private static partial void LogIndisponible(ILogger logger, string raison);
}
