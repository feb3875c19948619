using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Enseignement;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Notes;

/// <summary>
/// GET /api/scolarite/evaluations/{evaluationId}/notes — the grade-entry grid of one of the caller's assessments:
/// every pupil taught and their result. Only the service's teacher; the read is logged for each pupil.
/// </summary>
internal static class ObtenirGrilleNotesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/evaluations/{evaluationId:guid}/notes", Handle)
        .WithName("ObtenirGrilleNotes")
        .WithSummary("La grille de saisie d'une de mes évaluations : chaque élève et son résultat.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<GrilleNotes>, ProblemHttpResult>> Handle(
        Guid evaluationId, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IJournalAcces journal, NpgsqlDataSource db,
        CancellationToken ct)
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

        var grille = await GrilleNotes.ChargerAsync(conn, service, evaluationId, annuaire, ct);
        await journal.NoterAsync(http, utilisateur, grille.Eleves.Select(e => e.EleveId).ToArray(), Domaine.TravailScolaire,
            ActionAcces.Lecture, "ObtenirGrilleNotes", ct);
        return TypedResults.Ok(grille);
    }
}
