using Ent.Communication.Rgpd;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// An official announcement is kept the school year its visibility ended — its window closed or it was withdrawn,
/// whichever came first — and the next one (the proof that a family was told), then goes with its recipients, its
/// families and its files (rows, then files). One still visible with no end date is in use and stays. Batched,
/// idempotent.
/// </summary>
internal sealed class PurgeAnnonces(NpgsqlDataSource db, StockageAnnonces stockage) : IPurgeRetention
{
    public string Nom => "communication.annonce";

    public string Duree => "l'année scolaire de la fin de visibilité (ou du retrait) et la suivante";

    // LEAST ignores NULLs: the earlier of the window's end and the withdrawal; neither: still visible, kept.
    private const string SqlRacines = """
        SELECT id FROM communication.annonce WHERE least(visible_au, retiree_le) < @limite
        ORDER BY id LIMIT 1000 FOR UPDATE SKIP LOCKED
        """;

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParRacines.PurgerAsync(db, stockage, SqlRacines, new { limite = PurgeParLots.DebutRentree(maintenant, 1).ToUniversalTime() },
            async lot =>
            {
                await lot.SupprimerAsync("DELETE FROM communication.annonce_destinataire WHERE annonce_id = ANY(@ids)");
                await lot.SupprimerAsync("DELETE FROM communication.annonce_famille WHERE annonce_id = ANY(@ids)");
                await lot.SupprimerAvecFichiersAsync(
                    "DELETE FROM communication.annonce_piece_jointe WHERE annonce_id = ANY(@ids) RETURNING nom_stockage");
                await lot.SupprimerAsync("DELETE FROM communication.annonce WHERE id = ANY(@ids)");
            }, ct);
}

/// <summary>
/// A public announcement (no personal data: an établissement's open days, closures) is deleted 30 days after it
/// expired; one with no expiry stays. Batched, idempotent.
/// </summary>
internal sealed class PurgeAnnoncesPubliques(NpgsqlDataSource db) : IPurgeRetention
{
    public string Nom => "communication.annonce_publique";

    public string Duree => "30 jours après son expiration (pas de donnée personnelle)";

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParLots.SupprimerAsync(db, """
            DELETE FROM communication.annonce_publique WHERE id IN (
                SELECT id FROM communication.annonce_publique WHERE expire_le < @limite LIMIT 1000)
            """, new { limite = maintenant.AddDays(-30) }, ct);
}
