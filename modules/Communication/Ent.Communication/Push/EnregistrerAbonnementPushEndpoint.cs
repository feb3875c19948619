using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Push;

/// <summary>
/// POST /api/communication/me/push/abonnements — this browser's push subscription, for me. A browser has one endpoint:
/// posted again (new keys, or another person now signed in on a shared computer) it is updated and becomes the caller's.
/// Twenty devices a person at most.
/// </summary>
internal static class EnregistrerAbonnementPushEndpoint
{
    /// <summary>The subscription's keys, as <c>PushSubscription.toJSON()</c> gives them.</summary>
    /// <param name="P256dh">The browser's P-256 public key (base64url, 65 bytes).</param>
    /// <param name="Auth">The browser's authentication secret (base64url, 16 bytes).</param>
    internal sealed record ClesAbonnement(string? P256dh, string? Auth);

    /// <summary>A subscription, as <c>PushSubscription.toJSON()</c> gives it.</summary>
    /// <param name="Endpoint">The push service's address for this browser (https).</param>
    /// <param name="Keys">Its keys.</param>
    internal sealed record SaisieAbonnement(string? Endpoint, ClesAbonnement? Keys);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/push/abonnements", Handle)
        .WithName("EnregistrerMonAbonnementPush")
        .WithSummary("Abonne ce navigateur aux notifications push pour moi (un appareil par adresse du service push).");

    private const string Sql = """
        SELECT count(*) FROM communication.abonnement_push WHERE personne_id = @personneId AND endpoint <> @endpoint;

        INSERT INTO communication.abonnement_push (id, personne_id, endpoint, p256dh, auth, appareil, cree_le)
        VALUES (@id, @personneId, @endpoint, @p256dh, @auth, @appareil, @maintenant)
        ON CONFLICT (endpoint) DO UPDATE
        SET personne_id = excluded.personne_id, p256dh = excluded.p256dh, auth = excluded.auth, appareil = excluded.appareil,
            cree_le = CASE WHEN abonnement_push.personne_id = excluded.personne_id THEN abonnement_push.cree_le ELSE excluded.cree_le END,
            dernier_succes = CASE WHEN abonnement_push.personne_id = excluded.personne_id THEN abonnement_push.dernier_succes END
        RETURNING id, endpoint, appareil, cree_le, dernier_succes;
        """;

    private static async Task<Results<Ok<AbonnementPush>, ValidationProblem, ProblemHttpResult>> Handle(
        SaisieAbonnement saisie, HttpContext http, ICurrentUser utilisateur, IOptions<PushOptions> options, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (!options.Value.Actif)
        {
            return ObtenirClePubliquePushEndpoint.Desactive();
        }

        var erreurs = new Erreurs()
            .Require(ReglesAbonnement.EndpointValide(saisie.Endpoint, options.Value.AutoriserHttpLocal), "endpoint",
                "L'adresse de l'abonnement doit être une adresse https complète (2 000 caractères au plus), telle que le navigateur la donne.")
            .Require(ReglesAbonnement.CleValide(saisie.Keys?.P256dh, 65, 0x04), "keys.p256dh",
                "La clé p256dh doit être une clé publique P-256 en base64url (65 octets), telle que le navigateur la donne.")
            .Require(ReglesAbonnement.CleValide(saisie.Keys?.Auth, 16), "keys.auth",
                "Le secret auth doit compter 16 octets en base64url, tel que le navigateur le donne.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The count and the write in one transaction, the person's rows locked: two devices at once do not make 21.
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('abonnement_push'), hashtext(@p))",
            new { p = personneId.ToString() }, tx, cancellationToken: ct));
        using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new
        {
            id = Guid.CreateVersion7(), personneId, endpoint = saisie.Endpoint, p256dh = saisie.Keys!.P256dh!.TrimEnd('='), auth = saisie.Keys.Auth!.TrimEnd('='),
            appareil = ReglesAbonnement.Appareil(http.Request.Headers.UserAgent), maintenant = clock.GetUtcNow(),
        }, tx, cancellationToken: ct));
        if (await lecture.ReadSingleAsync<long>() >= ReglesAbonnement.AppareilsMax)
        {
            await tx.RollbackAsync(ct);
            return Problemes.Conflit($"Vous avez déjà {ReglesAbonnement.AppareilsMax} appareils abonnés : désactivez-en un d'abord.");
        }

        var abonnement = await lecture.ReadSingleAsync<AbonnementPush>();
        await tx.CommitAsync(ct);
        return TypedResults.Ok(abonnement);
    }
}
