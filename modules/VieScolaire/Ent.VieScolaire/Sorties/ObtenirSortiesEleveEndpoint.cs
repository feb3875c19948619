using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sorties;

/// <summary>
/// GET /api/viescolaire/eleves/{eleveId}/sorties — a pupil's exits for the current school year: their regime, the
/// standing authorisations their guardians signed (who, when, and the history of signatures), and their one-off exit
/// requests, the latest first. For whoever may read the pupil's vie scolaire (the pupil, their legal guardians, the
/// class's teachers, the CPE and the head); anyone else gets 404. Each read is logged.
/// </summary>
internal static class ObtenirSortiesEleveEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/sorties", Handle)
        .WithName("ObtenirSortiesEleve")
        .WithSummary("Le régime d'un élève, ses autorisations de sortie de l'année et ses demandes de sortie exceptionnelle.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<SortiesEleve>, ProblemHttpResult>> Handle(
        Guid eleveId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire, IJournalAcces journal,
        NpgsqlDataSource db, Horaires horaires, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (!await regles.PeutLireAsync(personneId, eleveId, Domaine.VieScolaire, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var sorties = await LectureSorties.ChargerAsync(conn, eleveId, Horaires.AnneeScolaire(horaires.Aujourdhui), annuaire, ct);
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Lecture, "ObtenirSortiesEleve", ct);
        return TypedResults.Ok(sorties);
    }
}
