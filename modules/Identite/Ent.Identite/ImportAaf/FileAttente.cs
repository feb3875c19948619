using System.Threading.Channels;
using Ent.Kernel.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ent.Identite.ImportAaf;

/// <summary>
/// The uploaded exports waiting to run, in this instance: the zip is kept in a local folder (Ent:ImportAaf:Dossier,
/// the temporary folder by default) until its import ends, and runs in the instance that received it.
/// </summary>
internal sealed class FileAttente(IOptions<ImportAafOptions> options)
{
    private readonly Channel<Guid> _file = Channel.CreateUnbounded<Guid>();

    public ChannelReader<Guid> Lecteur => _file.Reader;

    public string Chemin(Guid id)
    {
        var dossier = options.Value.Dossier ?? Path.Combine(Path.GetTempPath(), "ent-imports-aaf");
        Directory.CreateDirectory(dossier);
        return Path.Combine(dossier, $"{id:N}.zip");
    }

    public void Ajouter(Guid id) => _file.Writer.TryWrite(id);
}

/// <summary>
/// Runs the uploaded imports one after the other once the instance is ready. At start, marks « echoue » the imports a
/// crash left « en_cours » (when no import holds the lock: another instance may be running one) and those still
/// « en_attente » whose zip is gone.
/// </summary>
internal sealed partial class TraitementImports(IServiceProvider services, FileAttente attente, IOptions<ImportAafOptions> options,
    ILogger<TraitementImports> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Traitement)
        {
            return;
        }

        try
        {
            await services.GetRequiredService<StartupState>().WhenReady.WaitAsync(stoppingToken);
        }
        catch (TaskCanceledException)
        {
            return;
        }

        var imports = services.GetRequiredService<ImportsAaf>();
        try
        {
            var interrompus = await imports.ReprendreInterrompusAsync(stoppingToken);
            if (interrompus > 0)
            {
                LogInterrompus(log, interrompus);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogErreur(log, e);
        }

        await foreach (var id in attente.Lecteur.ReadAllAsync(stoppingToken))
        {
            var chemin = attente.Chemin(id);
            try
            {
                await imports.ExecuterAsync(id, chemin, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogErreur(log, e);
            }
            finally
            {
                File.Delete(chemin);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Nombre} import(s) AAF interrompu(s) par un arrêt marqué(s) en échec")]
    private static partial void LogInterrompus(ILogger logger, int nombre);

    [LoggerMessage(Level = LogLevel.Error, Message = "Traitement des imports AAF")]
    private static partial void LogErreur(ILogger logger, Exception e);
}
