using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Database;
using Ent.Kernel.Http;
using Ent.Kernel.Rgpd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Ressources.Gar.Flux;

/// <summary>
/// The daily deposit of the affectation flux: once a day (Europe/Paris) across the hosts, each établissement of
/// Ent:Gar:EtablissementsFlux gets its complete flux written, zipped, into Ent:Gar:DossierFlux — the folder the
/// deposit on the GAR's platform (SFTP, outside Ent) takes it from. The host that inserts the day's row in
/// <c>ressources.gar_flux</c> produces it; the others find the row and skip it (the primary key decides, as for the
/// retention purges: a lock would only keep two hosts from producing at the same time, not twice in a day). The row
/// keeps the outcome: the file, or why there is none (the schema's errors: an invalid flux is never written).
/// </summary>
// EntDatabase rather than NpgsqlDataSource: the hosted service is built before the database is ready.
internal sealed partial class ProductionFluxGar(IServiceScopeFactory scopes, EntDatabase db, IOptions<GarOptions> options,
    ILogger<ProductionFluxGar> log)
{
    /// <summary>How long Ent leaves its zips in the folder (the deposit takes them within the day).</summary>
    public const int ConservationJours = 7;

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Whether the daily flux is on: the GAR connected (Ent:Gar:UrlWebService) and a folder given.</summary>
    public bool Actif => options.Value.Actif && !string.IsNullOrWhiteSpace(options.Value.DossierFlux);

    /// <summary>Produces, at <paramref name="maintenant"/>, each établissement's flux not yet produced on its day by any host; returns how many this host took.</summary>
    public async Task<int> ExecuterAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        if (!Actif)
        {
            return 0;
        }

        var dossier = options.Value.DossierFlux!;
        var jour = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(maintenant, Paris).DateTime);
        var prises = 0;
        foreach (var uai in options.Value.EtablissementsFlux.Select(Uai.Normalize).Distinct(StringComparer.Ordinal))
        {
            await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
            {
                var reclamee = await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO ressources.gar_flux (jour, uai, hote, commence_le) VALUES (@jour, @uai, @hote, @maintenant)
                    ON CONFLICT (jour, uai) DO NOTHING
                    """, new { jour, uai, hote = Environment.MachineName, maintenant }, cancellationToken: ct));
                if (reclamee == 0)
                {
                    continue;
                }
            }

            prises++;
            string? fichier = null;
            string? erreur = null;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var etablissement = await scope.ServiceProvider.GetRequiredService<IAnnuaire>().TrouverEtablissementAsync(uai, ct)
                                    ?? throw new InvalidOperationException($"Aucun établissement n'a l'UAI {uai} (Ent:Gar:EtablissementsFlux).");
                var flux = await scope.ServiceProvider.GetRequiredService<GenerateurFluxGar>().ProduireAsync(etablissement, ct);
                Directory.CreateDirectory(dossier);
                // Written aside then renamed: the deposit never takes a half-written zip.
                var chemin = Path.Combine(dossier, flux.NomArchive);
                await File.WriteAllBytesAsync(chemin + ".partiel", flux.Archive(), ct);
                File.Move(chemin + ".partiel", chemin, overwrite: true);
                fichier = flux.NomArchive;
                LogEcrit(log, uai, fichier, flux.Eleves.Count);
            }
            catch (FluxGarInvalideException e)
            {
                erreur = e.Message;
                LogInvalide(log, uai, e.Fichier, string.Join(Environment.NewLine, e.Erreurs));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                erreur = e.GetType().Name + " : " + e.Message;
                LogEchec(log, uai, e);
            }

            await using (var conn = await db.DataSource.OpenConnectionAsync(CancellationToken.None))
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE ressources.gar_flux SET termine_le = now(), fichier = @fichier, erreur = left(@erreur, 4000)
                    WHERE jour = @jour AND uai = @uai
                    """, new { jour, uai, fichier, erreur }, cancellationToken: CancellationToken.None));
            }
        }

        Nettoyer(dossier, maintenant);
        return prises;
    }

    // Ent's own zips older than the retention leave the folder (the deposit has long taken them).
    private void Nettoyer(string dossier, DateTimeOffset maintenant)
    {
        if (!Directory.Exists(dossier))
        {
            return;
        }

        foreach (var zip in Directory.EnumerateFiles(dossier, $"{options.Value.IdEnt}_*_Complet.zip"))
        {
            if (File.GetLastWriteTimeUtc(zip) < maintenant.UtcDateTime.AddDays(-ConservationJours))
            {
                File.Delete(zip);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Flux GAR de {Uai} écrit : {Fichier} ({Eleves} élève(s))")]
    private static partial void LogEcrit(ILogger logger, string uai, string fichier, int eleves);

    [LoggerMessage(Level = LogLevel.Error, Message = "Flux GAR de {Uai} non conforme au schéma GAR-ENT, rien n'est déposé ; {Fichier} :\n{Erreurs}")]
    private static partial void LogInvalide(ILogger logger, string uai, string fichier, string erreurs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Flux GAR de {Uai} en échec")]
    private static partial void LogEchec(ILogger logger, string uai, Exception e);
}

/// <summary>Looks every hour whether the day's flux have been produced (a minute after start first).</summary>
internal sealed partial class TraitementFluxGar(ProductionFluxGar production, StartupState demarrage, TimeProvider clock, ILogger<TraitementFluxGar> log)
    : BackgroundService
{
    private static readonly TimeSpan Premiere = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Intervalle = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!production.Actif)
        {
            return;
        }

        var delai = Premiere;
        while (true)
        {
            try
            {
                await demarrage.WhenReady.WaitAsync(stoppingToken);
                await Task.Delay(delai, clock, stoppingToken);
                await production.ExecuterAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
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

            delai = Intervalle;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flux GAR : base de données indisponible ({Raison}) ; il reprendra au prochain passage")]
    private static partial void LogIndisponible(ILogger logger, string raison);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Planification du flux GAR")]
    private static partial void LogErreur(ILogger logger, Exception e);
}

/// <summary>The flux runs' record: 13 months, like the purges' own.</summary>
internal sealed class PurgeFluxGar(NpgsqlDataSource db) : IPurgeRetention
{
    public string Nom => "ressources.gar_flux";

    public string Duree => "13 mois";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("DELETE FROM ressources.gar_flux WHERE jour < @limite",
            new { limite = DateOnly.FromDateTime(maintenant.UtcDateTime).AddMonths(-13) }, cancellationToken: ct));
    }
}
