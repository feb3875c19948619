using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Ent.Communication.Agenda;

/// <summary>
/// GET /api/communication/me/evenements?du=&amp;au= — the school calendar's events that concern the caller, by day: a
/// pupil's (the établissement's and their classes'), a guardian's (each child's, named by first name), a teacher's (the
/// staff's and their classes'), a manager's (all of their établissement). From today for three months by default.
/// The events are the établissement's, not a pupil's data: no access-log row (the children's classes only select them).
/// </summary>
internal static class ListerMesEvenementsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/evenements", Handle)
        .WithName("ListerMesEvenements")
        .WithSummary("Liste les événements du calendrier scolaire qui me concernent (par défaut : aujourd'hui et les trois mois suivants).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<EvenementAgenda[]>, ValidationProblem, ProblemHttpResult>> Handle(
        DateOnly? du, DateOnly? au, ICurrentUser utilisateur, Regards regards, Calendrier calendrier, TimeProvider clock, CancellationToken ct)
    {
        var (debut, fin, erreurs) = Calendrier.Periode(du, au, clock);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var siens = await regards.DeAsync(personneId, ct);
        return TypedResults.Ok(await calendrier.DecrireAsync(await calendrier.DeLaPersonneAsync(personneId, debut, fin, siens, ct), ct));
    }
}
