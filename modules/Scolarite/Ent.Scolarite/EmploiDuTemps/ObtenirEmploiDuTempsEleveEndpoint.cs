using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>Pupils' timetables for the days asked (one pupil, or a guardian's children together).</summary>
/// <param name="Du">First day shown (Paris date).</param>
/// <param name="Au">Last day shown.</param>
/// <param name="Eleves">Each pupil's lessons.</param>
internal sealed record EmploiDuTempsEleves(DateOnly Du, DateOnly Au, IReadOnlyList<EmploiDuTempsEleve> Eleves);

/// <summary>
/// GET /api/scolarite/eleves/{eleveId}/emploi-du-temps?du=&amp;au= — a pupil's lessons from du to au (six weeks at most;
/// the current week by default): their class's and groups' lessons this school year, changes applied (cancelled,
/// moved, replaced, extra), each with subject, teacher, room and reason. For those the access rules let read the
/// pupil's school work (the pupil, their guardians, their teachers, the desk); anyone else gets 404. Each read is logged.
/// </summary>
internal static class ObtenirEmploiDuTempsEleveEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/emploi-du-temps", Handle)
        .WithName("ObtenirEmploiDuTempsEleve")
        .WithSummary("L'emploi du temps d'un élève du … au … (la semaine en cours par défaut), modifications comprises.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<EmploiDuTempsEleves>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, DateOnly? du, DateOnly? au, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal,
        IAnnuaire annuaire, IEmploiDuTemps emploiDuTemps, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (premier, dernier, invalide) = VuesEmploiDuTemps.Jours(du, au, clock);
        if (invalide is not null)
        {
            return invalide;
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var eleves = await annuaire.TrouverPersonnesAsync([eleveId], ct);
        if (eleves.Count == 0 || !await regles.PeutLireAsync(personneId, eleveId, Domaine.TravailScolaire, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var eleve = await VuesEmploiDuTemps.DeLEleveAsync(eleveId, eleves[0].Prenom, eleves[0].Nom, premier, dernier, conn, emploiDuTemps, annuaire,
            clock, ct);
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "ObtenirEmploiDuTempsEleve", ct);
        return TypedResults.Ok(new EmploiDuTempsEleves(premier, dernier, [eleve]));
    }
}
