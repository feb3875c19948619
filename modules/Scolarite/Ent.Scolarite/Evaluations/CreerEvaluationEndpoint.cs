using Dapper;
using Ent.Kernel.Http;
using Ent.Scolarite.Enseignement;
using Ent.Scolarite.Periodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Evaluations;

/// <summary>
/// POST /api/scolarite/services/{serviceId}/evaluations — the service's teacher creates an assessment; its date decides
/// its period. Grades are entered next, for the whole class at once (SaisirNotes).
/// </summary>
internal static class CreerEvaluationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/services/{serviceId:guid}/evaluations", Handle)
        .WithName("CreerEvaluation")
        .WithSummary("Crée une évaluation dans un de mes services d'enseignement.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, coefficient, mode, compte_dans_moyenne, publication, cree_par)
        VALUES (@id, @serviceId, @periodeId, @date, @titre, @bareme, @coefficient, @mode, @compteDansMoyenne, @publication, @auteurId)
        """;

    private static async Task<Results<Created<Evaluation>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid serviceId, DonneesEvaluation donnees, ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await ServiceEnseignant.DuEnseignantAsync(conn, serviceId, personneId, ct) is not { } service)
        {
            return Problemes.Introuvable("Aucun de vos services d'enseignement ne correspond à cette adresse.");
        }

        var (erreurs, periode) = donnees.Valider(await Periode.ListerAsync(conn, service.EtablissementId, service.AnneeScolaire, ct));
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition(Sql, donnees.Parametres(id, serviceId, periode!.Id, personneId), cancellationToken: ct));
        var evaluation = (await Evaluation.ListerAsync(conn, service, null, id, ct))[0];
        return TypedResults.Created($"/api/scolarite/evaluations/{id}/notes", evaluation);
    }
}
