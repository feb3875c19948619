using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Moderation;

/// <summary>
/// POST /api/communication/me/conversations/{id}/messages/{messageId}/signalement — a recipient reports a message
/// (threats, insults, anything abusive): the établissement's head sees it with the message, its sender and time, and is
/// notified in the application. Reporting twice keeps one report. Not in the conversation, or one's own message: 404.
/// </summary>
internal static class SignalerMessageEndpoint
{
    /// <summary>Why the message is reported.</summary>
    internal sealed record SaisieSignalement(string? Motif);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/conversations/{id:guid}/messages/{messageId:guid}/signalement", Handle)
        .WithName("SignalerMessage")
        .WithSummary("Signale un message reçu à la direction de l'établissement.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string MessageSql = """
        SELECT c.etablissement_id
        FROM communication.message m
        JOIN communication.conversation c ON c.id = m.conversation_id
        JOIN communication.participant p ON p.conversation_id = c.id AND p.personne_id = @personneId
        WHERE m.id = @messageId AND m.conversation_id = @id AND m.auteur_id <> @personneId
        """;

    private const string InsertSql = """
        INSERT INTO communication.signalement (id, etablissement_id, message_id, signale_par, motif, signale_le)
        VALUES (@signalementId, @etablissementId, @messageId, @personneId, @motif, @maintenant)
        ON CONFLICT (message_id, signale_par) DO NOTHING
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Guid messageId, SaisieSignalement saisie, ICurrentUser utilisateur, IRattachements rattachements,
        IMessagerie messagerie, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var erreurs = new Erreurs();
        var motif = AdministrationMessagerie.Motif(saisie.Motif, erreurs);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var etablissementId = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(MessageSql, new { id, messageId, personneId }, cancellationToken: ct));
        if (etablissementId is not { } etablissement)
        {
            return Problemes.Introuvable("Aucun message reçu dans vos conversations ne correspond à cette adresse.");
        }

        // The établissement's head and local administrators are told in the application.
        var administrateurs = (await rattachements.PersonnesAsync(etablissement, [Profils.Personnel], ct))
            .Where(p => p.Fonction is Fonctions.Direction or Fonctions.AdministrateurLocal).Select(p => p.Id).ToArray();
        var signalementId = Guid.CreateVersion7();
        await using var tx = await conn.BeginTransactionAsync(ct);
        var nouveau = await conn.ExecuteAsync(new CommandDefinition(InsertSql,
            new { signalementId, etablissementId = etablissement, messageId, personneId, motif, maintenant = clock.GetUtcNow() }, tx, cancellationToken: ct)) == 1;
        if (nouveau)
        {
            await messagerie.PlanifierAsync([.. administrateurs.Select(a => new MessageSortant(Canal.Application, null, a,
                "Message signalé", $"Un message a été signalé : {motif}", $"signalement:{signalementId}:{a}:application", null, etablissement,
                "signalement", "/messagerie/moderation"))], conn, tx, ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
