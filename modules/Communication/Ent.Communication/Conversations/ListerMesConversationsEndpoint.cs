using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// GET /api/communication/me/conversations — my inbox (or my archives), newest first, with what is unread; with
/// <c>q</c>, a search of my own conversations' subjects and messages (archived ones included). Only mine, ever.
/// </summary>
internal static class ListerMesConversationsEndpoint
{
    /// <summary>A conversation as the inbox shows it.</summary>
    /// <param name="Id">The conversation.</param>
    /// <param name="Sujet">Its subject.</param>
    /// <param name="Interlocuteurs">The other participants' names (four at most).</param>
    /// <param name="NombreInterlocuteurs">How many other participants.</param>
    /// <param name="Extrait">The start of the latest message (plain text).</param>
    /// <param name="DernierAuteur">Who wrote it (« Vous » for me).</param>
    /// <param name="Le">When (UTC).</param>
    /// <param name="NonLus">Messages I have not read.</param>
    /// <param name="Archivee">In my archives.</param>
    internal sealed record ResumeConversation(
        Guid Id, string Sujet, string[] Interlocuteurs, int NombreInterlocuteurs, string Extrait, string DernierAuteur, DateTime Le, int NonLus,
        bool Archivee);

    /// <summary>My conversations.</summary>
    /// <param name="NonLues">Conversations with unread messages (all of them, archives included).</param>
    /// <param name="Conversations">The newest first, at most <c>limite</c>.</param>
    internal sealed record MesConversations(int NonLues, ResumeConversation[] Conversations);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/conversations", Handle)
        .WithName("ListerMesConversations")
        .WithSummary("Liste mes conversations (réception ou archives), les plus récentes d'abord ; q cherche dans mes messages.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // A class, not a positional record: Dapper hands uuid[] to constructors as System.Array.
    private sealed class Ligne
    {
        public Guid Id { get; init; }

        public string Sujet { get; init; } = string.Empty;

        public DateTime Le { get; init; }

        public bool Archivee { get; init; }

        public int NonLus { get; init; }

        public string Texte { get; init; } = string.Empty;

        public Guid AuteurId { get; init; }

        public Guid[] Interlocuteurs { get; init; } = [];

        public int NombreInterlocuteurs { get; init; }
    }

    // From the caller's participations (index), the latest message of each by the conversation's index.
    private const string Sql = """
        SELECT c.id, c.sujet, c.dernier_message_le AS le, p.archivee,
               (SELECT count(*) FROM communication.message m
                WHERE m.conversation_id = c.id AND m.auteur_id <> @personneId AND (p.lu_jusqua IS NULL OR m.envoye_le > p.lu_jusqua))::int AS non_lus,
               d.texte, d.auteur_id,
               ARRAY(SELECT o.personne_id FROM communication.participant o
                     WHERE o.conversation_id = c.id AND o.personne_id <> @personneId ORDER BY o.personne_id LIMIT 4) AS interlocuteurs,
               (SELECT count(*) FROM communication.participant o WHERE o.conversation_id = c.id AND o.personne_id <> @personneId)::int
                   AS nombre_interlocuteurs
        FROM communication.participant p
        JOIN communication.conversation c ON c.id = p.conversation_id
        CROSS JOIN LATERAL (SELECT m.texte, m.auteur_id FROM communication.message m
                            WHERE m.conversation_id = c.id ORDER BY m.envoye_le DESC, m.id DESC LIMIT 1) d
        WHERE p.personne_id = @personneId
          AND (CASE WHEN @motif::text IS NULL THEN p.archivee = @archivee
                    ELSE c.sujet ILIKE @motif OR EXISTS (SELECT 1 FROM communication.message m WHERE m.conversation_id = c.id AND m.texte ILIKE @motif) END)
        ORDER BY c.dernier_message_le DESC, c.id DESC
        LIMIT @limite;
        SELECT count(*)::int FROM communication.participant p
        WHERE p.personne_id = @personneId AND EXISTS (
            SELECT 1 FROM communication.message m
            WHERE m.conversation_id = p.conversation_id AND m.auteur_id <> @personneId AND (p.lu_jusqua IS NULL OR m.envoye_le > p.lu_jusqua));
        """;

    private static async Task<Results<Ok<MesConversations>, ValidationProblem, ProblemHttpResult>> Handle(
        string? dossier, string? q, int? limite, ICurrentUser utilisateur, IAnnuaire annuaire, NpgsqlDataSource db, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        var nombre = limite ?? 50;
        if (nombre is < 1 or > 200)
        {
            erreurs.Add("limite", "La limite est comprise entre 1 et 200.");
        }

        if (dossier is not (null or "reception" or "archives"))
        {
            erreurs.Add("dossier", "Le dossier est « reception » ou « archives ».");
        }

        var recherche = q?.Trim();
        if (recherche is { Length: > 100 })
        {
            erreurs.Add("q", "La recherche fait 100 caractères au plus.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var motif = string.IsNullOrEmpty(recherche) ? null : "%" + recherche.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
            new { personneId, motif, archivee = dossier == "archives", limite = nombre }, cancellationToken: ct));
        var lignes = (await lecture.ReadAsync<Ligne>()).AsList();
        var nonLues = await lecture.ReadSingleAsync<int>();

        var noms = (await annuaire.TrouverPersonnesAsync([.. lignes.SelectMany(l => l.Interlocuteurs.Append(l.AuteurId)).Distinct()], ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        string Nom(Guid id) => id == personneId ? "Vous" : noms.GetValueOrDefault(id, "Ancien membre");
        return TypedResults.Ok(new MesConversations(nonLues, [.. lignes.Select(l => new ResumeConversation(
            l.Id, l.Sujet, [.. l.Interlocuteurs.Select(Nom)], l.NombreInterlocuteurs,
            l.Texte.Length > 140 ? string.Concat(l.Texte.AsSpan(0, 139), "…") : l.Texte, Nom(l.AuteurId), l.Le, l.NonLus, l.Archivee))]));
    }
}
