using Npgsql;

namespace Ent.Communication.Contracts;

/// <summary>How a message reaches a person.</summary>
public enum Canal
{
    Sms,
    Courriel,
    Application,

    /// <summary>Web Push to every device the person subscribed (issue 19); no address, the person is the recipient.</summary>
    Push,
}

/// <summary>
/// A message to deliver. <paramref name="CleIdempotence"/> identifies it for good: queueing the same key twice queues
/// one message, so a retried request never sends twice.
/// </summary>
/// <param name="Canal">SMS, e-mail or in-app.</param>
/// <param name="Adresse">E.164 number, e-mail address, or null for in-app and push.</param>
/// <param name="PersonneId">The recipient, when known (in-app messages need it).</param>
/// <param name="Sujet">Subject (e-mail, in-app title).</param>
/// <param name="Texte">Plain text, French, short for an SMS.</param>
/// <param name="CleIdempotence">Stable key, e.g. "mot-de-passe-oublie:{compte}:{code id}".</param>
/// <param name="EleveId">The pupil the message is about, if any: the vie scolaire desk sees the pupil's messages' fate.</param>
/// <param name="EtablissementId">The établissement concerned, if any: its desk sees the failures.</param>
/// <param name="Categorie">What kind of message (e.g. absence, justificatif); in-app notifications keep it.</param>
/// <param name="Lien">The application's page the message is about (e.g. /absences?eleve=…), for in-app notifications.</param>
public sealed record MessageSortant(
    Canal Canal, string? Adresse, Guid? PersonneId, string Sujet, string Texte, string CleIdempotence,
    Guid? EleveId = null, Guid? EtablissementId = null, string Categorie = "message", string? Lien = null);

/// <summary>
/// The outbox: messages are written, never sent, by the caller; Communication's worker delivers them with retries.
/// The overload taking a connection and transaction writes in the caller's transaction, so that the message exists
/// if and only if the change that caused it was committed.
/// </summary>
public interface IMessagerie
{
    Task PlanifierAsync(MessageSortant message, CancellationToken ct);

    Task PlanifierAsync(MessageSortant message, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct);

    /// <summary>Several messages in the caller's transaction, in one statement (nothing when the list is empty).</summary>
    Task PlanifierAsync(IReadOnlyCollection<MessageSortant> messages, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct);

    /// <summary>
    /// Withdraws the messages whose key starts with <paramref name="prefixeCle"/> and that have not left yet (status
    /// 'annule'), and their unread in-app notifications; returns the keys of those that had already left.
    /// </summary>
    Task<IReadOnlyList<string>> RetirerAsync(string prefixeCle, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct);
}
