using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// PUT /api/communication/me/brouillons/{id} — I save a draft (created on first save; the id is the application's).
/// A draft answering a conversation needs me in it (else 404); another person's draft id is 404 as well.
/// </summary>
internal static class EnregistrerBrouillonEndpoint
{
    /// <summary>What the draft holds so far.</summary>
    internal sealed record SaisieBrouillonMessage(
        Guid? ConversationId, [property: MaxLength(100)] Guid[]? Destinataires, [property: MaxLength(50)] string[]? Groupes,
        [property: MaxLength(200)] string? Sujet, [property: MaxLength(5000)] string? Texte,
        [property: MaxLength(Envois.PiecesJointesMax)] Guid[]? PiecesJointes);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/me/brouillons/{id:guid}", Handle)
        .WithName("EnregistrerBrouillon")
        .WithSummary("Enregistre un brouillon de message (nouveau message ou réponse).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        INSERT INTO communication.brouillon (id, auteur_id, conversation_id, destinataires, groupes, sujet, texte, pieces_jointes, modifie_le)
        SELECT @id, @personneId, @conversationId, @destinataires, @groupes, @sujet, @texte, @pieces, @maintenant
        WHERE @conversationId::uuid IS NULL OR EXISTS (
            SELECT 1 FROM communication.participant WHERE conversation_id = @conversationId AND personne_id = @personneId)
        ON CONFLICT (id) DO UPDATE
        SET conversation_id = excluded.conversation_id, destinataires = excluded.destinataires, groupes = excluded.groupes,
            sujet = excluded.sujet, texte = excluded.texte, pieces_jointes = excluded.pieces_jointes, modifie_le = excluded.modifie_le
        WHERE communication.brouillon.auteur_id = @personneId
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, SaisieBrouillonMessage saisie, ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            id, personneId, saisie.ConversationId,
            destinataires = (saisie.Destinataires ?? []).Distinct().ToArray(),
            groupes = (saisie.Groupes ?? []).Distinct(StringComparer.Ordinal).ToArray(),
            sujet = saisie.Sujet ?? string.Empty,
            texte = saisie.Texte ?? string.Empty,
            pieces = (saisie.PiecesJointes ?? []).Distinct().ToArray(),
            maintenant = clock.GetUtcNow(),
        }, cancellationToken: ct));
        return lignes == 0 ? Problemes.Introuvable("Aucun de vos brouillons ni aucune de vos conversations ne correspond.") : TypedResults.NoContent();
    }
}
