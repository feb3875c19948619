using System.Globalization;
using System.Text;
using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// The e-mail digest of unread messages (issue 16: « e-mail digest optional; SMS never for messages »), for the people
/// who asked for it in « Mon compte » (off by default). Once a day at <see cref="MessagerieOptions.HeureResume"/> Paris
/// time, one e-mail per person listing the conversations where a message of the last 24 hours (since the previous
/// digest's hour) is still unread: subject, sender, a link — never the text nor the attachments, which stay behind the
/// login. Nothing unread, no e-mail; a message read in the application before the hour is not in it.
/// The outbox key is per person and day (<c>resume-messagerie:{person}:{Paris date}</c>): two instances, or a restart
/// after the hour, queue it once. The window hangs on the day, not on when it is computed: a late run lists the same
/// messages (minus those read since).
/// </summary>
internal sealed class ResumesMessagerie(NpgsqlDataSource db, IAnnuaire annuaire, IMessagerie messagerie, IConfiguration configuration,
    IOptions<MessagerieOptions> options)
{
    public const string Categorie = "resume_messagerie";

    /// <summary>Conversations listed at most in one e-mail; the rest are counted.</summary>
    public const int ConversationsMax = 20;

    private static readonly TimeSpan Marge = TimeSpan.FromMinutes(1);

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");

    private string UrlPublique => (configuration["Ent:UrlPublique"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/');

    /// <summary>The hour on a Paris day, as an instant (18:00 is never in a daylight-saving gap).</summary>
    private static DateTimeOffset A(DateOnly jour, int heure)
    {
        var local = jour.ToDateTime(new TimeOnly(heure, 0));
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime(); // Npgsql writes UTC instants only
    }

    /// <summary>The Paris day of the latest digest hour at or before <paramref name="maintenant"/>.</summary>
    public static DateOnly DernierJour(DateTimeOffset maintenant, int heure)
    {
        var jour = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(maintenant, Paris).DateTime);
        return A(jour, heure) <= maintenant ? jour : jour.AddDays(-1);
    }

    public static string Cle(Guid personneId, DateOnly jour) => $"resume-messagerie:{personneId}:{jour:yyyy-MM-dd}";

    // Unread messages from others in the window, per person who asked and conversation; those whose digest of the day is
    // queued already are skipped (the service looks every few minutes).
    private const string Sql = """
        SELECT pm.personne_id, c.id AS conversation_id, c.sujet, count(*)::int AS non_lus,
               (array_agg(m.auteur_id ORDER BY m.envoye_le DESC, m.id DESC))[1] AS auteur_id, max(m.envoye_le) AS dernier
        FROM communication.preference_messagerie pm
        JOIN communication.participant p ON p.personne_id = pm.personne_id
        JOIN communication.conversation c ON c.id = p.conversation_id
        JOIN communication.message m ON m.conversation_id = p.conversation_id
        WHERE pm.resume_courriel
          AND m.auteur_id <> p.personne_id
          AND m.envoye_le > @debut AND m.envoye_le <= @fin
          AND (p.lu_jusqua IS NULL OR m.envoye_le > p.lu_jusqua)
          AND NOT EXISTS (SELECT 1 FROM communication.message_sortant s
                          WHERE s.cle_idempotence = 'resume-messagerie:' || pm.personne_id::text || ':' || @jour)
        GROUP BY pm.personne_id, c.id, c.sujet
        ORDER BY pm.personne_id, max(m.envoye_le) DESC, c.id
        """;

    private sealed class Ligne
    {
        public Guid PersonneId { get; init; }

        public Guid ConversationId { get; init; }

        public string Sujet { get; init; } = string.Empty;

        public int NonLus { get; init; }

        public Guid AuteurId { get; init; }
    }

    /// <summary>
    /// Queues the digests of the latest hour passed (nothing when it is more than <see cref="MessagerieOptions.RattrapageHeures"/>
    /// old); returns how many were queued by this call.
    /// </summary>
    public async Task<int> EnvoyerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var o = options.Value;
        // A minute after the hour: a sending stamped 17:59:59 and committed a moment later is in the day's digest.
        var jour = DernierJour(maintenant - Marge, o.HeureResume);
        var fin = A(jour, o.HeureResume);
        if (maintenant - fin > TimeSpan.FromHours(o.RattrapageHeures))
        {
            return 0;
        }

        var debut = A(jour.AddDays(-1), o.HeureResume);
        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = (await conn.QueryAsync<Ligne>(new CommandDefinition(Sql,
            new { debut, fin, jour = jour.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, cancellationToken: ct))).AsList();
        if (lignes.Count == 0)
        {
            return 0;
        }

        var parPersonne = lignes.GroupBy(l => l.PersonneId).ToList();
        var courriels = (await annuaire.ListerCourrielsAsync([.. parPersonne.Select(g => g.Key)], ct)).ToDictionary(c => c.Id, c => c.Courriel);
        var noms = (await annuaire.TrouverPersonnesAsync([.. lignes.Select(l => l.AuteurId).Distinct()], ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        var messages = parPersonne
            .Where(g => courriels.ContainsKey(g.Key))
            .Select(g => new MessageSortant(Canal.Courriel, courriels[g.Key], g.Key, Sujet(g.Count()), Texte([.. g], noms, debut, fin),
                Cle(g.Key, jour), Categorie: Categorie, Lien: "/messagerie"))
            .ToList();
        await using var tx = await conn.BeginTransactionAsync(ct);
        await messagerie.PlanifierAsync(messages, conn, tx, ct);
        await tx.CommitAsync(ct);
        return messages.Count;
    }

    private static string Sujet(int conversations) => conversations == 1
        ? "Ent : un message non lu dans votre messagerie"
        : $"Ent : des messages non lus dans {conversations} conversations";

    private string Texte(List<Ligne> conversations, Dictionary<Guid, string> noms, DateTimeOffset debut, DateTimeOffset fin)
    {
        static string Quand(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Paris).ToString("dddd d MMMM 'à' H 'h'", Francais);

        var texte = new StringBuilder()
            .AppendLine("Bonjour,")
            .AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Vous avez reçu dans Ent, entre {Quand(debut)} et {Quand(fin)}, des messages que vous n'avez pas encore lus :")
            .AppendLine()
            .AppendLine();
        foreach (var c in conversations.Take(ConversationsMax))
        {
            texte.Append(CultureInfo.InvariantCulture,
                    $"- « {c.Sujet} », de {noms.GetValueOrDefault(c.AuteurId, "un ancien membre")}{(c.NonLus > 1 ? $" ({c.NonLus} messages)" : string.Empty)}")
                .AppendLine()
                .Append(CultureInfo.InvariantCulture, $"  {UrlPublique}/messagerie/{c.ConversationId}")
                .AppendLine();
        }

        if (conversations.Count > ConversationsMax)
        {
            texte.Append(CultureInfo.InvariantCulture, $"… et {conversations.Count - ConversationsMax} autres conversations : {UrlPublique}/messagerie")
                .AppendLine();
        }

        return texte.AppendLine()
            .AppendLine("Les messages et leurs pièces jointes se lisent dans Ent, après connexion : ils ne sont jamais envoyés par courriel.")
            .Append(CultureInfo.InvariantCulture, $"Pour ne plus recevoir ce résumé : Mon compte, rubrique « Messagerie » ({UrlPublique}/compte).")
            .AppendLine()
            .ToString();
    }
}
