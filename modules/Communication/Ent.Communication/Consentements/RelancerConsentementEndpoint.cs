using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// POST /api/communication/consentements/{id}/relance — reminds the guardians of the pupils for whom nobody has answered
/// yet (in the application, and by e-mail for those who chose it); a family that answered, yes or no, hears nothing.
/// For those who follow the form up (404 for others); 409 after the deadline, or when a reminder left less than
/// <see cref="Intervalle"/> ago (a double click sends one reminder).
/// </summary>
internal static class RelancerConsentementEndpoint
{
    internal static readonly TimeSpan Intervalle = TimeSpan.FromMinutes(10);

    /// <summary>The reminder sent.</summary>
    /// <param name="Eleves">Pupils whose families were reminded.</param>
    /// <param name="Responsables">Guardians notified.</param>
    internal sealed record RelanceConsentement(int Eleves, int Responsables);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/consentements/{id:guid}/relance", Handle)
        .WithName("RelancerConsentement")
        .WithSummary("Relance les familles qui n'ont pas encore répondu à une demande d'autorisation, et elles seules.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string SansReponseSql = """
        SELECT f.eleve_id, f.responsable_id FROM communication.consentement_famille f
        WHERE f.consentement_id = @id AND NOT EXISTS (
            SELECT 1 FROM communication.consentement_reponse r WHERE r.consentement_id = @id AND r.eleve_id = f.eleve_id)
        """;

    // The guard and the messages in one transaction: two reminders at once leave one.
    private const string RelancerSql = """
        UPDATE communication.consentement SET relance_le = @maintenant
        WHERE id = @id AND (relance_le IS NULL OR relance_le <= @avant)
        RETURNING id
        """;

    private const string MessagesSql = """
        INSERT INTO communication.message_sortant (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien,
                                                  cree_le, prochaine_tentative)
        SELECT gen_random_uuid(), 'application', NULL, r, @sujet, @texte, @cle || r::text || ':application', @etablissementId, 'consentement', @lien,
               @maintenant, @maintenant
        FROM unnest(@responsables) AS r
        ON CONFLICT (cle_idempotence) DO NOTHING;

        INSERT INTO communication.message_sortant (id, canal, adresse, personne_id, sujet, texte, cle_idempotence, etablissement_id, categorie, lien,
                                                  cree_le, prochaine_tentative)
        SELECT gen_random_uuid(), 'courriel', c.adresse, c.personne_id, @sujet, @texte, @cle || c.personne_id::text || ':courriel',
               @etablissementId, 'consentement', @lien, @maintenant, @maintenant
        FROM unnest(@courrielPersonnes, @courriels) AS c (personne_id, adresse)
        JOIN communication.preference_notification p ON p.personne_id = c.personne_id AND p.courriel
        ON CONFLICT (cle_idempotence) DO NOTHING;
        """;

    private static async Task<Results<Ok<RelanceConsentement>, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur, IAnnuaire annuaire,
        IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var consentement = await Consentement.TrouverAsync(conn, regles, moi, id, ct);
        if (consentement is null)
        {
            return Problemes.Introuvable(Consentement.Introuvable(id));
        }

        var maintenant = clock.GetUtcNow();
        if (consentement.DateLimite <= maintenant)
        {
            return Problemes.Conflit("La date limite de réponse est passée : il n'y a plus personne à relancer.");
        }

        var familles = (await conn.QueryAsync<(Guid EleveId, Guid ResponsableId)>(new CommandDefinition(SansReponseSql, new { id },
            cancellationToken: ct))).AsList();
        var responsables = familles.Select(f => f.ResponsableId).Distinct().ToArray();
        var contacts = familles.Count == 0
            ? []
            : (await annuaire.ListerContactsFamillesAsync([.. familles.Select(f => f.EleveId).Distinct()], ct))
                .Where(c => c.Courriel is { Length: > 0 } && responsables.Contains(c.ResponsableId)).DistinctBy(c => c.ResponsableId).ToList();

        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(RelancerSql, new { id, maintenant, avant = maintenant - Intervalle }, tx,
                cancellationToken: ct)) is null)
        {
            return Problemes.Conflit("Une relance vient d'être envoyée : attendez quelques minutes avant la suivante.");
        }

        var titre = CreerConsentementEndpoint.Tronquer(consentement.Titre, 200);
        await conn.ExecuteAsync(new CommandDefinition(MessagesSql, new
        {
            sujet = CreerConsentementEndpoint.Tronquer($"Rappel : autorisation pour {consentement.Titre}", 200),
            texte = $"Votre réponse à la demande d'autorisation « {titre} » est attendue avant le {Consentement.Jour(consentement.DateLimite)}.",
            cle = $"consentement-relance:{id}:{maintenant.ToUnixTimeMilliseconds()}:",
            etablissementId = consentement.EtablissementId,
            lien = $"/autorisations?consentement={id}",
            responsables,
            courrielPersonnes = contacts.Select(c => c.ResponsableId).ToArray(),
            courriels = contacts.Select(c => c.Courriel!).ToArray(),
            maintenant,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new RelanceConsentement(familles.Select(f => f.EleveId).Distinct().Count(), responsables.Length));
    }
}
