using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Dapper;
using Ent.Communication.Contracts;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// POST /api/communication/signalements/{id}/messages — a message in a report's exchange. A receiver's message answers
/// the submitter: the report becomes « répondu » and the submitter is notified. The submitter's message goes to the
/// receivers and brings an answered report back to « en cours » (the ball is in their court again). A closed report
/// takes no more message (409). Anyone else: 404.
/// </summary>
internal static class RepondreSignalementEndpoint
{
    /// <summary>A message.</summary>
    /// <param name="Texte">Plain text, 1 to 5,000 characters.</param>
    internal sealed record NouveauMessageSignalement([property: MaxLength(5000)] string? Texte);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/signalements/{id:guid}/messages", Handle)
        .WithName("RepondreSignalement")
        .WithSummary("Écrit dans l'échange d'un signalement (son auteur, ses destinataires) ; la réponse d'un destinataire le passe à « répondu ».")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        INSERT INTO communication.dossier_signalement_message (id, dossier_id, auteur_id, texte, etat, envoye_le)
        VALUES (@messageId, @id, @moi, @texte, CASE WHEN @etat <> @ancien THEN @etat END, @maintenant);
        UPDATE communication.dossier_signalement SET etat = @etat, modifie_le = @maintenant WHERE id = @id;
        """;

    private static async Task<Results<Ok<EtatSignalement>, ValidationProblem, ProblemHttpResult>> Handle(Guid id,
        NouveauMessageSignalement requete, HttpContext http, ICurrentUser utilisateur, AccesSignalements acces, IRattachements rattachements,
        IMessagerie messagerie, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var texte = requete.Texte?.Trim() ?? string.Empty;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var dossier = await Dossiers.ChargerAsync(conn, id, ct, tx, verrou: true);
        var role = dossier is null ? null : await Dossiers.RoleAsync(acces, moi, dossier, ct);
        if (dossier is null || role is null)
        {
            return Problemes.Introuvable(Dossiers.Introuvable);
        }

        if (texte.Length is < 1 or > 5000)
        {
            return new Erreurs().Add("texte", "Le message compte de 1 à 5 000 caractères.").ToProblem();
        }

        if (dossier.Etat == "clos")
        {
            return Problemes.Conflit("Ce signalement est clos : il ne reçoit plus de message.");
        }

        var etat = role == RoleDossier.Destinataire ? "repondu" : dossier.Etat == "repondu" ? "en_cours" : dossier.Etat;
        var maintenant = clock.GetUtcNow();
        var messageId = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { messageId, id, moi, texte, etat, ancien = dossier.Etat, maintenant }, tx, cancellationToken: ct));

        if (role == RoleDossier.Destinataire)
        {
            await ReglesSignalement.NotifierAsync(messagerie, [dossier.DeposePar], $"signalement-message:{messageId}", "Réponse à votre signalement",
                dossier.Confidentiel ? "Vous avez reçu une réponse à votre signalement." : $"Vous avez reçu une réponse à votre signalement « {dossier.Titre} ».",
                id, dossier.EtablissementId, conn, tx, ct);
        }
        else
        {
            var receveurs = (await rattachements.PersonnesAsync(dossier.EtablissementId, [Profils.Personnel], ct))
                .Where(p => p.Fonction is { } f && AccesSignalements.EstDestinataire(new HashSet<string> { f }, dossier.Destinataires, dossier.Confidentiel))
                .Select(p => p.Id).Where(p => p != moi);
            await ReglesSignalement.NotifierAsync(messagerie, receveurs, $"signalement-message:{messageId}", "Nouveau message sur un signalement",
                dossier.Confidentiel ? "Un signalement confidentiel a reçu un nouveau message." : $"Le signalement « {dossier.Titre} » a reçu un nouveau message.",
                id, dossier.EtablissementId, conn, tx, ct);
        }

        await journal.NoterAsync(new AccesDonnees(moi, http.User.FindFirstValue("client_id"), dossier.EleveId, Domaine.VieScolaire, ActionAcces.Modification,
            ReglesSignalement.Operation("RepondreSignalement", dossier), http.Connection.RemoteIpAddress, dossier.EtablissementId), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new EtatSignalement(etat, ReglesSignalement.LibelleEtat(etat)));
    }
}

/// <summary>The report's state after a message or a change (204 would make the SPA ask again for it).</summary>
/// <param name="Etat">recu, en_cours, repondu or clos.</param>
/// <param name="EtatLibelle">The state in words.</param>
internal sealed record EtatSignalement(string Etat, string EtatLibelle);
