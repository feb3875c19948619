using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// Deletes the attachments uploaded and never sent — attached to no message and held by no draft (the message was
/// abandoned, the draft deleted) — <see cref="MessagerieOptions.PurgePiecesJointesHeures"/> after their upload: the row,
/// then the stored file. A file being attached by a sending at that moment is skipped (its row is locked by the
/// sending's foreign key check), and looked at again next time. The files uploaded for a report (« signalement ») and
/// never filed with one go the same way: they share the store, and a filing that races the purge finds fewer files
/// than it named and is refused whole.
/// </summary>
internal sealed class PurgePiecesJointesMessagerie(NpgsqlDataSource db, StockagePiecesJointesMessagerie stockage, IOptions<MessagerieOptions> options)
{
    private const string Sql = """
        WITH abandonnees AS (
            SELECT pj.id FROM communication.piece_jointe pj
            WHERE pj.depose_le < @limite
              AND NOT EXISTS (SELECT 1 FROM communication.message_piece_jointe mp WHERE mp.piece_jointe_id = pj.id)
              AND NOT EXISTS (SELECT 1 FROM communication.brouillon b WHERE pj.id = ANY(b.pieces_jointes))
            ORDER BY pj.depose_le
            LIMIT 500
            FOR UPDATE SKIP LOCKED)
        DELETE FROM communication.piece_jointe pj USING abandonnees a WHERE pj.id = a.id
        RETURNING pj.nom_stockage
        """;

    private const string SqlSignalements = """
        WITH abandonnees AS (
            SELECT pj.id FROM communication.signalement_piece_jointe pj
            WHERE pj.dossier_id IS NULL AND pj.depose_le < @limite
            ORDER BY pj.depose_le
            LIMIT 500
            FOR UPDATE SKIP LOCKED)
        DELETE FROM communication.signalement_piece_jointe pj USING abandonnees a WHERE pj.id = a.id
        RETURNING pj.nom_stockage
        """;

    /// <summary>Purges what is due at <paramref name="maintenant"/>; returns how many attachments went.</summary>
    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var limite = maintenant - TimeSpan.FromHours(options.Value.PurgePiecesJointesHeures);
        return await PurgerAsync(Sql, limite, ct) + await PurgerAsync(SqlSignalements, limite, ct);
    }

    private async Task<int> PurgerAsync(string sql, DateTimeOffset limite, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            List<string> noms;
            // The rows first: a file deleted before its row could be named by a download in between; a row deleted
            // before its file leaves at worst an orphan file that nothing names.
            await using (var conn = await db.OpenConnectionAsync(ct))
            {
                noms = (await conn.QueryAsync<string>(new CommandDefinition(sql, new { limite }, cancellationToken: ct))).AsList();
            }

            foreach (var nom in noms)
            {
                stockage.Supprimer(nom);
            }

            total += noms.Count;
            if (noms.Count < 500)
            {
                return total;
            }
        }
    }
}
