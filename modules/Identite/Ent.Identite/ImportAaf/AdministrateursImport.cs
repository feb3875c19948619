using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Identite.ImportAaf;

/// <summary>
/// Who may import and read imports: a region administrator (every établissement), or an établissement's head or local
/// administrator (that établissement only). Nobody else — teachers, families, other staff — sees that imports exist.
/// </summary>
internal static class AdministrateursImport
{
    /// <summary>What the person administers: the whole region, or these établissements (empty: nothing).</summary>
    internal sealed record Perimetre(bool Region, IReadOnlyList<(Guid Id, string Uai)> Etablissements)
    {
        public bool Rien => !Region && Etablissements.Count == 0;
    }

    public static async Task<Perimetre> PerimetreAsync(NpgsqlDataSource db, Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var region = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM identite.administrateur_region WHERE personne_id = @personneId)", new { personneId }, cancellationToken: ct));
        var etablissements = (await conn.QueryAsync<(Guid, string)>(new CommandDefinition("""
            SELECT e.id, e.uai FROM identite.rattachement r JOIN identite.etablissement e ON e.id = r.etablissement_id
            WHERE r.personne_id = @personneId AND r.profil = 'personnel' AND r.fonction = ANY(@fonctions) AND r.retire_le IS NULL
            ORDER BY e.uai
            """, new { personneId, fonctions = new[] { Fonctions.Direction, Fonctions.AdministrateurLocal } }, cancellationToken: ct))).ToList();
        return new Perimetre(region, etablissements);
    }
}
