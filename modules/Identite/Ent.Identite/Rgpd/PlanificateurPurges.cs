using Dapper;
using Ent.Kernel.Database;
using Ent.Kernel.Http;
using Ent.Kernel.Rgpd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Identite.Rgpd;

/// <summary>
/// Runs every module's retention purges (<see cref="IPurgeRetention"/>) once per day across the hosts: the host that
/// inserts a purge's row for the day in <c>identite.execution_purge</c> runs it; the others find the row and skip it
/// (the primary key decides, whatever the hosts' clocks or timing). Each run's outcome is kept there (rows deleted, or
/// the error), for the operators.
/// </summary>
internal sealed partial class PlanificateurPurges(EntDatabase db, IEnumerable<IPurgeRetention> purges, ILogger<PlanificateurPurges> log)
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The purges in a stable order (by name).</summary>
    public IReadOnlyList<IPurgeRetention> Purges { get; } = [.. purges.OrderBy(p => p.Nom, StringComparer.Ordinal)];

    /// <summary>
    /// Runs, at <paramref name="maintenant"/>, each purge not yet run on its day (Europe/Paris) by any host; returns how
    /// many this host ran. A failed purge is recorded and the others still run; it is tried again the next day.
    /// </summary>
    public async Task<int> ExecuterAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var periode = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(maintenant, Paris).DateTime);
        var executees = 0;
        foreach (var purge in Purges)
        {
            await using (var conn = await db.DataSource.OpenConnectionAsync(ct))
            {
                var reclamee = await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO identite.execution_purge (periode, nom, hote, commence_le) VALUES (@periode, @nom, @hote, @maintenant)
                    ON CONFLICT (periode, nom) DO NOTHING
                    """, new { periode, nom = purge.Nom, hote = Environment.MachineName, maintenant }, cancellationToken: ct));
                if (reclamee == 0)
                {
                    continue;
                }
            }

            executees++;
            int? supprimees = null;
            string? erreur = null;
            try
            {
                supprimees = await purge.PurgerAsync(maintenant, ct);
                LogPurge(log, purge.Nom, supprimees.Value);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                erreur = e.GetType().Name + " : " + e.Message;
                LogEchec(log, purge.Nom, e);
            }

            await using (var conn = await db.DataSource.OpenConnectionAsync(CancellationToken.None))
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE identite.execution_purge SET termine_le = now(), supprimees = @supprimees, erreur = left(@erreur, 2000)
                    WHERE periode = @periode AND nom = @nom
                    """, new { periode, nom = purge.Nom, supprimees, erreur }, cancellationToken: CancellationToken.None));
            }
        }

        return executees;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purge {Nom} : {Supprimees} ligne(s) supprimée(s)")]
    private static partial void LogPurge(ILogger logger, string nom, int supprimees);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purge {Nom} en échec")]
    private static partial void LogEchec(ILogger logger, string nom, Exception e);
}

/// <summary>Looks every hour whether the day's purges have run (a minute after start first).</summary>
internal sealed partial class TraitementPurges(IServiceProvider services, StartupState demarrage, TimeProvider clock, ILogger<TraitementPurges> log)
    : BackgroundService
{
    private static readonly TimeSpan Premiere = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Intervalle = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delai = Premiere;
        while (true)
        {
            try
            {
                await demarrage.WhenReady.WaitAsync(stoppingToken);
                await Task.Delay(delai, clock, stoppingToken);
                await services.GetRequiredService<PlanificateurPurges>().ExecuterAsync(clock.GetUtcNow(), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping, or the start failed (WhenReady cancelled): nothing to purge.
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                Signaler(log, e);
            }

            delai = Intervalle;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purges de conservation : base de données indisponible ({Raison}) ; elles reprendront au prochain passage")]
    private static partial void LogIndisponible(ILogger logger, string raison);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Planification des purges de conservation")]
    private static partial void LogErreur(ILogger logger, Exception e);
}

/// <summary>The RGPD exports: deleted (row and zip) once their 7 days are over.</summary>
internal sealed class PurgeExportsRgpd(EntDatabase db) : IPurgeRetention
{
    public string Nom => "identite.exports_rgpd";

    public string Duree => "7 jours après sa préparation";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var total = 0;
        int lot;
        do
        {
            await using var conn = await db.DataSource.OpenConnectionAsync(ct);
            lot = await conn.ExecuteAsync(new CommandDefinition("""
                DELETE FROM identite.export_rgpd WHERE id IN (SELECT id FROM identite.export_rgpd WHERE expire_le <= @maintenant LIMIT 500)
                """, new { maintenant }, cancellationToken: ct));
            total += lot;
        }
        while (lot == 500);

        return total;
    }
}

/// <summary>The purges' own record: 13 months, enough to compare a day with the same day a year before.</summary>
internal sealed class PurgeExecutionsPurge(EntDatabase db) : IPurgeRetention
{
    public string Nom => "identite.executions_purge";

    public string Duree => "13 mois";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition("DELETE FROM identite.execution_purge WHERE periode < @limite",
            new { limite = DateOnly.FromDateTime(maintenant.UtcDateTime).AddMonths(-13) }, cancellationToken: ct));
    }
}
