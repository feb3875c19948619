using Dapper;
using Ent.Kernel.Documents;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Communication.Rgpd;

/// <summary>
/// What the Communication purges whose rows hang together share: each batch picks up to <see cref="PurgeParLots.Lot"/>
/// root rows (a conversation, an announcement, a report…) and deletes them with everything hanging from them in one
/// transaction; the files of the attachments it deleted go after the commit (a file deleted before its row could be
/// named by a download in between; a row deleted before its file leaves at worst an orphan file nothing names, and a
/// missing file is no error). Batches repeat until one finds fewer roots than a batch.
/// Limits are passed in UTC (<c>DebutRentree(…).ToUniversalTime()</c>): Npgsql writes a timestamptz only from offset 0.
/// </summary>
internal static class PurgeParRacines
{
    // sqlRacines selects the ids (uuid) of the roots due, « LIMIT 1000 FOR UPDATE SKIP LOCKED » (a root being changed
    // right now is looked at again next time), with parametres; supprimer deletes the batch's roots (« @ids ») and
    // their children; stockage (null: no files) holds the files the deletes return.
    public static async Task<int> PurgerAsync(NpgsqlDataSource db, StockageDocuments? stockage, string sqlRacines, object parametres,
        Func<Lot, Task> supprimer, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            Lot lot;
            await using (var conn = await db.OpenConnectionAsync(ct))
            await using (var tx = await conn.BeginTransactionAsync(ct))
            {
                var ids = (await conn.QueryAsync<Guid>(new CommandDefinition(sqlRacines, parametres, tx, cancellationToken: ct))).ToArray();
                if (ids.Length == 0)
                {
                    return total;
                }

                lot = new Lot(conn, tx, ids, ct);
                await supprimer(lot);
                await tx.CommitAsync(ct);
            }

            foreach (var nom in lot.Fichiers)
            {
                stockage?.Supprimer(nom);
            }

            total += lot.Lignes;
            if (lot.Ids.Length < PurgeParLots.Lot)
            {
                return total;
            }
        }
    }

    /// <summary>One batch: its roots, the rows deleted so far and the stored files to delete after the commit.</summary>
    internal sealed class Lot(NpgsqlConnection conn, NpgsqlTransaction tx, Guid[] ids, CancellationToken ct)
    {
        private readonly DynamicParameters parametres = new(new { ids });

        public Guid[] Ids => ids;

        public int Lignes { get; private set; }

        public List<string> Fichiers { get; } = [];

        /// <summary>Adds a parameter the following statements may use (e.g. the attachments found before their links go).</summary>
        public void Parametre(string nom, object valeur) => parametres.Add(nom, valeur);

        /// <summary>Runs a query returning ids (what must be known before a delete hides it).</summary>
        public async Task<Guid[]> IdsAsync(string sql) =>
            (await conn.QueryAsync<Guid>(new CommandDefinition(sql, parametres, tx, cancellationToken: ct))).ToArray();

        public async Task SupprimerAsync(string sql) =>
            Lignes += await conn.ExecuteAsync(new CommandDefinition(sql, parametres, tx, cancellationToken: ct));

        /// <summary>Runs a delete « RETURNING nom_stockage »: its files go after the commit.</summary>
        public async Task SupprimerAvecFichiersAsync(string sql)
        {
            var noms = (await conn.QueryAsync<string>(new CommandDefinition(sql, parametres, tx, cancellationToken: ct))).AsList();
            Fichiers.AddRange(noms);
            Lignes += noms.Count;
        }
    }
}
