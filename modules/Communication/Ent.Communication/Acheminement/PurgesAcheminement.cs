using Ent.Kernel.Rgpd;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Acheminement;

/// <summary>
/// The outbox's rows are kept <c>Ent:Acheminement:RetentionEnvoisJours</c> (92 days by default: the desk's follow-up of
/// deliveries and failures) after they left — delivered, failed or cancelled —, then deleted. A row still waiting is
/// never purged (the worker gives it up first). Batched, idempotent; run once a day across hosts by Identité's scheduler.
/// </summary>
internal sealed class PurgeMessagesSortants(NpgsqlDataSource db, IOptions<AcheminementOptions> options) : IPurgeRetention
{
    public string Nom => "communication.message_sortant";

    public string Duree => $"{options.Value.RetentionEnvoisJours} jours après l'envoi, l'échec ou l'annulation";

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParLots.SupprimerAsync(db, """
            DELETE FROM communication.message_sortant WHERE id IN (
                SELECT id FROM communication.message_sortant
                WHERE statut IN ('envoye', 'remis', 'echec', 'annule') AND coalesce(remis_le, envoye_le, cree_le) < @limite
                LIMIT 1000)
            """, new { limite = maintenant.AddDays(-options.Value.RetentionEnvoisJours) }, ct);
}

/// <summary>
/// In-app notifications are kept <c>Ent:Acheminement:RetentionNotificationsJours</c> (a year by default) after they were
/// created, read or not, then deleted. Batched, idempotent.
/// </summary>
internal sealed class PurgeNotifications(NpgsqlDataSource db, IOptions<AcheminementOptions> options) : IPurgeRetention
{
    public string Nom => "communication.notification";

    public string Duree => $"{options.Value.RetentionNotificationsJours} jours après sa création, lue ou non";

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParLots.SupprimerAsync(db, """
            DELETE FROM communication.notification WHERE id IN (
                SELECT id FROM communication.notification WHERE cree_le < @limite LIMIT 1000)
            """, new { limite = maintenant.AddDays(-options.Value.RetentionNotificationsJours) }, ct);
}
