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

    public static PeriodeScolaire De(Periode p) => new(p.Id, p.Decoupage, p.Numero, p.Libelle, p.Debut, p.Fin, p.BulletinsPubliesLe);

    /// <summary>The établissement's periods of a school year, in order (inside the connection's transaction, if any).</summary>
    public static async Task<PeriodeScolaire[]> ListerAsync(NpgsqlConnection conn, Guid etablissementId, string annee, CancellationToken ct) =>
        [.. (await Periode.ListerAsync(conn, etablissementId, annee, ct)).Select(De)];

    /// <summary>Sets or clears the publication of a period's report cards; null when the établissement has no such period.</summary>
    public static async Task<PeriodeScolaire?> PublierAsync(NpgsqlConnection conn, Guid etablissementId, Guid periodeId,
        DateTimeOffset? le, CancellationToken ct)
    {
        // Publishing twice keeps the first date: that is when families could first read the report cards.
        var periode = await conn.QuerySingleOrDefaultAsync<Periode>(new CommandDefinition("""
            UPDATE scolarite.periode
            SET bulletins_publies_le = CASE WHEN @le::timestamptz IS NULL THEN NULL ELSE coalesce(bulletins_publies_le, @le) END
            WHERE id = @periodeId AND etablissement_id = @etablissementId
            RETURNING id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin, bulletins_publies_le
            """, new { etablissementId, periodeId, le }, cancellationToken: ct));
        return periode is null ? null : De(periode);
    }
}
