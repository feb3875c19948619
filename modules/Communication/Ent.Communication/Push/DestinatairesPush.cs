using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Push;

/// <summary>The kinds of notification a person may receive as push, one column each in <c>communication.preference_push</c>.</summary>
internal enum GenrePush
{
    Absences,
    Notes,
    Messages,
    Annonces,
}

/// <summary>
/// Who, among the recipients of a notification, gets it as push too: push is on, they chose push for this kind, and
/// they have at least one device. One query per fan-out, in the caller's transaction; one outbox row per person
/// (key <c>…:push</c>), sent to each of their devices.
/// </summary>
internal sealed class DestinatairesPush(IOptions<PushOptions> options)
{
    private const string Sql = """
        SELECT p.personne_id FROM communication.preference_push p
        WHERE p.personne_id = ANY(@ids)
          AND CASE @genre WHEN 'absences' THEN p.absences WHEN 'notes' THEN p.notes WHEN 'messages' THEN p.messages ELSE p.annonces END
          AND EXISTS (SELECT 1 FROM communication.abonnement_push a WHERE a.personne_id = p.personne_id)
        """;

    public bool Actif => options.Value.Actif;

    public async Task<HashSet<Guid>> ChoisirAsync(NpgsqlConnection connexion, NpgsqlTransaction? transaction, IEnumerable<Guid> personnes, GenrePush genre,
        CancellationToken ct)
    {
        var ids = personnes.Distinct().ToArray();
        if (!Actif || ids.Length == 0)
        {
            return [];
        }

        var genreCode = genre switch
        {
            GenrePush.Absences => "absences",
            GenrePush.Notes => "notes",
            GenrePush.Messages => "messages",
            _ => "annonces",
        };
        return [.. await connexion.QueryAsync<Guid>(new CommandDefinition(Sql, new { ids, genre = genreCode }, transaction, cancellationToken: ct))];
    }

    /// <summary>A push text: the notification's text, short (a lock screen shows two lines).</summary>
    public static string Court(string texte) => texte.Length <= 300 ? texte : texte[..299] + "…";
}
