using Dapper;
using Npgsql;

namespace Ent.Scolarite.Periodes;

/// <summary>A trimester or semester of a school year, as the API shows it.</summary>
/// <param name="Id">The period's id (assessments and report cards refer to it).</param>
/// <param name="Decoupage">trimestre or semestre.</param>
/// <param name="Numero">1 to 3 for trimesters, 1 or 2 for semesters.</param>
/// <param name="Libelle">Name shown to families, e.g. « 1er trimestre », « 2nd semestre ».</param>
/// <param name="Debut">First day of the period.</param>
/// <param name="Fin">Last day of the period.</param>
/// <param name="BulletinsPubliesLe">When the report cards of the period were published to families (UTC); null while they are not.</param>
internal sealed record PeriodeScolaire(Guid Id, string Decoupage, int Numero, string Libelle, DateOnly Debut, DateOnly Fin,
    DateTime? BulletinsPubliesLe)
{
    public const string Trimestre = "trimestre";
    public const string Semestre = "semestre";

    /// <summary>« 1er trimestre », « 2e trimestre », « 3e trimestre », « 1er semestre », « 2nd semestre ».</summary>
    public static string LibelleDe(string decoupage, int numero) => (decoupage, numero) switch
    {
        (_, 1) => $"1er {decoupage}",
        (Semestre, 2) => "2nd semestre",
        _ => $"{numero}e {decoupage}",
    };

    // Rows come as stored (Npgsql reads a date as DateOnly, a smallint as short), then become the API's record.
    private sealed record Ligne(Guid Id, string Decoupage, short Numero, DateOnly Debut, DateOnly Fin, DateTime? BulletinsPubliesLe);

    private const string Colonnes = "id, decoupage, numero, debut, fin, bulletins_publies_le";

    private static PeriodeScolaire De(Ligne l) =>
        new(l.Id, l.Decoupage, l.Numero, LibelleDe(l.Decoupage, l.Numero), l.Debut, l.Fin, l.BulletinsPubliesLe);

    /// <summary>The établissement's periods of a school year, in order.</summary>
    public static async Task<PeriodeScolaire[]> ListerAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid etablissementId,
        string annee, CancellationToken ct)
    {
        var lignes = await conn.QueryAsync<Ligne>(new CommandDefinition($"""
            SELECT {Colonnes} FROM scolarite.periode
            WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
            ORDER BY numero
            """, new { etablissementId, annee }, tx, cancellationToken: ct));
        return [.. lignes.Select(De)];
    }

    /// <summary>Sets or clears the publication of a period's report cards; null when the établissement has no such period.</summary>
    public static async Task<PeriodeScolaire?> PublierAsync(NpgsqlConnection conn, Guid etablissementId, Guid periodeId,
        DateTimeOffset? le, CancellationToken ct)
    {
        // Publishing twice keeps the first date: that is when families could first read the report cards.
        var ligne = await conn.QuerySingleOrDefaultAsync<Ligne>(new CommandDefinition($"""
            UPDATE scolarite.periode
            SET bulletins_publies_le = CASE WHEN @le::timestamptz IS NULL THEN NULL ELSE coalesce(bulletins_publies_le, @le) END
            WHERE id = @periodeId AND etablissement_id = @etablissementId
            RETURNING {Colonnes}
            """, new { etablissementId, periodeId, le }, cancellationToken: ct));
        return ligne is null ? null : De(ligne);
    }
}
