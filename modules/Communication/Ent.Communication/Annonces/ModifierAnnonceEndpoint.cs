using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// PUT /api/communication/annonces/{id} — its author or the établissement's direction corrects an announcement: title,
/// text, publication window (files: their own routes). The audience and the acknowledgement asked stay as published:
/// who was addressed is who must read it, and the confirmations already given keep their meaning. Families see the
/// correction at once (marked « modifiée »); the notifications not yet delivered leave with the new title and text and
/// the new start of the window. Anyone else gets 404; a withdrawn announcement is not corrected (409).
/// </summary>
internal static class ModifierAnnonceEndpoint
{
    /// <summary>The corrected announcement.</summary>
    /// <param name="Titre">Title, 1 to 200 characters.</param>
    /// <param name="Texte">Plain text, 1 to 10,000 characters.</param>
    /// <param name="VisibleDu">Start of the publication window (absent: unchanged).</param>
    /// <param name="VisibleAu">End of the publication window (absent: until withdrawn).</param>
    internal sealed record AnnonceCorrigee(string? Titre, [property: MaxLength(10000)] string? Texte, DateTimeOffset? VisibleDu, DateTimeOffset? VisibleAu);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/annonces/{id:guid}", Handle)
        .WithName("ModifierAnnonce")
        .WithSummary("Corrige une annonce (titre, texte, période de publication) : son auteur, la direction.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        UPDATE communication.annonce
        SET titre = @titre, texte = @texte, visible_du = @visibleDu, visible_au = @visibleAu, modifiee_le = @maintenant
        WHERE id = @id;

        -- The notifications still waiting (the window has not opened, or the worker has not run) leave corrected, when
        -- the window opens; those delivered stay as they were (their link opens the corrected text). One a worker holds
        -- under its lease is left alone: making it due again would let another worker send it a second time.
        UPDATE communication.message_sortant
        SET sujet = @sujet,
            texte = CASE canal WHEN 'courriel' THEN @texteCourriel ELSE @texteCourt END,
            prochaine_tentative = @visibleDu
        WHERE cle_idempotence LIKE 'annonce:' || @id::text || ':%' AND statut = 'en_attente' AND reclame_par IS NULL;
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(Guid id, AnnonceCorrigee requete,
        ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var annonce = await SuiviAnnonce.TrouverPourModifierAsync(conn, tx, regles, moi, id, ct);
        if (annonce is null)
        {
            return Problemes.Introuvable(SuiviAnnonce.Introuvable(id));
        }

        if (annonce.RetireeLe is not null)
        {
            return Problemes.Conflit("Cette annonce a été retirée : elle ne se modifie plus.");
        }

        var maintenant = clock.GetUtcNow();
        var titre = requete.Titre?.Trim() ?? string.Empty;
        var texte = requete.Texte?.Trim() ?? string.Empty;
        var visibleDu = requete.VisibleDu ?? annonce.VisibleDu;
        var erreurs = new Erreurs()
            .Require(titre.Length is >= 1 and <= 200, "titre", "Le titre compte de 1 à 200 caractères.")
            .Require(texte.Length is >= 1 and <= 10000, "texte", "Le texte compte de 1 à 10 000 caractères.")
            .Require(requete.VisibleAu is null || requete.VisibleAu > visibleDu, "visibleAu", "La fin de publication suit son début.")
            .Require(requete.VisibleAu is null || requete.VisibleAu > maintenant, "visibleAu",
                "La fin de publication est passée : pour arrêter la publication, retirez l'annonce.")
            .Require(visibleDu <= maintenant.AddYears(1), "visibleDu", "La publication commence dans l'année qui vient.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var etablissement = (await annuaire.TrouverEtablissementAsync(annonce.EtablissementId, ct))?.Nom ?? string.Empty;
        var confirmer = annonce.AccuseLecture ? " Merci de confirmer votre lecture." : string.Empty;
        await conn.ExecuteAsync(new CommandDefinition(Sql, new
        {
            id,
            titre,
            texte,
            visibleDu,
            visibleAu = requete.VisibleAu,
            maintenant,
            sujet = PublierAnnonceEndpoint.Tronquer($"Annonce : {titre}", 200),
            texteCourt = PublierAnnonceEndpoint.Tronquer(texte, 300) + confirmer,
            texteCourriel = $"{etablissement} : {titre}\n\n{texte}\n{confirmer.Trim()}",
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
