using Dapper;
using Ent.Communication.Conversations;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Moderation;

/// <summary>
/// GET /api/communication/etablissements/{uai}/messagerie/moderation — the head's view of the établissement's messaging:
/// the suspensions in force (its own and the region's), the blocked senders, and the reports with the message, its
/// sender and time. Its administrators only; anyone else gets 404. Reading a pupil's reported message is logged.
/// </summary>
internal static class ObtenirModerationMessagerieEndpoint
{
    /// <summary>A suspension in force.</summary>
    /// <param name="Profil">The profile whose sending is suspended.</param>
    /// <param name="Motif">The reason shown to them.</param>
    /// <param name="Region">Decided by the region (lifted by the region only).</param>
    /// <param name="Le">Since when (UTC).</param>
    internal sealed record SuspensionEnCours(string Profil, string Motif, bool Region, DateTime Le);

    /// <summary>A blocked sender.</summary>
    /// <param name="PersonneId">The person.</param>
    /// <param name="Nom">« Prénom Nom ».</param>
    /// <param name="Motif">The reason shown to them.</param>
    /// <param name="Le">Since when (UTC).</param>
    internal sealed record BlocageEnCours(Guid PersonneId, string Nom, string Motif, DateTime Le);

    /// <summary>A report.</summary>
    /// <param name="Id">The report.</param>
    /// <param name="ExpediteurId">Who wrote the message.</param>
    /// <param name="Expediteur">Their name.</param>
    /// <param name="EnvoyeLe">When the message was sent (UTC).</param>
    /// <param name="Sujet">The conversation's subject.</param>
    /// <param name="Texte">The message, as text.</param>
    /// <param name="SignalePar">Who reported it.</param>
    /// <param name="Motif">Why.</param>
    /// <param name="SignaleLe">When (UTC).</param>
    /// <param name="Traite">True once the head dealt with it.</param>
    /// <param name="ExpediteurBloque">True while the sender is blocked.</param>
    internal sealed record SignalementRecu(
        Guid Id, Guid ExpediteurId, string Expediteur, DateTime EnvoyeLe, string Sujet, [property: System.ComponentModel.DataAnnotations.MaxLength(5000)] string Texte,
        string SignalePar, string Motif, DateTime SignaleLe, bool Traite, bool ExpediteurBloque);

    /// <summary>The établissement's messaging as its head sees it.</summary>
    internal sealed record ModerationMessagerie(SuspensionEnCours[] Suspensions, BlocageEnCours[] Blocages, SignalementRecu[] Signalements);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/messagerie/moderation", Handle)
        .WithName("ObtenirModerationMessagerie")
        .WithSummary("Suspensions, expéditeurs bloqués et signalements de la messagerie de l'établissement (administrateurs).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record LigneBlocage(Guid PersonneId, string Motif, DateTime Le);

    private sealed record LigneSignalement(
        Guid Id, Guid ExpediteurId, DateTime EnvoyeLe, string Sujet, string Texte, Guid SignalePar, string Motif, DateTime SignaleLe, bool Traite,
        bool ExpediteurBloque);

    private const string Sql = """
        SELECT profil, motif, etablissement_id IS NULL AS region, suspendu_le AS le FROM communication.suspension_messagerie
        WHERE (etablissement_id = @etablissementId OR etablissement_id IS NULL) AND leve_le IS NULL ORDER BY suspendu_le;
        SELECT personne_id, motif, bloque_le AS le FROM communication.blocage_messagerie
        WHERE etablissement_id = @etablissementId AND leve_le IS NULL ORDER BY bloque_le DESC;
        SELECT s.id, m.auteur_id AS expediteur_id, m.envoye_le, c.sujet, m.texte, s.signale_par, s.motif, s.signale_le, s.traite_le IS NOT NULL AS traite,
               EXISTS (SELECT 1 FROM communication.blocage_messagerie b
                       WHERE b.etablissement_id = s.etablissement_id AND b.personne_id = m.auteur_id AND b.leve_le IS NULL) AS expediteur_bloque
        FROM communication.signalement s
        JOIN communication.message m ON m.id = s.message_id
        JOIN communication.conversation c ON c.id = m.conversation_id
        WHERE s.etablissement_id = @etablissementId
        ORDER BY s.traite_le IS NOT NULL, s.signale_le DESC
        LIMIT 200;
        """;

    private static async Task<Results<Ok<ModerationMessagerie>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces reglesAcces, IRattachements rattachements,
        IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        var acces = await AdministrationMessagerie.ResoudreAsync(uai, utilisateur, annuaire, reglesAcces, ct);
        if (acces.Invalide is { } invalide)
        {
            return invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Introuvable!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { etablissementId = etablissement.Id }, cancellationToken: ct));
        var suspensions = (await lecture.ReadAsync<SuspensionEnCours>()).ToArray();
        var blocages = (await lecture.ReadAsync<LigneBlocage>()).AsList();
        var signalements = (await lecture.ReadAsync<LigneSignalement>()).AsList();

        var noms = (await annuaire.TrouverPersonnesAsync(
                [.. blocages.Select(b => b.PersonneId).Concat(signalements.SelectMany(s => new[] { s.ExpediteurId, s.SignalePar })).Distinct()], ct))
            .ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        string Nom(Guid id) => noms.GetValueOrDefault(id, "Ancien membre");

        // A pupil's message is their personal data: the head's reading it goes to the pupil's access log.
        var eleves = (await rattachements.PersonnesAsync(etablissement.Id, [Profils.Eleve], ct)).Select(p => p.Id).ToHashSet();
        var elevesLus = signalements.Select(s => s.ExpediteurId).Where(eleves.Contains).Distinct().ToArray();
        await journal.NoterAsync(http, utilisateur, elevesLus, Domaine.Messages, ActionAcces.Lecture, "ObtenirModerationMessagerie", ct);

        return TypedResults.Ok(new ModerationMessagerie(suspensions,
            [.. blocages.Select(b => new BlocageEnCours(b.PersonneId, Nom(b.PersonneId), b.Motif, b.Le))],
            [.. signalements.Select(s => new SignalementRecu(s.Id, s.ExpediteurId, Nom(s.ExpediteurId), s.EnvoyeLe, s.Sujet, s.Texte, Nom(s.SignalePar),
                s.Motif, s.SignaleLe, s.Traite, s.ExpediteurBloque))]));
    }
}
