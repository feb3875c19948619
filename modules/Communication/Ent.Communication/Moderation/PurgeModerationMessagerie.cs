using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Communication.Moderation;

/// <summary>
/// A suspension of a profile's sending and a block of a sender stay, once lifted, the school year of their lifting
/// and the next one (the history the head and the region look back on), then go. One still in force is never purged.
/// Batched, idempotent.
/// </summary>
internal sealed class PurgeModerationMessagerie(NpgsqlDataSource db) : IPurgeRetention
{
    public string Nom => "communication.moderation_messagerie";

    public string Duree => "l'année scolaire de la levée et la suivante ; jamais tant qu'elle est en vigueur";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var limite = PurgeParLots.DebutRentree(maintenant, 1).ToUniversalTime();
        return await PurgeParLots.SupprimerAsync(db, """
                DELETE FROM communication.suspension_messagerie WHERE id IN (
                    SELECT id FROM communication.suspension_messagerie WHERE leve_le < @limite LIMIT 1000)
                """, new { limite }, ct)
            + await PurgeParLots.SupprimerAsync(db, """
                DELETE FROM communication.blocage_messagerie WHERE id IN (
                    SELECT id FROM communication.blocage_messagerie WHERE leve_le < @limite LIMIT 1000)
                """, new { limite }, ct);
    }
}
