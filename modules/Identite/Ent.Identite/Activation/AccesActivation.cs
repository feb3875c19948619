using Dapper;
using Npgsql;

namespace Ent.Identite.Activation;

/// <summary>Who may hand out activation codes, and for whom.</summary>
internal static class AccesActivation
{
    /// <summary>Whether the person holds one of these functions among the établissement's staff.</summary>
    public static async Task<bool> ExerceAsync(NpgsqlDataSource db, Guid personneId, Guid etablissementId, string[] fonctions, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (
                SELECT 1 FROM identite.rattachement
                WHERE personne_id = @personneId AND etablissement_id = @etablissementId AND profil = 'personnel'
                  AND fonction = ANY(@fonctions) AND retire_le IS NULL)
            """, new { personneId, etablissementId, fonctions }, cancellationToken: ct));
    }

    /// <summary>
    /// The établissements where <paramref name="administrateur"/> holds one of <paramref name="fonctions"/> and
    /// <paramref name="personneId"/> belongs: by a profile of their own, or as the guardian of a pupil enrolled there.
    /// Empty when the administrator has no say on this person.
    /// </summary>
    public static async Task<Guid[]> EtablissementsCommunsAsync(NpgsqlDataSource db, Guid administrateur, Guid personneId, string[] fonctions,
        CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return [.. await conn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT DISTINCT a.etablissement_id
            FROM identite.rattachement a
            WHERE a.personne_id = @administrateur AND a.profil = 'personnel' AND a.fonction = ANY(@fonctions) AND a.retire_le IS NULL
              AND (EXISTS (SELECT 1 FROM identite.rattachement r
                           WHERE r.personne_id = @personneId AND r.etablissement_id = a.etablissement_id)
                   OR EXISTS (SELECT 1 FROM identite.lien_responsable l
                              JOIN identite.rattachement r ON r.personne_id = l.eleve_id AND r.profil = 'eleve'
                              WHERE l.responsable_id = @personneId AND r.etablissement_id = a.etablissement_id))
            ORDER BY a.etablissement_id
            """, new { administrateur, personneId, fonctions }, cancellationToken: ct))];
    }
}
