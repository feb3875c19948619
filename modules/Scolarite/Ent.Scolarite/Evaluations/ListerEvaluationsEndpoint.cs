using Ent.Kernel.Http;
using Ent.Scolarite.Enseignement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Evaluations;

/// <summary>
/// GET /api/scolarite/services/{serviceId}/evaluations — the assessments of one of the caller's teaching services,
/// newest first, with how many results are entered and the class figures. Only the service's teacher: others get 404.
/// </summary>
internal static class ListerEvaluationsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/services/{serviceId:guid}/evaluations", Handle)
        .WithName("ListerEvaluations")
        .WithSummary("Liste les évaluations d'un de mes services d'enseignement (d'une période, ou de l'année), les plus récentes d'abord.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<Evaluation[]>, ProblemHttpResult>> Handle(
        Guid serviceId, Guid? periodeId, ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
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

        return TypedResults.Ok((await Evaluation.ListerAsync(conn, service, periodeId, null, ct)).ToArray());
    }
}
