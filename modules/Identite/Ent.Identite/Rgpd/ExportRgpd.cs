using Dapper;
using Npgsql;

namespace Ent.Identite.Rgpd;

/// <summary>An RGPD export as the person who asked for it sees it.</summary>
/// <param name="Id">Identifier, to download it.</param>
/// <param name="PersonneId">Whose data.</param>
/// <param name="Personne">Their first and last name.</param>
/// <param name="Etat">en_attente, en_cours, pret or echoue.</param>
/// <param name="Progression">Percentage of the kinds of data already written (100 when ready).</param>
/// <param name="DemandeLe">When it was asked for.</param>
/// <param name="TermineLe">When it was ready (or failed).</param>
/// <param name="ExpireLe">Until when it can be downloaded.</param>
/// <param name="Taille">The zip's size in bytes, once ready.</param>
/// <param name="TelechargeLe">When it was last downloaded.</param>
internal sealed record ExportRgpd(Guid Id, Guid PersonneId, string Personne, string Etat, int Progression, DateTimeOffset DemandeLe,
    DateTimeOffset? TermineLe, DateTimeOffset ExpireLe, long? Taille, DateTimeOffset? TelechargeLe)
{
    private sealed record Ligne(Guid Id, Guid PersonneId, string Prenom, string Nom, string Etat, int SectionsTotal, int SectionsFaites,
        DateTime DemandeLe, DateTime? TermineLe, DateTime ExpireLe, long? Taille, DateTime? TelechargeLe);

    private const string Sql = """
        SELECT x.id, x.personne_id, p.prenom, p.nom, x.etat, x.sections_total, x.sections_faites, x.demande_le, x.termine_le,
               x.expire_le, x.taille, x.telecharge_le
        FROM identite.export_rgpd x JOIN identite.personne p ON p.id = x.personne_id
        WHERE x.demandeur_id = @demandeur AND x.expire_le > @maintenant AND (@id::uuid IS NULL OR x.id = @id)
        ORDER BY x.demande_le DESC, x.id
        """;

    public static async Task<List<ExportRgpd>> ListerAsync(NpgsqlConnection conn, Guid demandeur, Guid? id, DateTimeOffset maintenant,
        CancellationToken ct) =>
        [.. (await conn.QueryAsync<Ligne>(new CommandDefinition(Sql, new { demandeur, id, maintenant }, cancellationToken: ct))).Select(l =>
            new ExportRgpd(l.Id, l.PersonneId, $"{l.Prenom} {l.Nom}", l.Etat,
                l.Etat == "pret" ? 100 : l.SectionsTotal == 0 ? 0 : Math.Min(99, 100 * l.SectionsFaites / l.SectionsTotal),
                Utc(l.DemandeLe), l.TermineLe is { } t ? Utc(t) : null, Utc(l.ExpireLe), l.Taille, l.TelechargeLe is { } d ? Utc(d) : null))];

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
}
