using Dapper;
using Ent.Identite.Contracts;
using Npgsql;

namespace Ent.Identite.Annuaire;

/// <summary>Profiles and functions, for other modules (see <see cref="IRattachements"/>).</summary>
internal sealed class Rattachements(NpgsqlDataSource db) : IRattachements
{
    private const string ProfilsSql = """
        SELECT r.etablissement_id, r.profil, r.fonction
        FROM identite.rattachement r
        WHERE r.personne_id = @personneId AND r.retire_le IS NULL
        ORDER BY r.etablissement_id, r.profil
        """;

    public async Task<IReadOnlyList<ProfilActif>> ProfilsAsync(Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ProfilActif>(new CommandDefinition(ProfilsSql, new { personneId }, cancellationToken: ct))).AsList();
    }

    // An account that is blocked or deactivated cannot read an answer: it is nobody's recipient.
    private const string PersonnesSql = """
        SELECT p.id, p.nom, p.prenom, r.profil, r.fonction
        FROM identite.rattachement r
        JOIN identite.personne p ON p.id = r.personne_id
        JOIN identite.compte c ON c.personne_id = p.id AND c.etat = 'actif'
        WHERE r.etablissement_id = @etablissementId AND r.profil = ANY(@profils) AND r.retire_le IS NULL
        ORDER BY p.nom, p.prenom, p.id
        """;

    public async Task<IReadOnlyList<PersonneRattachee>> PersonnesAsync(Guid etablissementId, IReadOnlyCollection<string> profils, CancellationToken ct)
    {
        if (profils.Count == 0)
        {
            return [];
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<PersonneRattachee>(new CommandDefinition(PersonnesSql,
            new { etablissementId, profils = profils.ToArray() }, cancellationToken: ct))).AsList();
    }

    public async Task<bool> EstAdministrateurRegionAsync(Guid personneId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM identite.administrateur_region WHERE personne_id = @personneId)", new { personneId }, cancellationToken: ct));
    }
}
