using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Enseignement;

/// <summary>
/// GET /api/scolarite/me/enseignement — what the calling teacher teaches this school year (their classes and groups,
/// subject by subject) and the classes they are head teacher of: the teacher's starting point for grades.
/// </summary>
internal static class ObtenirMonEnseignementEndpoint
{
    /// <summary>A teaching service of the caller.</summary>
    /// <param name="Id">The service.</param>
    /// <param name="MatiereCode">Subject code.</param>
    /// <param name="Matiere">Subject name.</param>
    /// <param name="ClasseId">The class taught, or null for a group.</param>
    /// <param name="GroupeId">The group taught, or null for a class.</param>
    /// <param name="Code">The class's or group's code, e.g. 2NDE1.</param>
    /// <param name="Libelle">The class's or group's name.</param>
    /// <param name="Coefficient">The subject's weight in the general average.</param>
    /// <param name="Effectif">Number of pupils taught.</param>
    /// <param name="Evaluations">Number of assessments this school year.</param>
    internal sealed record MonService(
        Guid Id, string MatiereCode, string Matiere, Guid? ClasseId, Guid? GroupeId, string Code, string Libelle, decimal Coefficient, int Effectif,
        int Evaluations);

    /// <summary>A class the caller is head teacher (professeur principal) of.</summary>
    internal sealed record ClassePrincipale(Guid Id, string Code, string Libelle, int Effectif);

    /// <summary>The caller's teaching this school year.</summary>
    internal sealed record MonEnseignement(MonService[] Services, ClassePrincipale[] ClassesPrincipales);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/enseignement", Handle)
        .WithName("ObtenirMonEnseignement")
        .WithSummary("Mes services d'enseignement de l'année (classes et groupes par matière) et les classes dont je suis professeur principal.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT s.id, s.matiere_code, coalesce(m.libelle, s.matiere_libelle) AS matiere, s.classe_id, s.groupe_id,
               coalesce(c.code, g.code) AS code, coalesce(c.libelle, g.libelle) AS libelle, s.coefficient,
               (SELECT count(*) FROM scolarite.inscription_classe i WHERE i.classe_id = s.classe_id)::int
                 + (SELECT count(*) FROM scolarite.inscription_groupe i WHERE i.groupe_id = s.groupe_id)::int AS effectif,
               (SELECT count(*) FROM scolarite.evaluation e WHERE e.service_id = s.id)::int AS evaluations
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = coalesce(c.etablissement_id, g.etablissement_id) AND m.code = s.matiere_code
        WHERE s.enseignant_id = @personneId AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
        ORDER BY code, matiere;

        SELECT c.id, c.code, c.libelle, (SELECT count(*) FROM scolarite.inscription_classe i WHERE i.classe_id = c.id)::int AS effectif
        FROM scolarite.professeur_principal pp
        JOIN scolarite.classe c ON c.id = pp.classe_id
        WHERE pp.enseignant_id = @personneId AND c.annee_scolaire = @annee
        ORDER BY c.code;
        """;

    private static async Task<Results<Ok<MonEnseignement>, ProblemHttpResult>> Handle(
        ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
            new { personneId, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct));
        var services = (await lecture.ReadAsync<MonService>()).ToArray();
        var classes = (await lecture.ReadAsync<ClassePrincipale>()).ToArray();
        return TypedResults.Ok(new MonEnseignement(services, classes));
    }
}
