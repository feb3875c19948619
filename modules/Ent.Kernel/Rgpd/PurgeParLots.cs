using Dapper;
using Npgsql;

namespace Ent.Kernel.Rgpd;

/// <summary>What every retention purge shares: batched deletes and the school-year limits its retention is counted in.</summary>
public static class PurgeParLots
{
    /// <summary>Rows a batch deletes at most: short transactions, no long lock.</summary>
    public const int Lot = 1000;

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>
    /// Runs a « DELETE … WHERE id IN (SELECT … LIMIT 1000) » statement until it deletes fewer than a batch; returns the
    /// rows deleted. The statement's parameters are <paramref name="parametres"/> (e.g. <c>new { limite }</c>).
    /// </summary>
    public static async Task<int> SupprimerAsync(NpgsqlDataSource db, string sql, object parametres, CancellationToken ct)
    {
        var total = 0;
        await using var conn = await db.OpenConnectionAsync(ct);
        while (true)
        {
            var n = await conn.ExecuteAsync(new CommandDefinition(sql, parametres, cancellationToken: ct));
            total += n;
            if (n < Lot)
            {
                return total;
            }
        }
    }

    /// <summary>The day <paramref name="maintenant"/> is, in Paris.</summary>
    public static DateOnly Jour(DateTimeOffset maintenant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(maintenant, Paris).DateTime);

    /// <summary>
    /// The first day (1 September) of the school year <paramref name="anneesEnArriere"/> years before the one holding
    /// <paramref name="maintenant"/> (Paris time): 0 is this school year's rentrée, 1 the previous one's.
    /// </summary>
    public static DateOnly Rentree(DateTimeOffset maintenant, int anneesEnArriere)
    {
        var jour = Jour(maintenant);
        return new DateOnly((jour.Month >= 9 ? jour.Year : jour.Year - 1) - anneesEnArriere, 9, 1);
    }

    /// <summary>Midnight, Paris time, at the start of <see cref="Rentree"/>, in UTC: what a timestamp is compared with.</summary>
    public static DateTimeOffset DebutRentree(DateTimeOffset maintenant, int anneesEnArriere)
    {
        var jour = Rentree(maintenant, anneesEnArriere).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(jour, Paris.GetUtcOffset(jour)).ToUniversalTime();
    }

    /// <summary>The school year code (« 2024-2025 ») of <see cref="Rentree"/>: codes sort as the years do.</summary>
    public static string AnneeScolaire(DateTimeOffset maintenant, int anneesEnArriere)
    {
        var debut = Rentree(maintenant, anneesEnArriere).Year;
        return $"{debut}-{debut + 1}";
    }
}
