using Dapper;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.Equipes;

/// <summary>Enrolments and teaching services of one établissement, in bulk (see <see cref="IAffectations"/>).</summary>
internal sealed class AffectationsLecture(NpgsqlDataSource db, TimeProvider clock) : IAffectations
{
    private const string ElevesSql = """
        SELECT i.eleve_id, i.classe_id AS division_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee
        UNION ALL
        SELECT i.eleve_id, i.groupe_id FROM scolarite.inscription_groupe i JOIN scolarite.groupe g ON g.id = i.groupe_id
        WHERE g.etablissement_id = @etablissementId AND g.annee_scolaire = @annee
        """;

    public async Task<IReadOnlyList<Affectation>> ElevesAsync(Guid etablissementId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Affectation>(new CommandDefinition(ElevesSql,
            new { etablissementId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }

    // The subject's national code comes from the établissement's subjects (matiere), where it was given.
    private const string EnseignementsSql = """
        SELECT s.enseignant_id, coalesce(s.classe_id, s.groupe_id) AS division_id, s.matiere_code,
               coalesce(m.libelle, s.matiere_libelle) AS matiere_libelle, m.code_national AS matiere_code_national
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = @etablissementId AND m.code = s.matiere_code
        WHERE (c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee)
           OR (g.etablissement_id = @etablissementId AND g.annee_scolaire = @annee)
        """;

    public async Task<IReadOnlyList<EnseignementDivision>> EnseignementsAsync(Guid etablissementId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<EnseignementDivision>(new CommandDefinition(EnseignementsSql,
            new { etablissementId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct))).AsList();
    }
}
