using Dapper;
using Ent.Kernel.Http;
using Ent.Scolarite.Enseignement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Evaluations;

/// <summary>DELETE /api/scolarite/evaluations/{evaluationId} — the teacher deletes an assessment and its grades.</summary>
internal static class SupprimerEvaluationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/evaluations/{evaluationId:guid}", Handle)
        .WithName("SupprimerEvaluation")
        .WithSummary("Supprime une de mes évaluations et ses notes.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid evaluationId, ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await ServiceEnseignant.DeLEvaluationAsync(conn, evaluationId, personneId, ct) is null)
        {
            return Problemes.Introuvable("Aucune de vos évaluations ne correspond à cette adresse.");
        }

        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM scolarite.evaluation WHERE id = @evaluationId", new { evaluationId }, cancellationToken: ct));
        return TypedResults.NoContent();
    }
}
