using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Bulletins;

/// <summary>
/// GET /api/scolarite/eleves/{eleveId}/bulletins/{periodeId} — a pupil's report card for a period (subjects, averages,
/// class figures, appraisals, the council's decision). The family reads it once published; each read is logged.
/// </summary>
internal static class ObtenirBulletinEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/bulletins/{periodeId:guid}", Handle)
        .WithName("ObtenirBulletin")
        .WithSummary("Le bulletin d'un élève pour une période : moyennes, moyennes de classe, appréciations et décision du conseil.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<Bulletin>, ProblemHttpResult>> Handle(
        Guid eleveId, Guid periodeId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire, IJournalAcces journal,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (bulletin, refus) = await BulletinEleve.ChargerAsync(eleveId, periodeId, utilisateur, regles, annuaire, db, clock, ct);
        if (bulletin is null)
        {
            return refus!;
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "ObtenirBulletin", ct);
        return TypedResults.Ok(bulletin);
    }
}
