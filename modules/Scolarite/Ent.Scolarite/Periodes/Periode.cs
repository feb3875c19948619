using Dapper;
using Npgsql;

namespace Ent.Scolarite.Periodes;

/// <summary>A trimester or semester of an établissement's school year.</summary>
internal sealed record Periode(
    Guid Id, Guid EtablissementId, string AnneeScolaire, string Decoupage, short Numero, DateOnly Debut, DateOnly Fin, DateTime? BulletinsPubliesLe)
{
    /// <summary>« 1er trimestre », « 2e trimestre », « 3e trimestre », « 1er semestre », « 2nd semestre ».</summary>
    public string Libelle => Libeller(Decoupage, Numero);

    public static string Libeller(string decoupage, int numero) => (decoupage, numero) switch
    {
        (_, 1) => $"1er {decoupage}",
        ("semestre", _) => "2nd semestre",
        _ => $"{numero}e {decoupage}",
    };

    public bool BulletinsPublies(DateTimeOffset maintenant) => BulletinsPubliesLe is { } le && le <= maintenant.UtcDateTime;

    /// <summary>What a refused change of a published period's appraisals or councils says (409).</summary>
    public const string BulletinsPubliesDetail =
        "Les bulletins de cette période sont publiés : les familles les lisent tels quels. Pour modifier une appréciation ou un avis " +
        "du conseil, demandez à la direction de retirer d'abord la publication.";

    /// <summary>
    /// Writes a change to what the period's report cards show, unless they are out: false, and nothing written, when
    /// they are. One transaction, the period's row locked against a publication meanwhile (publishing updates that row,
    /// so it waits for this change to end).
    /// </summary>
    public static async Task<bool> EcrireSiNonPublieAsync(NpgsqlConnection conn, Guid periodeId, string sql, object parametres, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT coalesce(bulletins_publies_le <= now(), false) FROM scolarite.periode WHERE id = @periodeId FOR SHARE",
                new { periodeId }, tx, cancellationToken: ct)))
        {
            return false;
        }

        await conn.ExecuteAsync(new CommandDefinition(sql, parametres, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    private const string Sql = """
        SELECT id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin, bulletins_publies_le
        FROM scolarite.periode
        WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
        ORDER BY numero
        """;

    /// <summary>The établissement's periods of the school year, in order.</summary>
    public static async Task<IReadOnlyList<Periode>> ListerAsync(NpgsqlConnection conn, Guid etablissementId, string annee, CancellationToken ct) =>
        (await conn.QueryAsync<Periode>(new CommandDefinition(Sql, new { etablissementId, annee }, cancellationToken: ct))).AsList();

    /// <summary>The period holding the day, else the last one begun, else the first: what a grades page opens on.</summary>
    public static Periode? Courante(IReadOnlyList<Periode> periodes, DateOnly jour) =>
        periodes.FirstOrDefault(p => p.Debut <= jour && jour <= p.Fin) ?? periodes.LastOrDefault(p => p.Debut <= jour) ?? (periodes.Count > 0 ? periodes[0] : null);
}
