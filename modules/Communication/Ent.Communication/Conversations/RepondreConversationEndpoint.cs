using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// POST /api/communication/me/conversations/{id}/messages — I answer a conversation I take part in (everyone in it reads
/// the answer). Outside the conversation: 404. My messaging suspended or blocked in its établissement: 403 with the
/// reason; beyond my hourly sendings: 429.
/// </summary>
internal static class RepondreConversationEndpoint
{
    /// <summary>An answer.</summary>
    /// <param name="Texte">Plain text.</param>
    /// <param name="PiecesJointes">Attachments uploaded beforehand, by id.</param>
    /// <param name="BrouillonId">The draft this answer comes from: deleted once sent.</param>
    internal sealed record ReponseConversation([property: MaxLength(5000)] string? Texte, [property: MaxLength(Envois.PiecesJointesMax)] Guid[]? PiecesJointes,
        Guid? BrouillonId);

    /// <summary>The message written.</summary>
    internal sealed record ReponseEnvoyee(Guid ConversationId);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/conversations/{id:guid}/messages", Handle)
        .WithName("RepondreConversation")
        .WithSummary("Répond à une conversation dont je fais partie.")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private const string ConversationSql = """
        SELECT c.etablissement_id, c.sujet, ARRAY(SELECT o.personne_id FROM communication.participant o
                                                  WHERE o.conversation_id = c.id AND o.personne_id <> @personneId) AS autres
        FROM communication.participant p JOIN communication.conversation c ON c.id = p.conversation_id
        WHERE p.conversation_id = @id AND p.personne_id = @personneId
        FOR UPDATE OF c
        """;

    // A class, not a positional record: Dapper hands uuid[] to constructors as System.Array.
    private sealed class Cible
    {
        public Guid EtablissementId { get; init; }

        public string Sujet { get; init; } = string.Empty;

        public Guid[] Autres { get; init; } = [];
    }

    private static async Task<Results<Created<ReponseEnvoyee>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, ReponseConversation saisie, ICurrentUser utilisateur, ReglesMessagerie regles, IAnnuaire annuaire, IMessagerie messagerie,
        Push.DestinatairesPush push, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        var texte = Envois.VerifierTexte(saisie.Texte, saisie.PiecesJointes, erreurs);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var introuvable = Problemes.Introuvable("Aucune de vos conversations ne correspond à cette adresse.");
        await using var conn = await db.OpenConnectionAsync(ct);
        var avant = await conn.QuerySingleOrDefaultAsync<Cible>(new CommandDefinition(ConversationSql.Replace("FOR UPDATE OF c", string.Empty),
            new { id, personneId }, cancellationToken: ct));
        if (avant is null)
        {
            return introuvable;
        }

        var etat = (await regles.EtatsAsync(personneId, avecDestinataires: false, ct)).FirstOrDefault(e => e.EtablissementId == avant.EtablissementId);
        if (etat is null)
        {
            return Envois.Suspendue("Vous ne faites plus partie de cet établissement : vous ne pouvez plus y répondre.");
        }

        if (etat.Raison is { } raison)
        {
            return Envois.Suspendue(raison);
        }

        var maintenant = clock.GetUtcNow();
        var auteur = (await annuaire.TrouverPersonnesAsync([personneId], ct)).SingleOrDefault() is { } moi ? $"{moi.Prenom} {moi.Nom}" : "Ent";
        var pieces = (saisie.PiecesJointes ?? []).Distinct().ToArray();
        await using var tx = await conn.BeginTransactionAsync(ct);
        var cible = await conn.QuerySingleOrDefaultAsync<Cible>(new CommandDefinition(ConversationSql, new { id, personneId }, tx, cancellationToken: ct));
        if (cible is null)
        {
            return introuvable;
        }

        if (await Envois.VerifierDebitAsync(conn, tx, personneId, etat.EnvoisParHeure, maintenant, ct) is { } tropDeMessages)
        {
            return tropDeMessages;
        }

        if (!await Envois.PiecesDeLAuteurAsync(conn, tx, personneId, pieces, ct))
        {
            return Problemes.Introuvable("Une pièce jointe n'existe pas ou n'est pas la vôtre : joignez le fichier à nouveau.");
        }

        await Envois.EcrireAsync(conn, tx, messagerie, push, cible.EtablissementId, personneId, auteur, cible.Sujet, texte!, pieces,
            [(id, cible.Autres)], maintenant, ct);
        if (saisie.BrouillonId is { } brouillon)
        {
            await conn.ExecuteAsync(new CommandDefinition("DELETE FROM communication.brouillon WHERE id = @brouillon AND auteur_id = @personneId",
                new { brouillon, personneId }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/communication/me/conversations/{id}", new ReponseEnvoyee(id));
    }
}
