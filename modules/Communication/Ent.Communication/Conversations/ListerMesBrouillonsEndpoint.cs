using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>GET /api/communication/me/brouillons — my drafts, the latest first. Only the author ever reads them.</summary>
internal static class ListerMesBrouillonsEndpoint
{
    /// <summary>A draft: recipients as chosen (checked again when sent).</summary>
    /// <param name="Id">Its id (chosen by the application).</param>
    /// <param name="ConversationId">The conversation it answers, if it is an answer.</param>
    /// <param name="Destinataires">People chosen.</param>
    /// <param name="Groupes">Groups chosen.</param>
    /// <param name="Sujet">Subject.</param>
    /// <param name="Texte">Text.</param>
    /// <param name="PiecesJointes">Attachments uploaded.</param>
    /// <param name="ModifieLe">Last saved (UTC).</param>
    internal sealed record BrouillonMessage(
        Guid Id, Guid? ConversationId, Guid[] Destinataires, string[] Groupes, string Sujet,
        [property: System.ComponentModel.DataAnnotations.MaxLength(5000)] string Texte, Guid[] PiecesJointes, DateTime ModifieLe);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/brouillons", Handle)
        .WithName("ListerMesBrouillons")
        .WithSummary("Mes brouillons de messages, les plus récents d'abord.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id, conversation_id, destinataires, groupes, sujet, texte, pieces_jointes, modifie_le
        FROM communication.brouillon WHERE auteur_id = @personneId ORDER BY modifie_le DESC, id LIMIT 100
        """;

    // A class, not a positional record: Dapper hands arrays to constructors as System.Array.
    private sealed class Ligne
    {
        public Guid Id { get; init; }

        public Guid? ConversationId { get; init; }

        public Guid[] Destinataires { get; init; } = [];

        public string[] Groupes { get; init; } = [];

        public string Sujet { get; init; } = string.Empty;

        public string Texte { get; init; } = string.Empty;

        public Guid[] PiecesJointes { get; init; } = [];

        public DateTime ModifieLe { get; init; }
    }

    private static async Task<Results<Ok<BrouillonMessage[]>, ProblemHttpResult>> Handle(ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.QueryAsync<Ligne>(new CommandDefinition(Sql, new { personneId }, cancellationToken: ct));
        return TypedResults.Ok(lignes.Select(l => new BrouillonMessage(l.Id, l.ConversationId, l.Destinataires, l.Groupes, l.Sujet, l.Texte, l.PiecesJointes,
            l.ModifieLe)).ToArray());
    }
}
