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
/// PUT /api/scolarite/evaluations/{evaluationId} — the teacher changes an assessment (all its fields). A scale lowered
/// below a mark already entered is refused, naming the highest mark: the teacher corrects the marks first.
/// </summary>
internal static class ModifierEvaluationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/evaluations/{evaluationId:guid}", Handle)
        .WithName("ModifierEvaluation")
        .WithSummary("Modifie une de mes évaluations (date, titre, barème, coefficient, mode, publication).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        UPDATE scolarite.evaluation
        SET periode_id = @periodeId, date = @date, titre = @titre, bareme = @bareme, coefficient = @coefficient, mode = @mode,
            compte_dans_moyenne = @compteDansMoyenne, publication = @publication
        WHERE id = @id
        """;

    private static async Task<Results<Ok<Evaluation>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid evaluationId, DonneesEvaluation donnees, ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await ServiceEnseignant.DeLEvaluationAsync(conn, evaluationId, personneId, ct) is not { } service)
        {
            return Problemes.Introuvable("Aucune de vos évaluations ne correspond à cette adresse.");
        }

        var (erreurs, periode) = donnees.Valider(await Periode.ListerAsync(conn, service.EtablissementId, service.AnneeScolaire, ct));
        var plusHaute = await conn.ExecuteScalarAsync<decimal?>(new CommandDefinition(
            "SELECT max(valeur) FROM scolarite.note WHERE evaluation_id = @evaluationId", new { evaluationId }, cancellationToken: ct));
        if (plusHaute > (donnees.Bareme ?? 20m))
        {
            erreurs.Add("bareme", $"Une note déjà saisie ({plusHaute:0.##}) dépasse ce barème : corrigez-la d'abord.");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        await conn.ExecuteAsync(new CommandDefinition(Sql, donnees.Parametres(evaluationId, service.Id, periode!.Id, personneId), cancellationToken: ct));
        return TypedResults.Ok((await Evaluation.ListerAsync(conn, service, null, evaluationId, ct))[0]);
    }
}
