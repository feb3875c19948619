using Ent.Identite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Periodes;

/// <summary>
/// GET /api/scolarite/etablissements/{uai}/periodes — the trimesters or semesters of the current school year. Public:
/// the dates of a school's terms are not personal data.
/// </summary>
internal static class ListerPeriodesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/periodes", Handle)
        .WithName("ListerPeriodes")
        .AllowAnonymous()
        .WithSummary("Liste les périodes (trimestres ou semestres) de l'année scolaire en cours d'un établissement.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<PeriodeScolaire[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, IAnnuaire annuaire, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (etablissement, invalide, introuvable) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return introuvable!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await PeriodeScolaire.ListerAsync(conn, etablissement.Id, AnneeScolaire.Courante(clock), ct));
    }
}
