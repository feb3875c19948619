using Dapper;
using Ent.VieScolaire.Contracts;
using Npgsql;

namespace Ent.VieScolaire.Absences;

/// <summary>The lessons a pupil missed (see <see cref="IAbsences"/>): their standing absences of roll calls.</summary>
internal sealed class LeconsManquees(NpgsqlDataSource db) : IAbsences
{
    private const string Sql = """
        SELECT a.service_id, a.debut
        FROM viescolaire.absence ab JOIN viescolaire.appel a ON a.id = ab.appel_id
        WHERE ab.eleve_id = @eleveId AND ab.type = 'absence' AND ab.annulee_le IS NULL AND ab.jour BETWEEN @du AND @au
        ORDER BY a.debut
        """;

    public async Task<IReadOnlyList<LeconManquee>> LeconsManqueesAsync(Guid eleveId, DateOnly du, DateOnly au, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.QueryAsync<(Guid ServiceId, DateTime Debut)>(new CommandDefinition(Sql, new { eleveId, du, au }, cancellationToken: ct));
        return [.. lignes.Select(l => new LeconManquee(l.ServiceId, new DateTimeOffset(DateTime.SpecifyKind(l.Debut, DateTimeKind.Utc))))];
    }
}
