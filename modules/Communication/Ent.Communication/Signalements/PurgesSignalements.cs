using Ent.Communication.Conversations;
using Ent.Communication.Rgpd;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// A filed report goes a year after it was closed (its last change, the closing, more than a year ago), or three
/// years after its last change whatever its state (a report nobody touches any more), with its exchanges and its files
/// (rows, then files; they are in the messages' store). Batched, idempotent.
/// </summary>
internal sealed class PurgeDossiersSignalement(NpgsqlDataSource db, StockagePiecesJointesMessagerie stockage) : IPurgeRetention
{
    public string Nom => "communication.dossier_signalement";

    public string Duree => "1 an après la clôture ; 3 ans sans changement quel que soit l'état";

    // modifie_le moves with every answer and change of state: for a closed report, it is when it was closed.
    private const string SqlRacines = """
        SELECT id FROM communication.dossier_signalement
        WHERE (etat = 'clos' AND modifie_le < @limiteClos) OR modifie_le < @limiteInactif
        ORDER BY modifie_le LIMIT 1000 FOR UPDATE SKIP LOCKED
        """;

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParRacines.PurgerAsync(db, stockage, SqlRacines,
            new { limiteClos = maintenant.AddYears(-1), limiteInactif = maintenant.AddYears(-3) },
            async lot =>
            {
                await lot.SupprimerAsync("DELETE FROM communication.dossier_signalement_message WHERE dossier_id = ANY(@ids)");
                await lot.SupprimerAvecFichiersAsync(
                    "DELETE FROM communication.signalement_piece_jointe WHERE dossier_id = ANY(@ids) RETURNING nom_stockage");
                await lot.SupprimerAsync("DELETE FROM communication.dossier_signalement WHERE id = ANY(@ids)");
            }, ct);
}

/// <summary>
/// A report form withdrawn (inactive) goes once no filed report refers to it any more; one still offered stays.
/// Batched, idempotent.
/// </summary>
internal sealed class PurgeFormulairesSignalement(NpgsqlDataSource db) : IPurgeRetention
{
    public string Nom => "communication.formulaire_signalement";

    public string Duree => "tant qu'il est proposé, puis tant que des signalements s'y rattachent";

    public Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct) =>
        PurgeParLots.SupprimerAsync(db, """
            DELETE FROM communication.formulaire_signalement WHERE id IN (
                SELECT f.id FROM communication.formulaire_signalement f
                WHERE NOT f.actif AND NOT EXISTS (SELECT 1 FROM communication.dossier_signalement d WHERE d.formulaire_id = f.id)
                LIMIT 1000
                FOR UPDATE SKIP LOCKED)
            """, new { }, ct);
}
