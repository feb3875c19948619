using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Bulletins;

/// <summary>
/// GET /api/scolarite/eleves/{eleveId}/bulletins/{periodeId}/pdf — the report card as a PDF to download and print.
/// Same access as the JSON form; each download is logged.
/// </summary>
internal static class TelechargerBulletinEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/bulletins/{periodeId:guid}/pdf", Handle)
        .WithName("TelechargerBulletin")
        .WithSummary("Télécharge le bulletin d'un élève pour une période, en PDF.")
        // A Stream is described as binary content (format: binary): the generated client answers a FileResponse.
        .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(
        Guid eleveId, Guid periodeId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire, IJournalAcces journal,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (bulletin, refus) = await BulletinEleve.ChargerAsync(eleveId, periodeId, utilisateur, regles, annuaire, db, clock, ct);
        if (bulletin is null)
        {
            return refus!;
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "TelechargerBulletin", ct);
        var nom = $"bulletin-{bulletin.Periode.Replace(' ', '-')}-{bulletin.AnneeScolaire}.pdf";
        return TypedResults.File(BulletinPdf.Rendre(bulletin), "application/pdf", nom);
    }
}
