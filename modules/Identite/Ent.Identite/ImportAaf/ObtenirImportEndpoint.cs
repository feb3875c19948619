using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.ImportAaf;

/// <summary>
/// GET /api/identite/imports/{id} — one import: its state and progress (poll it while it runs), its summary and its
/// rejected entries with file, line and reason. For the region's administrators, and for the head and local
/// administrators of the établissement it was made for; 404 for an import the caller may not see, 403 for a caller who
/// administers nothing.
/// </summary>
internal static class ObtenirImportEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/imports/{id:guid}", Handle)
        .WithName("ObtenirImport")
        .WithSummary("Un import de l'annuaire : état, avancement, résumé et entrées rejetées (fichier, ligne, motif).")
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ImportAvecRejets>, ProblemHttpResult>> Handle(Guid id, ICurrentUser utilisateur, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var perimetre = await AdministrateursImport.PerimetreAsync(db, personneId, ct);
        if (perimetre.Rien)
        {
            return TypedResults.Problem("Seuls les administrateurs voient les imports de l'annuaire.", statusCode: 403, title: "Accès refusé",
                type: "urn:ent:probleme:acces-refuse");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await RapportImport.LireAsync(conn, id, ct) is not { } lu
            || !(perimetre.Region || (lu.EtablissementId is { } e && perimetre.Etablissements.Any(x => x.Id == e))))
        {
            return Problemes.Introuvable("Aucun import de votre périmètre ne porte cet identifiant.");
        }

        return TypedResults.Ok(ImportAvecRejets.De(lu.Detail));
    }
}
