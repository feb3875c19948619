using Dapper;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.Equipes;

/// <summary>Classes, groups and their members for Communication's audiences (see <see cref="IDivisions"/>).</summary>
internal sealed class DivisionsLecture(NpgsqlDataSource db, TimeProvider clock) : IDivisions
{
    private const string EtablissementSql = """
        SELECT id, etablissement_id, 'classe' AS type, code, libelle FROM scolarite.classe
        WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
        UNION ALL
        SELECT id, etablissement_id, 'groupe', code, libelle FROM scolarite.groupe
        WHERE etablissement_id = @etablissementId AND annee_scolaire = @annee
        ORDER BY type, code
        """;

    public async Task<IReadOnlyList<DivisionInfo>> DeLEtablissementAsync(Guid etablissementId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<DivisionInfo>(new CommandDefinition(EtablissementSql,
            new { etablissementId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }

    private const string EnseignantSql = """
        SELECT c.id, c.etablissement_id, 'classe' AS type, c.code, c.libelle FROM scolarite.classe c
        WHERE c.annee_scolaire = @annee AND (
            EXISTS (SELECT 1 FROM scolarite.service_enseignement s WHERE s.classe_id = c.id AND s.enseignant_id = @enseignantId)
            OR EXISTS (SELECT 1 FROM scolarite.professeur_principal p WHERE p.classe_id = c.id AND p.enseignant_id = @enseignantId))
        UNION ALL
        SELECT g.id, g.etablissement_id, 'groupe', g.code, g.libelle FROM scolarite.groupe g
        WHERE g.annee_scolaire = @annee
          AND EXISTS (SELECT 1 FROM scolarite.service_enseignement s WHERE s.groupe_id = g.id AND s.enseignant_id = @enseignantId)
        ORDER BY type, code
        """;

    public async Task<IReadOnlyList<DivisionInfo>> DeLEnseignantAsync(Guid enseignantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<DivisionInfo>(new CommandDefinition(EnseignantSql,
            new { enseignantId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }

    // The pupils of the chosen classes and groups (all the établissement's classes when none is given), each with the
    // class of the year they are enrolled in (a group mixes classes: the follow-up of an announcement is per class).
    private const string ElevesSql = """
        WITH choisis AS (
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
            WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee AND (@tous OR c.id = ANY(@ids))
            UNION
            SELECT i.eleve_id FROM scolarite.inscription_groupe i JOIN scolarite.groupe g ON g.id = i.groupe_id
            WHERE g.etablissement_id = @etablissementId AND g.annee_scolaire = @annee AND NOT @tous AND g.id = ANY(@ids))
        SELECT ch.eleve_id,
               (SELECT c.code FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
                WHERE i.eleve_id = ch.eleve_id AND c.annee_scolaire = @annee ORDER BY c.code LIMIT 1) AS classe_code
        FROM choisis ch
        """;

    public async Task<IReadOnlyList<EleveAudience>> ElevesAsync(Guid etablissementId, IReadOnlyCollection<Guid>? divisionIds, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<EleveAudience>(new CommandDefinition(ElevesSql, new
        {
            etablissementId,
            annee = AnneeScolaire.Courante(clock),
            tous = divisionIds is null,
            ids = divisionIds?.ToArray() ?? [],
        }, cancellationToken: ct))).AsList();
    }

    private const string EnseignantsSql = """
        SELECT enseignant_id FROM scolarite.service_enseignement WHERE classe_id = ANY(@ids) OR groupe_id = ANY(@ids)
        UNION
        SELECT enseignant_id FROM scolarite.professeur_principal WHERE classe_id = ANY(@ids)
        """;

    public async Task<IReadOnlyList<Guid>> EnseignantsAsync(IReadOnlyCollection<Guid> divisionIds, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Guid>(new CommandDefinition(EnseignantsSql, new { ids = divisionIds.ToArray() }, cancellationToken: ct))).AsList();
    }

    private const string DivisionsElevesSql = """
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
        return (await conn.QueryAsync<DivisionEleve>(new CommandDefinition(DivisionsElevesSql,
            new { ids = eleveIds.ToArray(), annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }
}
