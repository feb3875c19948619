using System.Diagnostics;
using Dapper;
using Npgsql;

namespace Ent.Bench;

/// <summary>
/// The roll calls' SMS as the gateway stand-in receives them: how many were created during the load, how many had
/// left by its end, the largest backlog seen, and how long the rest took to leave once the load stopped.
/// </summary>
internal sealed record Livraison(long Crees, long PartisPendant, double Secondes, long RetardMax, long RetardFin, double VidangeSecondes)
{
    public double CreesParSeconde => Crees / Secondes;

    public double PartisParSeconde => PartisPendant / Secondes;
}

internal static class SuiviSms
{
    // The SMS created since the start of the measure and how many left: message_sortant has no index on cree_le, so
    // this scans the table (77 ms at 1 lycée after a few runs): counted at the start and end only. During the load,
    // the backlog is read from the outbox's own index (pending messages), once a second.
    private const string EnAttenteSql = "SELECT count(*) FROM communication.message_sortant WHERE statut = 'en_attente' AND canal = 'sms'";

    private const string CompteSql = """
        SELECT count(*) AS crees, count(*) FILTER (WHERE statut IN ('envoye', 'remis')) AS partis
        FROM communication.message_sortant WHERE canal = 'sms' AND cree_le >= @debut
        """;

    private static async Task<(long Crees, long Partis)> CompterAsync(NpgsqlDataSource db, DateTime debut)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(long, long)>(CompteSql, new { debut });
    }

    /// <summary>Waits until no SMS is pending (earlier runs' backlog), at most <paramref name="max"/>.</summary>
    public static async Task AttendreVideAsync(NpgsqlDataSource db, TimeSpan max)
    {
        var chrono = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync();
        while (chrono.Elapsed < max && await conn.ExecuteScalarAsync<long>(
                   "SELECT count(*) FROM communication.message_sortant WHERE statut = 'en_attente' AND canal = 'sms'") > 0)
        {
            await Task.Delay(1000);
        }
    }

    public static async Task<(T Resultat, Livraison Livraison)> MesurerAsync<T>(NpgsqlDataSource db, Func<Task<T>> charge)
    {
        DateTime debut;
        await using (var conn = await db.OpenConnectionAsync())
        {
            debut = await conn.ExecuteScalarAsync<DateTime>("SELECT now()");
        }

        var chrono = Stopwatch.StartNew();
        using var fin = new CancellationTokenSource();
        long retardMax = 0;
        var echantillons = Task.Run(async () =>
        {
            await using var conn = await db.OpenConnectionAsync();
            while (!fin.IsCancellationRequested)
            {
                retardMax = Math.Max(retardMax, await conn.ExecuteScalarAsync<long>(EnAttenteSql));
                try { await Task.Delay(1000, fin.Token); } catch (OperationCanceledException) { }
            }
        });
        var resultat = await charge();
        var secondes = chrono.Elapsed.TotalSeconds;
        await fin.CancelAsync();
        await echantillons;
        var (creesFin, partisFin) = await CompterAsync(db, debut);
        var apres = Stopwatch.StartNew();
        long restants;
        await using (var conn = await db.OpenConnectionAsync())
        {
            while ((restants = await conn.ExecuteScalarAsync<long>(EnAttenteSql)) > 0 && apres.Elapsed < TimeSpan.FromSeconds(120))
            {
                await Task.Delay(250);
            }
        }

        return (resultat, new Livraison(creesFin, partisFin, secondes, Math.Max(retardMax, creesFin - partisFin), creesFin - partisFin,
            restants > 0 ? double.PositiveInfinity : apres.Elapsed.TotalSeconds));
    }
}
