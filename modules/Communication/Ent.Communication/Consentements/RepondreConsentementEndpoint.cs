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
/// PUT /api/communication/consentements/{id}/eleves/{eleveId}/reponse — a legal guardian asked for the pupil answers yes
/// or no and signs: the answer keeps their name as it stands, the moment, the address and the statement they certified,
/// word for word (the one GET /me/consentements showed). They may change their mind until the deadline (each answer is
/// kept; the latest is in force); after it, 409. Anyone who was not asked for this pupil — the pupil, a teacher, another
/// family, a guardian who lost parental authority — gets 404.
/// </summary>
internal static class RepondreConsentementEndpoint
{
    /// <summary>A signed answer.</summary>
    /// <param name="Accord">True: I consent; false: I refuse.</param>
    /// <param name="JeCertifie">The signature: must be true (the box « Je certifie… » ticked).</param>
    internal sealed record ReponseConsentement(bool? Accord, bool? JeCertifie);

    /// <summary>The answer recorded.</summary>
    /// <param name="Accord">The answer.</param>
    /// <param name="SigneeLe">When it was signed.</param>
    /// <param name="Statut">The pupil's standing now: en_attente, accorde, refuse.</param>
    /// <param name="Attestation">The statement certified, word for word.</param>
    internal sealed record ReponseEnregistree(bool Accord, DateTimeOffset SigneeLe, string Statut, string Attestation);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/consentements/{id:guid}/eleves/{eleveId:guid}/reponse", Handle)
        .WithName("RepondreConsentement")
        .WithSummary("Un responsable légal accorde ou refuse, en la signant, l'autorisation demandée pour son enfant.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string InsertSql = """
        INSERT INTO communication.consentement_reponse (consentement_id, eleve_id, responsable_id, accord, nom_signataire, signee_le, adresse, attestation)
        VALUES (@id, @eleveId, @moi, @accord, @signataire, @maintenant, @adresse, @attestation);

        SELECT DISTINCT ON (responsable_id) accord FROM communication.consentement_reponse
        WHERE consentement_id = @id AND eleve_id = @eleveId ORDER BY responsable_id, id DESC;
        """;

    private static async Task<Results<Ok<ReponseEnregistree>, ValidationProblem, ProblemHttpResult>> Handle(Guid id, Guid eleveId, ReponseConsentement reponse,
        HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var introuvable = Problemes.Introuvable(Consentement.Introuvable(id));
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The form's row is locked: an answer and the deadline never cross (nor two answers of one guardian).
        var consentement = await conn.QuerySingleOrDefaultAsync<Consentement.Ligne>(new CommandDefinition($"""
            SELECT {Consentement.Colonnes} FROM communication.consentement c
            WHERE id = @id AND EXISTS (SELECT 1 FROM communication.consentement_famille f
                                       WHERE f.consentement_id = c.id AND f.eleve_id = @eleveId AND f.responsable_id = @moi)
            FOR UPDATE
            """, new { id, eleveId, moi }, tx, cancellationToken: ct));
        // Asked at creation, and still a legal guardian today (parental authority can be withdrawn in between).
        if (consentement is null || !await regles.EstResponsableLegalAsync(moi, eleveId, ct))
        {
            return introuvable;
        }

        // Checked once the caller is known to be asked: anyone else learns nothing, not even what the answer lacks.
        var erreurs = new Erreurs()
            .Require(reponse.Accord is not null, "accord", "Indiquez si vous autorisez (true) ou non (false) votre enfant à participer.")
            .Require(reponse.JeCertifie is true, "jeCertifie", "Cochez la case pour signer votre réponse.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var maintenant = clock.GetUtcNow();
        if (consentement.DateLimite <= maintenant)
        {
            return Problemes.Conflit($"La date limite de réponse ({Consentement.Jour(consentement.DateLimite)}) est passée : adressez-vous à l'établissement.");
        }

        var personnes = (await annuaire.TrouverPersonnesAsync([moi, eleveId], ct)).ToDictionary(p => p.Id, p => $"{p.Prenom} {p.Nom}");
        var signataire = personnes.GetValueOrDefault(moi, "?");
        var attestation = Consentement.Attestation(signataire, personnes.GetValueOrDefault(eleveId, "mon enfant"), reponse.Accord!.Value, consentement);
        var accords = (await conn.QueryAsync<bool>(new CommandDefinition(InsertSql, new
        {
            id, eleveId, moi, accord = reponse.Accord.Value, signataire, maintenant, adresse = http.Connection.RemoteIpAddress, attestation,
        }, tx, cancellationToken: ct))).Select(a => (bool?)a);
        await tx.CommitAsync(ct);

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Modification, "RepondreConsentement", ct);
        return TypedResults.Ok(new ReponseEnregistree(reponse.Accord.Value, maintenant, Consentement.Statut(accords), attestation));
    }
}
