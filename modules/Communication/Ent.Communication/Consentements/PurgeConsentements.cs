using Ent.Communication.Rgpd;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// A consent form is kept the school year its outing ended (« fin ») and the next one (the proof of the families'
/// consent should anything have happened), then goes with its families, their signed answers and its files (rows,
/// then files). Batched, idempotent.
/// </summary>
internal sealed class PurgeConsentements(NpgsqlDataSource db, StockageConsentements stockage) : IPurgeRetention
{
    public string Nom => "communication.consentement";

    public string Duree => "l'année scolaire de la fin de la sortie et la suivante";

    private const string SqlRacines = """
        SELECT id FROM communication.consentement WHERE fin < @limite ORDER BY fin LIMIT 1000 FOR UPDATE SKIP LOCKED
        """;

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParRacines.PurgerAsync(db, stockage, SqlRacines, new { limite = PurgeParLots.DebutRentree(maintenant, 1).ToUniversalTime() },
            async lot =>
            {
                await lot.SupprimerAsync("DELETE FROM communication.consentement_reponse WHERE consentement_id = ANY(@ids)");
                await lot.SupprimerAsync("DELETE FROM communication.consentement_famille WHERE consentement_id = ANY(@ids)");
                await lot.SupprimerAvecFichiersAsync(
                    "DELETE FROM communication.consentement_piece_jointe WHERE consentement_id = ANY(@ids) RETURNING nom_stockage");
                await lot.SupprimerAsync("DELETE FROM communication.consentement WHERE id = ANY(@ids)");
            }, ct);
}
