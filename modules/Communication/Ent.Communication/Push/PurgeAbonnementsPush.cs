using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Communication.Push;

/// <summary>
/// A push subscription unused for a year (no delivery since, or none since it was made) is deleted: the browser was most
/// likely replaced or reset, and its push service will answer 410 anyway. Batched, idempotent; run once a day across
/// hosts by Identité's scheduler. Subscriptions also go when the push service answers 404/410, when their owner
/// deactivates them, and at the person's erasure.
/// </summary>
internal sealed class PurgeAbonnementsPush(NpgsqlDataSource db) : IPurgeRetention
{
    public const int RetentionJours = 365;

    public string Nom => "communication.abonnement_push";

    public string Duree => $"{RetentionJours} jours sans notification remise (depuis le dernier succès, ou sa création)";

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParLots.SupprimerAsync(db, """
            DELETE FROM communication.abonnement_push WHERE id IN (
                SELECT id FROM communication.abonnement_push WHERE coalesce(dernier_succes, cree_le) < @limite LIMIT 1000)
            """, new { limite = maintenant.AddDays(-RetentionJours) }, ct);
}
