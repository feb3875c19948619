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

    /// <summary>For the console, in French.</summary>
    public string Resume() => $"{Crees} créés ({CreesParSeconde:0.0}/s), {PartisPendant} partis pendant la charge ({PartisParSeconde:0.0}/s), " +
        $"retard max {RetardMax}, à la fin {RetardFin}, parti(s) en {VidangeSecondes:0.0} s après";

    /// <summary>For the results file; <paramref name="quand"/> says at which load.</summary>
    public string Texte(string quand) => $"(d) SMS to the gateway stand-in {quand}, {Secondes:0} s: {Crees} created ({CreesParSeconde:0.0}/s), " +
        $"{PartisPendant} sent meanwhile ({PartisParSeconde:0.0}/s); largest backlog {RetardMax}, {RetardFin} at the end, all sent " +
        $"{VidangeSecondes:0.0} s after the load stopped.";
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

    /// <summary>Waits until no SMS is pending, at most two minutes; true if none is left.</summary>
    private static async Task<bool> AttendreVideAsync(NpgsqlDataSource db)
    {
        var chrono = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync();
        while (await conn.ExecuteScalarAsync<long>(EnAttenteSql) > 0)
        {
            if (chrono.Elapsed > TimeSpan.FromMinutes(2))
            {
                return false;
            }

            await Task.Delay(250);
        }

        return true;
    }

    /// <summary>Runs the load once earlier runs' backlog has left, sampling the backlog; then times the rest's leaving.</summary>
    public static async Task<(T Resultat, Livraison Livraison)> MesurerAsync<T>(NpgsqlDataSource db, Func<Task<T>> charge)
    {
        await AttendreVideAsync(db);
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
        var vide = await AttendreVideAsync(db);
        return (resultat, new Livraison(creesFin, partisFin, secondes, Math.Max(retardMax, creesFin - partisFin), creesFin - partisFin,
            vide ? apres.Elapsed.TotalSeconds : double.PositiveInfinity));
    }
}
