using Ent.Communication.Rgpd;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// A calendar event is kept the school year it ended (its last day, Paris) and the next one, then goes with its files
/// (rows, then files). Batched, idempotent.
/// </summary>
internal sealed class PurgeEvenements(NpgsqlDataSource db, StockagePiecesJointesAgenda stockage) : IPurgeRetention
{
    public string Nom => "communication.evenement";

    public string Duree => "l'année scolaire de son dernier jour et la suivante";

    // jour_fin is a Paris date: compared with the previous rentrée's date, not an instant.
    private const string SqlRacines = """
        SELECT id FROM communication.evenement WHERE jour_fin < @rentree ORDER BY jour_fin LIMIT 1000 FOR UPDATE SKIP LOCKED
        """;

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParRacines.PurgerAsync(db, stockage, SqlRacines,
            new { rentree = PurgeParLots.Rentree(maintenant, 1).ToDateTime(TimeOnly.MinValue) },
            async lot =>
            {
                await lot.SupprimerAvecFichiersAsync(
                    "DELETE FROM communication.evenement_piece_jointe WHERE evenement_id = ANY(@ids) RETURNING nom_stockage");
                await lot.SupprimerAsync("DELETE FROM communication.evenement WHERE id = ANY(@ids)");
            }, ct);
}
