using Dapper;
using Ent.Communication.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// What sending a message and answering one share: the checks that do not depend on the recipients (suspension, block,
/// hourly rate, the sender's own attachments) and the writing of a message with its recipients' notifications, in the
/// caller's transaction.
/// </summary>
internal static class Envois
{
    /// <summary>Pieces attached to one message at most.</summary>
    public const int PiecesJointesMax = 5;

    /// <summary>403 with the reason shown to the sender: their profile's messaging is suspended, or they were blocked.</summary>
    public static ProblemHttpResult Suspendue(string raison) =>
        TypedResults.Problem(raison, statusCode: StatusCodes.Status403Forbidden, title: "Messagerie suspendue",
            type: "urn:ent:probleme:messagerie-suspendue");

    private const string VerrouSql = "SELECT pg_advisory_xact_lock(hashtextextended(@cle, 0))";

    private const string DebitSql = """
        SELECT count(DISTINCT envoi_id)::int FROM communication.message
        WHERE auteur_id = @personneId AND envoye_le > @depuis
        """;

    /// <summary>
    /// 429 when the sender reached their hourly sendings. A lock per sender for the transaction's time: two sendings at
    /// once cannot both slip under the limit.
    /// </summary>
    public static async Task<ProblemHttpResult?> VerifierDebitAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid personneId, int parHeure,
        DateTimeOffset maintenant, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(VerrouSql, new { cle = $"messagerie:{personneId}" }, tx, cancellationToken: ct));
        var envois = await conn.ExecuteScalarAsync<int>(new CommandDefinition(DebitSql,
            new { personneId, depuis = maintenant.AddHours(-1) }, tx, cancellationToken: ct));
        return envois < parHeure
            ? null
            : TypedResults.Problem($"Vous avez envoyé {envois} messages dans l'heure : c'est le maximum ({parHeure} par heure). Réessayez plus tard.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Trop de messages", type: "urn:ent:probleme:trop-de-messages");
    }

    // Locked from the check to the commit: the purge of files never sent (which skips locked rows) cannot delete one
    // between this check and the message's reference to it.
    private const string PiecesSql = """
        SELECT id FROM communication.piece_jointe WHERE id = ANY(@ids) AND depose_par = @personneId FOR KEY SHARE
        """;

    /// <summary>True when every attachment exists and was uploaded by the sender (nobody attaches another's file).</summary>
    public static async Task<bool> PiecesDeLAuteurAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid personneId, Guid[] ids, CancellationToken ct) =>
        ids.Length == 0 || (await conn.QueryAsync<Guid>(new CommandDefinition(PiecesSql, new { ids, personneId }, tx, cancellationToken: ct))).Count()
        == ids.Distinct().Count();

    /// <summary>Checks a message's text and attachments' count; the text comes back trimmed.</summary>
    public static string? VerifierTexte(string? texte, Guid[]? pieces, Erreurs erreurs)
    {
        var t = texte?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            erreurs.Add("texte", "Écrivez votre message.");
        }
        else if (t.Length > 5000)
        {
            erreurs.Add("texte", "Un message fait 5 000 caractères au plus.");
        }

        if (pieces is { Length: > PiecesJointesMax })
        {
            erreurs.Add("piecesJointes", $"Un message a {PiecesJointesMax} pièces jointes au plus.");
        }

        return t;
    }

    private const string MessageSql = """
        INSERT INTO communication.message (id, conversation_id, auteur_id, texte, envoye_le, envoi_id)
        SELECT unnest(@ids), unnest(@conversations), @auteurId, @texte, @maintenant, @envoiId;
        INSERT INTO communication.message_piece_jointe (message_id, piece_jointe_id)
        SELECT m, p FROM unnest(@ids) AS m CROSS JOIN unnest(@pieces) AS p;
        UPDATE communication.conversation SET dernier_message_le = @maintenant WHERE id = ANY(@conversations);
        UPDATE communication.participant SET lu_jusqua = @maintenant WHERE conversation_id = ANY(@conversations) AND personne_id = @auteurId;
        -- A new message brings an archived conversation back to its recipients' inbox.
        UPDATE communication.participant SET archivee = false
        WHERE conversation_id = ANY(@conversations) AND personne_id <> @auteurId AND archivee;
        """;

    /// <summary>
    /// Writes one message in each conversation (one sending), with its attachments, and queues each recipient's in-app
    /// notification (the recipient's channel for messages: in-app; never SMS), and a push for those who chose it (issue 19).
    /// </summary>
    public static async Task EcrireAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IMessagerie messagerie, Push.DestinatairesPush push, Guid etablissementId,
        Guid auteurId, string auteur, string sujet, string texte, Guid[] pieces, IReadOnlyList<(Guid ConversationId, Guid[] Destinataires)> conversations,
        DateTimeOffset maintenant, CancellationToken ct)
    {
        var ids = conversations.Select(_ => Guid.CreateVersion7()).ToArray();
        await conn.ExecuteAsync(new CommandDefinition(MessageSql, new
        {
            ids, conversations = conversations.Select(c => c.ConversationId).ToArray(), auteurId, texte, maintenant, envoiId = Guid.CreateVersion7(),
            pieces = pieces.Distinct().ToArray(),
        }, tx, cancellationToken: ct));

        var extrait = texte.Length > 200 ? string.Concat(texte.AsSpan(0, 199), "…") : texte;
        var notifications = conversations.SelectMany((c, i) => c.Destinataires.Select(d => new MessageSortant(
            Canal.Application, null, d, Tronquer($"Message de {auteur} : {sujet}", 200), extrait,
            $"messagerie:{c.ConversationId}:{ids[i]}:{d}:application", null, etablissementId, "messagerie", $"/messagerie/{c.ConversationId}"))).ToList();
        var pousses = await push.ChoisirAsync(conn, tx, notifications.Select(n => n.PersonneId!.Value), Push.GenrePush.Messages, ct);
        notifications.AddRange(notifications.Where(n => pousses.Contains(n.PersonneId!.Value)).ToList().Select(n => n with
        {
            Canal = Canal.Push, Texte = Push.DestinatairesPush.Court(n.Texte),
            CleIdempotence = string.Concat(n.CleIdempotence.AsSpan(0, n.CleIdempotence.Length - ":application".Length), ":push"),
        }));
        await messagerie.PlanifierAsync(notifications, conn, tx, ct);
    }

    private static string Tronquer(string texte, int max) => texte.Length > max ? string.Concat(texte.AsSpan(0, max - 1), "…") : texte;
}
