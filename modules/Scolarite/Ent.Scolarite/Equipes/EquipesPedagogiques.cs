using Dapper;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.Equipes;

/// <summary>The teaching teams' read side for other modules (see <see cref="IEquipesPedagogiques"/>).</summary>
internal sealed class EquipesPedagogiques(NpgsqlDataSource db, TimeProvider clock) : IEquipesPedagogiques
{
    // Asked on every read of a pupil's data by a teacher: starts from the teacher's services (index), then the
    // enrolment primary keys. Groups and classes carry the school year; services belong to one of them.
    private const string EnseigneASql = """
        SELECT EXISTS (
            SELECT 1
            FROM scolarite.service_enseignement s
            JOIN scolarite.classe c ON c.id = s.classe_id
            JOIN scolarite.inscription_classe i ON i.classe_id = c.id
            WHERE s.enseignant_id = @enseignantId AND i.eleve_id = @eleveId AND c.annee_scolaire = @annee
            UNION ALL
            SELECT 1
            FROM scolarite.service_enseignement s
            JOIN scolarite.groupe g ON g.id = s.groupe_id
            JOIN scolarite.inscription_groupe i ON i.groupe_id = g.id
            WHERE s.enseignant_id = @enseignantId AND i.eleve_id = @eleveId AND g.annee_scolaire = @annee
            UNION ALL
            SELECT 1
            FROM scolarite.professeur_principal pp
            JOIN scolarite.classe c ON c.id = pp.classe_id
            JOIN scolarite.inscription_classe i ON i.classe_id = c.id
            WHERE pp.enseignant_id = @enseignantId AND i.eleve_id = @eleveId AND c.annee_scolaire = @annee
        )
        """;

    public async Task<bool> EnseigneAAsync(Guid enseignantId, Guid eleveId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(EnseigneASql,
            new { enseignantId, eleveId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct));
    }

    private const string MatieresSql = """
        SELECT DISTINCT s.enseignant_id, coalesce(m.libelle, s.matiere_libelle) AS matiere
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = coalesce(c.etablissement_id, g.etablissement_id) AND m.code = s.matiere_code
        WHERE s.enseignant_id = ANY(@enseignantIds) AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
          AND (EXISTS (SELECT 1 FROM scolarite.inscription_classe i WHERE i.classe_id = s.classe_id AND i.eleve_id = @eleveId)
               OR EXISTS (SELECT 1 FROM scolarite.inscription_groupe i WHERE i.groupe_id = s.groupe_id AND i.eleve_id = @eleveId))
        ORDER BY matiere
        """;

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> MatieresEnseigneesAsync(
        Guid eleveId, IReadOnlyCollection<Guid> enseignantIds, CancellationToken ct)
    {
        if (enseignantIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<string>>();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.QueryAsync<(Guid EnseignantId, string Matiere)>(new CommandDefinition(MatieresSql,
            new { eleveId, enseignantIds = enseignantIds.ToArray(), annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct));
        return lignes.GroupBy(l => l.EnseignantId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(l => l.Matiere)]);
    }
}
