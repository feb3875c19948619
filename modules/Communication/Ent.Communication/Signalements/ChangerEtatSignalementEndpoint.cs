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
/// POST /api/communication/signalements/{id}/etat — a receiver moves a report forward: « en cours » (taken in hand) or
/// « clos »; never back, and a closed report stays closed (409). The submitter is notified. The submitter and anyone
/// else: 404 (only receivers handle a report).
/// </summary>
internal static class ChangerEtatSignalementEndpoint
{
    /// <summary>The state to move to.</summary>
    /// <param name="Etat">en_cours or clos.</param>
    internal sealed record NouvelEtat(string? Etat);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/signalements/{id:guid}/etat", Handle)
        .WithName("ChangerEtatSignalement")
        .WithSummary("Fait avancer un signalement : pris en charge (en_cours) ou clos (ses destinataires).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        INSERT INTO communication.dossier_signalement_message (id, dossier_id, auteur_id, texte, etat, envoye_le)
        VALUES (@messageId, @id, @moi, NULL, @etat, @maintenant);
        UPDATE communication.dossier_signalement SET etat = @etat, modifie_le = @maintenant WHERE id = @id;
        """;

    private static async Task<Results<Ok<EtatSignalement>, ValidationProblem, ProblemHttpResult>> Handle(Guid id, NouvelEtat requete, HttpContext http,
        ICurrentUser utilisateur, AccesSignalements acces, IMessagerie messagerie, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var dossier = await Dossiers.ChargerAsync(conn, id, ct, tx, verrou: true);
        if (dossier is null || await Dossiers.RoleAsync(acces, moi, dossier, ct) != RoleDossier.Destinataire)
        {
            return Problemes.Introuvable(Dossiers.Introuvable);
        }

        if (requete.Etat is not ("en_cours" or "clos"))
        {
            return new Erreurs().Add("etat", "Choisissez « en_cours » (pris en charge) ou « clos ».").ToProblem();
        }

        if (!Dossiers.EtatsPossibles(dossier.Etat).Contains(requete.Etat))
        {
            return Problemes.Conflit(dossier.Etat == "clos"
                ? "Ce signalement est clos."
                : $"Ce signalement est déjà « {ReglesSignalement.LibelleEtat(dossier.Etat)} » : il ne revient pas en arrière.");
        }

        var messageId = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { messageId, id, moi, etat = requete.Etat, maintenant = clock.GetUtcNow() }, tx, cancellationToken: ct));
        var (sujet, texte) = requete.Etat == "clos"
            ? ("Signalement clos", "Votre signalement a été clos par l'établissement.")
            : ("Signalement pris en charge", "Votre signalement a été pris en charge par l'établissement.");
        await ReglesSignalement.NotifierAsync(messagerie, [dossier.DeposePar], $"signalement-etat:{messageId}", sujet, texte, id, dossier.EtablissementId, conn, tx, ct);
        await journal.NoterAsync(new AccesDonnees(moi, http.User.FindFirstValue("client_id"), dossier.EleveId, Domaine.VieScolaire, ActionAcces.Modification,
            ReglesSignalement.Operation("ChangerEtatSignalement", dossier), http.Connection.RemoteIpAddress, dossier.EtablissementId), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new EtatSignalement(requete.Etat, ReglesSignalement.LibelleEtat(requete.Etat)));
    }
}
