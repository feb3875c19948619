using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Bulletins;

/// <summary>
/// GET /api/scolarite/eleves/{eleveId}/bulletins/{periodeId}/html — the report card as a standalone, printable HTML page
/// (no script, no style: semantic markup only). Same access as the JSON form; each read is logged.
/// </summary>
internal static class AfficherBulletinEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/bulletins/{periodeId:guid}/html", Handle)
        .WithName("AfficherBulletin")
        .WithSummary("Le bulletin d'un élève pour une période, en page HTML imprimable.")
        .Produces(StatusCodes.Status200OK, contentType: "text/html")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Handle(
        Guid eleveId, Guid periodeId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire, IJournalAcces journal,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (bulletin, refus) = await BulletinEleve.ChargerAsync(eleveId, periodeId, utilisateur, regles, annuaire, db, clock, ct);
        if (bulletin is null)
        {
            return refus!;
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "AfficherBulletin", ct);
        return TypedResults.Content(BulletinHtml.Rendre(bulletin), "text/html; charset=utf-8");
    }
}
