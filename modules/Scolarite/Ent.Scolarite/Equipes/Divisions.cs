using Dapper;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.Equipes;

/// <summary>Classes and groups of the current school year for other modules (see <see cref="IDivisions"/>).</summary>
internal sealed class Divisions(NpgsqlDataSource db, TimeProvider clock) : IDivisions
{
    private const string EtablissementSql = """
        SELECT id, etablissement_id, 'classe' AS nature, code, libelle FROM scolarite.classe
        WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
        UNION ALL
        SELECT id, etablissement_id, 'groupe', code, libelle FROM scolarite.groupe
        WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
        ORDER BY nature, code
        """;

    public async Task<IReadOnlyList<DivisionInfo>> DeLEtablissementAsync(Guid etablissementId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<DivisionInfo>(new CommandDefinition(EtablissementSql,
            new { etablissementId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }

    private const string ElevesSql = """
        SELECT i.eleve_id, i.classe_id AS division_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE i.eleve_id = ANY(@ids) AND c.annee_scolaire = @annee
        UNION ALL
        SELECT i.eleve_id, i.groupe_id FROM scolarite.inscription_groupe i JOIN scolarite.groupe g ON g.id = i.groupe_id
        WHERE i.eleve_id = ANY(@ids) AND g.annee_scolaire = @annee
        """;

    public async Task<IReadOnlyList<DivisionEleve>> DesElevesAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct)
    {
        if (eleveIds.Count == 0)
        {
            return [];
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<DivisionEleve>(new CommandDefinition(ElevesSql,
            new { ids = eleveIds.ToArray(), annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }

    private const string EnseignantSql = """
        SELECT c.id, c.etablissement_id, 'classe' AS nature, c.code, c.libelle FROM scolarite.classe c
        WHERE c.annee_scolaire = @annee
          AND (EXISTS (SELECT 1 FROM scolarite.service_enseignement s WHERE s.classe_id = c.id AND s.enseignant_id = @enseignantId)
               OR EXISTS (SELECT 1 FROM scolarite.professeur_principal p WHERE p.classe_id = c.id AND p.enseignant_id = @enseignantId))
        UNION ALL
        SELECT g.id, g.etablissement_id, 'groupe', g.code, g.libelle FROM scolarite.groupe g
        WHERE g.annee_scolaire = @annee
          AND EXISTS (SELECT 1 FROM scolarite.service_enseignement s WHERE s.groupe_id = g.id AND s.enseignant_id = @enseignantId)
        ORDER BY nature, code
        """;

    public async Task<IReadOnlyList<DivisionInfo>> DeLEnseignantAsync(Guid enseignantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<DivisionInfo>(new CommandDefinition(EnseignantSql,
            new { enseignantId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }
}
