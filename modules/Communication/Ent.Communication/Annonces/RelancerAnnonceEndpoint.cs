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
/// POST /api/communication/annonces/{id}/relance — reminds the families that have not confirmed an announcement (each
/// guardian of a family none of whose guardians confirmed), in the application and by e-mail for those who chose it;
/// families that confirmed hear nothing. For those who follow the announcement up (404 for others); 409 when it asks no
/// confirmation, or when a reminder left less than <see cref="Intervalle"/> ago (a double click sends one reminder).
/// </summary>
internal static class RelancerAnnonceEndpoint
{
    internal static readonly TimeSpan Intervalle = TimeSpan.FromMinutes(10);

    /// <summary>The reminder sent.</summary>
    /// <param name="Familles">Families reminded.</param>
    /// <param name="Responsables">Guardians notified.</param>
    internal sealed record RelanceAnnonce(int Familles, int Responsables);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/annonces/{id:guid}/relance", Handle)
        .WithName("RelancerAnnonce")
        .WithSummary("Relance les familles qui n'ont pas confirmé la lecture d'une annonce, et elles seules.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string NonConfirmeesSql = """
        SELECT f.eleve_id, f.responsable_id FROM communication.annonce_famille f
        WHERE f.annonce_id = @id AND NOT EXISTS (
            SELECT 1 FROM communication.annonce_famille g
            JOIN communication.annonce_destinataire d ON d.annonce_id = g.annonce_id AND d.personne_id = g.responsable_id
            WHERE g.annonce_id = @id AND g.eleve_id = f.eleve_id AND d.confirmee_le IS NOT NULL)
        """;

    // The guard and the messages in one transaction: two reminders at once leave one.
    private const string RelancerSql = """
        UPDATE communication.annonce SET relancee_le = @maintenant
        WHERE id = @id AND (relancee_le IS NULL OR relancee_le <= @avant)
        RETURNING id
        """;

    private const string MessagesSql = """
        INSERT INTO communication.message_sortant (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien,
                                                  cree_le, prochaine_tentative)
        SELECT gen_random_uuid(), 'application', NULL, r, @sujet, @texte, @cle || r::text || ':application', @etablissementId, 'annonce', @lien, @maintenant, @maintenant
        FROM unnest(@responsables) AS r
        ON CONFLICT (cle_idempotence) DO NOTHING;

        INSERT INTO communication.message_sortant (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien,
                                                  cree_le, prochaine_tentative)
        SELECT gen_random_uuid(), 'courriel', c.adresse, c.personne_id, @sujet, @texte, @cle || c.personne_id::text || ':courriel',
               @etablissementId, 'annonce', @lien, @maintenant, @maintenant
        FROM unnest(@courrielPersonnes, @courriels) AS c (personne_id, adresse)
        JOIN communication.preference_notification p ON p.personne_id = c.personne_id AND p.courriel
        ON CONFLICT (cle_idempotence) DO NOTHING;
        """;

    private static async Task<Results<Ok<RelanceAnnonce>, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur, IAnnuaire annuaire,
        IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var annonce = await SuiviAnnonce.TrouverAsync(conn, regles, moi, id, ct);
        if (annonce is null)
        {
            return Problemes.Introuvable(SuiviAnnonce.Introuvable(id));
        }

        if (annonce.RetireeLe is not null)
        {
            return Problemes.Conflit("Cette annonce a été retirée : il n'y a plus personne à relancer.");
        }

        if (!annonce.AccuseLecture)
        {
            return Problemes.Conflit("Cette annonce ne demande pas d'accusé de lecture : il n'y a personne à relancer.");
        }

        var maintenant = clock.GetUtcNow();
        var familles = (await conn.QueryAsync<(Guid EleveId, Guid ResponsableId)>(new CommandDefinition(NonConfirmeesSql, new { id },
            cancellationToken: ct))).AsList();
        var responsables = familles.Select(f => f.ResponsableId).Distinct().ToArray();
        var contacts = familles.Count == 0
            ? []
            : (await annuaire.ListerContactsFamillesAsync([.. familles.Select(f => f.EleveId).Distinct()], ct))
                .Where(c => c.Courriel is { Length: > 0 } && responsables.Contains(c.ResponsableId)).DistinctBy(c => c.ResponsableId).ToList();

        await using var tx = await conn.BeginTransactionAsync(ct);
        var relancee = await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(RelancerSql,
            new { id, maintenant, avant = maintenant - Intervalle }, tx, cancellationToken: ct));
        if (relancee is null)
        {
            return Problemes.Conflit("Une relance vient d'être envoyée : attendez quelques minutes avant la suivante.");
        }

        await conn.ExecuteAsync(new CommandDefinition(MessagesSql, new
        {
            sujet = Tronquer($"Rappel : {annonce.Titre}", 200),
            texte = $"Merci de confirmer la lecture de l'annonce « {Tronquer(annonce.Titre, 200)} ».",
            cle = $"annonce-relance:{id}:{maintenant.ToUnixTimeMilliseconds()}:",
            etablissementId = annonce.EtablissementId,
            lien = $"/annonces?annonce={id}",
            responsables,
            courrielPersonnes = contacts.Select(c => c.ResponsableId).ToArray(),
            courriels = contacts.Select(c => c.Courriel!).ToArray(),
            maintenant,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new RelanceAnnonce(familles.Select(f => f.EleveId).Distinct().Count(), responsables.Length));
    }

    private static string Tronquer(string texte, int max) => texte.Length <= max ? texte : texte[..(max - 1)] + "…";
}
