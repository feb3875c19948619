using Ent.Kernel.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ent.Communication.Elections;

/// <summary>
/// Freezes the electoral list of each election as it opens and seals the urn of each as it closes, every few seconds
/// on every instance (the steps lock the election's row and re-check: done once, whoever gets there first). The
/// requests do the same lazily, so a stopped job delays nothing a family sees; the job keeps the freeze within seconds of
/// the opening, as the rule wants (guardians linked afterwards are not electors).
/// </summary>
internal sealed partial class EntretienElections(IServiceProvider services, ILogger<EntretienElections> log) : BackgroundService
{
    private static readonly TimeSpan Intervalle = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await services.GetRequiredService<Ent.Kernel.Database.StartupState>().WhenReady.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var scrutins = services.GetRequiredService<Scrutins>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await scrutins.MettreAJourToutesAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
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
                await Task.Delay(Intervalle, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Élections : gel des électeurs ou scellement de l'urne en échec ; nouvel essai au prochain tour")]
    private static partial void LogErreur(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Élections : base de données indisponible ({Raison}) ; gel et scellement reprendront seuls")]
    private static partial void LogIndisponible(ILogger logger, string raison);
}
