using Dapper;
using Npgsql;

namespace Ent.Scolarite.Enseignement;

/// <summary>
/// A teaching service seen by its teacher: only the teacher of the service reads or writes its assessments, grades and
/// appraisals. Anyone else (another teacher, even of the same class) gets nothing, and the endpoint answers 404.
/// </summary>
/// <param name="Id">The service.</param>
/// <param name="EtablissementId">Its établissement.</param>
/// <param name="AnneeScolaire">Its school year.</param>
/// <param name="MatiereCode">Subject code.</param>
/// <param name="Matiere">Subject name.</param>
/// <param name="ClasseId">The class taught, or null for a group.</param>
/// <param name="GroupeId">The group taught, or null for a class.</param>
/// <param name="Libelle">The class's or group's name.</param>
/// <param name="Coefficient">The subject's weight in the general average.</param>
internal sealed record ServiceEnseignant(
    Guid Id, Guid EtablissementId, string AnneeScolaire, string MatiereCode, string Matiere, Guid? ClasseId, Guid? GroupeId, string Libelle,
    decimal Coefficient)
{
    private const string Sql = """
        SELECT s.id, coalesce(c.etablissement_id, g.etablissement_id) AS etablissement_id,
               coalesce(c.annee_scolaire, g.annee_scolaire) AS annee_scolaire,
               s.matiere_code, coalesce(m.libelle, s.matiere_libelle) AS matiere,
               s.classe_id, s.groupe_id, coalesce(c.libelle, g.libelle) AS libelle, s.coefficient
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = coalesce(c.etablissement_id, g.etablissement_id) AND m.code = s.matiere_code
        WHERE s.id = @serviceId AND s.enseignant_id = @enseignantId
        """;

    /// <summary>The service if the person teaches it, else null.</summary>
    public static Task<ServiceEnseignant?> DuEnseignantAsync(NpgsqlConnection conn, Guid serviceId, Guid enseignantId, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<ServiceEnseignant>(new CommandDefinition(Sql, new { serviceId, enseignantId }, cancellationToken: ct));

    private const string ElevesSql = """
        SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @ClasseId
        UNION
        SELECT eleve_id FROM scolarite.inscription_groupe WHERE groupe_id = @GroupeId
        """;

    /// <summary>The pupils the service teaches: its class's or its group's.</summary>
    public async Task<IReadOnlyList<Guid>> ElevesAsync(NpgsqlConnection conn, CancellationToken ct, NpgsqlTransaction? tx = null) =>
        (await conn.QueryAsync<Guid>(new CommandDefinition(ElevesSql, new { ClasseId, GroupeId }, tx, cancellationToken: ct))).AsList();

    private const string EvaluationSql = """
        SELECT e.service_id FROM scolarite.evaluation e
        JOIN scolarite.service_enseignement s ON s.id = e.service_id
        WHERE e.id = @evaluationId AND s.enseignant_id = @enseignantId
        """;

    /// <summary>The service of an assessment, if the person teaches it, else null.</summary>
    public static async Task<ServiceEnseignant?> DeLEvaluationAsync(NpgsqlConnection conn, Guid evaluationId, Guid enseignantId, CancellationToken ct)
    {
        var serviceId = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(EvaluationSql, new { evaluationId, enseignantId }, cancellationToken: ct));
        return serviceId is { } id ? await DuEnseignantAsync(conn, id, enseignantId, ct) : null;
    }
}
