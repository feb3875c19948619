using Dapper;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.Equipes;

/// <summary>Teaching links in bulk, for other modules (see <see cref="IRelationsPedagogiques"/>).</summary>
internal sealed class RelationsPedagogiques(NpgsqlDataSource db, TimeProvider clock) : IRelationsPedagogiques
{
    private const string EnseignantsSql = """
        SELECT i.eleve_id, s.enseignant_id, false AS principal, coalesce(m.libelle, s.matiere_libelle) AS matiere
        FROM scolarite.inscription_classe i
        JOIN scolarite.classe c ON c.id = i.classe_id AND c.annee_scolaire = @annee
        JOIN scolarite.service_enseignement s ON s.classe_id = c.id
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = c.etablissement_id AND m.code = s.matiere_code
        WHERE i.eleve_id = ANY(@ids)
        UNION ALL
        SELECT i.eleve_id, s.enseignant_id, false, coalesce(m.libelle, s.matiere_libelle)
        FROM scolarite.inscription_groupe i
        JOIN scolarite.groupe g ON g.id = i.groupe_id AND g.annee_scolaire = @annee
        JOIN scolarite.service_enseignement s ON s.groupe_id = g.id
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = g.etablissement_id AND m.code = s.matiere_code
        WHERE i.eleve_id = ANY(@ids)
        UNION ALL
        SELECT i.eleve_id, pp.enseignant_id, true, NULL
        FROM scolarite.inscription_classe i
        JOIN scolarite.classe c ON c.id = i.classe_id AND c.annee_scolaire = @annee
        JOIN scolarite.professeur_principal pp ON pp.classe_id = c.id
        WHERE i.eleve_id = ANY(@ids)
        """;

    public async Task<IReadOnlyList<EnseignantEleve>> EnseignantsDesElevesAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct)
    {
        if (eleveIds.Count == 0)
        {
            return [];
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.QueryAsync<(Guid EleveId, Guid EnseignantId, bool Principal, string? Matiere)>(new CommandDefinition(EnseignantsSql,
            new { ids = eleveIds.ToArray(), annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct));
        return lignes.GroupBy(l => (l.EleveId, l.EnseignantId))
            .Select(g => new EnseignantEleve(g.Key.EleveId, g.Key.EnseignantId, g.Any(l => l.Principal),
                [.. g.Where(l => l.Matiere is not null).Select(l => l.Matiere!).Distinct().Order(StringComparer.Ordinal)]))
            .ToList();
    }

    private const string ElevesSql = """
        SELECT i.eleve_id, c.id AS division_id, c.libelle AS division
        FROM scolarite.service_enseignement s
        JOIN scolarite.classe c ON c.id = s.classe_id AND c.annee_scolaire = @annee
        JOIN scolarite.inscription_classe i ON i.classe_id = c.id
        WHERE s.enseignant_id = @enseignantId
        UNION
        SELECT i.eleve_id, g.id, g.libelle
        FROM scolarite.service_enseignement s
        JOIN scolarite.groupe g ON g.id = s.groupe_id AND g.annee_scolaire = @annee
        JOIN scolarite.inscription_groupe i ON i.groupe_id = g.id
        WHERE s.enseignant_id = @enseignantId
        UNION
        SELECT i.eleve_id, c.id, c.libelle
        FROM scolarite.professeur_principal pp
        JOIN scolarite.classe c ON c.id = pp.classe_id AND c.annee_scolaire = @annee
        JOIN scolarite.inscription_classe i ON i.classe_id = c.id
        WHERE pp.enseignant_id = @enseignantId
        """;

    public async Task<IReadOnlyList<EleveDivision>> ElevesDeLEnseignantAsync(Guid enseignantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<EleveDivision>(new CommandDefinition(ElevesSql,
            new { enseignantId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }

    private const string CamaradesSql = """
        SELECT DISTINCT autre.eleve_id, c.id AS division_id, c.libelle AS division
        FROM scolarite.inscription_classe i
        JOIN scolarite.classe c ON c.id = i.classe_id AND c.annee_scolaire = @annee
        JOIN scolarite.inscription_classe autre ON autre.classe_id = c.id
        WHERE i.eleve_id = ANY(@ids)
        """;

    public async Task<IReadOnlyList<EleveDivision>> CamaradesDeClasseAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct)
    {
        if (eleveIds.Count == 0)
        {
            return [];
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<EleveDivision>(new CommandDefinition(CamaradesSql,
            new { ids = eleveIds.ToArray(), annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }
}
