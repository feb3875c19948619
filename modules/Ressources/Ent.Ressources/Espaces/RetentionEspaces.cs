using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Evenements;
using Ent.Kernel.Rgpd;
using Npgsql;

namespace Ent.Ressources.Espaces;

/// <summary>
/// The class workspace lives with its class, which is one school year's: pupils' work handed in (« dépôts » and their
/// « rendus ») is kept for the school year of its deadline, deleted at the next rentrée; the teachers' documents for the
/// year and the next (a teacher may take them up again), deleted at the rentrée after — a file once its last version is
/// that old, with every version, then the folders left empty. Rows first, files after; batched, idempotent.
/// </summary>
internal sealed class PurgeEspacesClasse(NpgsqlDataSource db, StockageEspaces fichiers) : IPurgeRetention
{
    public string Nom => "ressources.espace_classe";

    public string Duree => "travaux rendus : l'année scolaire de leur date limite ; documents des enseignants : l'année et la suivante";

    public async Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct)
    {
        var total = 0;
        total += await SupprimerAvecFichiersAsync("""
            WITH d AS (SELECT id FROM ressources.espace_depot WHERE date_limite < @rentree LIMIT 100),
                 r AS (DELETE FROM ressources.espace_rendu WHERE depot_id IN (SELECT id FROM d) RETURNING nom_stockage),
                 x AS (DELETE FROM ressources.espace_depot WHERE id IN (SELECT id FROM d) RETURNING id)
            SELECT nom_stockage FROM r UNION ALL SELECT NULL FROM x
            """, new { rentree = PurgeParLots.DebutRentree(maintenant, 0) }, ct);
        total += await SupprimerAvecFichiersAsync("""
            WITH f AS (SELECT f.id FROM ressources.espace_fichier f
                       WHERE NOT EXISTS (SELECT 1 FROM ressources.espace_fichier_version v WHERE v.fichier_id = f.id AND v.depose_le >= @limite)
                         AND f.cree_le < @limite
                       LIMIT 100),
                 v AS (DELETE FROM ressources.espace_fichier_version WHERE fichier_id IN (SELECT id FROM f) RETURNING nom_stockage),
                 x AS (DELETE FROM ressources.espace_fichier WHERE id IN (SELECT id FROM f) RETURNING id)
            SELECT nom_stockage FROM v UNION ALL SELECT NULL FROM x
            """, new { limite = PurgeParLots.DebutRentree(maintenant, 1) }, ct);
        // Empty folders of those years, leaves first, until none is left.
        while (true)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            var n = await conn.ExecuteAsync(new CommandDefinition("""
                DELETE FROM ressources.espace_dossier d
                WHERE d.cree_le < @limite
                  AND NOT EXISTS (SELECT 1 FROM ressources.espace_fichier f WHERE f.dossier_id = d.id)
                  AND NOT EXISTS (SELECT 1 FROM ressources.espace_dossier e WHERE e.parent_id = d.id)
                """, new { limite = PurgeParLots.DebutRentree(maintenant, 1) }, cancellationToken: ct));
            total += n;
            if (n == 0)
            {
                return total;
            }
        }
    }

    // Runs a batch statement returning the deleted files' names (null for a row without a file) until it returns none.
    private async Task<int> SupprimerAvecFichiersAsync(string sql, object parametres, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            List<string?> noms;
            await using (var conn = await db.OpenConnectionAsync(ct))
            {
                noms = (await conn.QueryAsync<string?>(new CommandDefinition(sql, parametres, cancellationToken: ct))).AsList();
            }

            foreach (var nom in noms.OfType<string>())
            {
                fichiers.Supprimer(nom);
            }

            total += noms.Count;
            if (noms.Count == 0)
            {
                return total;
            }
        }
    }
}

/// <summary>A person erased: their GAR pseudonym goes with them (the GAR then knows them no more).</summary>
internal sealed class EffacementPersonneRessources : IGestionnaireEvenement<PersonneEffacee>
{
    public Task TraiterAsync(PersonneEffacee evenement, NpgsqlConnection connexion, NpgsqlTransaction transaction, CancellationToken ct) =>
        connexion.ExecuteAsync(new CommandDefinition("DELETE FROM ressources.gar_identifiant WHERE personne_id = @PersonneId",
            evenement, transaction, cancellationToken: ct));
}
