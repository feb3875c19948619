using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Periodes;

/// <summary>
/// GET /api/scolarite/etablissements/{uai}/periodes?annee= — the trimesters or semesters of a school year (the current
/// one by default). Public:
/// the dates of a school's terms are not personal data.
/// </summary>
internal static class ListerPeriodesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/periodes", Handle)
        .WithName("ListerPeriodes")
        .AllowAnonymous()
        .WithSummary("Liste les périodes (trimestres ou semestres) d'une année scolaire d'un établissement, l'année en cours par défaut.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<PeriodeScolaire[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, string? annee, IAnnuaire annuaire, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (AnneeDemandee.Verifier(annee) is { } anneeInvalide)
        {
            return anneeInvalide;
        }

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
        return TypedResults.Ok(await PeriodeScolaire.ListerAsync(conn, etablissement.Id, annee ?? AnneeScolaire.Courante(clock), ct));
    }
}
