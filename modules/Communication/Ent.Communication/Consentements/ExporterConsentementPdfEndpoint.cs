using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// GET /api/communication/consentements/{id}/export.pdf — the list to take on the day of the outing, A4, class by class:
/// each pupil with their standing and who signed. Same readers as the follow-up; logged as a read.
/// </summary>
internal static class ExporterConsentementPdfEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/consentements/{id:guid}/export.pdf", Handle)
        .WithName("ExporterConsentementPdf")
        .WithSummary("La liste d'une demande d'autorisation en PDF, classe par classe, pour le jour de la sortie.")
        .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(Guid id, HttpContext http, ICurrentUser utilisateur,
        IAnnuaire annuaire, IReglesAcces regles, IJournalAcces journal, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var consentement = await Consentement.TrouverAsync(conn, regles, moi, id, ct);
        if (consentement is null)
        {
            return Problemes.Introuvable(Consentement.Introuvable(id));
        }

        var suivi = await SuiviConsentement.ChargerAsync(conn, annuaire, consentement, ct);
        var etablissement = await annuaire.TrouverEtablissementAsync(consentement.EtablissementId, ct);
        await journal.NoterAsync(http, utilisateur, [.. suivi.Lignes.Select(l => l.EleveId)], Domaine.VieScolaire, ActionAcces.Lecture, "ExporterConsentement", ct);
        return TypedResults.File(ConsentementPdf.Rendre(etablissement?.Nom ?? "", suivi, clock.GetUtcNow()), "application/pdf", $"autorisations-{id:N}.pdf");
    }
}
