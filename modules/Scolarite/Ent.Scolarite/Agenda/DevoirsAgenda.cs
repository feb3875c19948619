using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Ent.Scolarite.Agenda;

/// <summary>A homework as the calendar shows it: due on a day, for a teaching service.</summary>
/// <param name="Id">The homework (scolarite.devoir).</param>
/// <param name="ServiceId">Its teaching service.</param>
/// <param name="PourLe">The day it is due.</param>
/// <param name="Consigne">What to do (the cahier de textes' text: rich text reduced to plain text here).</param>
/// <param name="DureeMinutes">The teacher's estimate, if given.</param>
internal sealed record DevoirAgenda(Guid Id, Guid ServiceId, DateOnly PourLe, string Consigne, int? DureeMinutes);

/// <summary>The published homework of some services due between two days (inclusive), for the calendar feed.</summary>
internal interface IDevoirsAgenda
{
    Task<IReadOnlyList<DevoirAgenda>> DesServicesAsync(IReadOnlyCollection<Guid> serviceIds, DateOnly du, DateOnly au, DateTimeOffset maintenant, CancellationToken ct);
}

/// <summary>
/// Reads <c>scolarite.devoir</c> (the cahier de textes' homework, migration 0005): only what the families see, that is
/// published (publie_le set and past).
/// </summary>
internal sealed partial class DevoirsAgendaLecture(NpgsqlDataSource db) : IDevoirsAgenda
{
    private const string Sql = """
        SELECT d.id, d.service_id, d.pour_le, d.consigne, d.duree_minutes
        FROM scolarite.devoir d
        WHERE d.service_id = ANY(@services) AND d.pour_le BETWEEN @du AND @au
          AND d.publie_le IS NOT NULL AND d.publie_le <= @maintenant
        ORDER BY d.pour_le, d.id
        """;

    public async Task<IReadOnlyList<DevoirAgenda>> DesServicesAsync(
        IReadOnlyCollection<Guid> serviceIds, DateOnly du, DateOnly au, DateTimeOffset maintenant, CancellationToken ct)
    {
        if (serviceIds.Count == 0)
        {
            return [];
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.QueryAsync<DevoirAgenda>(new CommandDefinition(Sql,
            new { services = serviceIds.ToArray(), du, au, maintenant }, cancellationToken: ct));
        return [.. lignes.Select(d => d with { Consigne = TexteSimple(d.Consigne) })];
    }

    /// <summary>The plain text of the cahier de textes' (already sanitised) rich text: a calendar shows no markup.</summary>
    internal static string TexteSimple(string html)
    {
        var texte = Balise().Replace(Paragraphe().Replace(html, "\n"), string.Empty);
        return WebUtility.HtmlDecode(texte).Trim();
    }

    [GeneratedRegex(@"<\s*(br|/p|/li|/div)\s*/?\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex Paragraphe();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Balise();
}
