using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// GET /api/communication/etablissements/{uai}/evenements?du=&amp;au=&amp;division= — the établissement's whole school
/// calendar, for its staff (teachers and personnel); with <c>division</c>, one class's or group's view: the events of the
/// whole établissement and those targeting it. Others get 404.
/// </summary>
internal static class ListerEvenementsEtablissementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/evenements", Handle)
        .WithName("ListerEvenementsEtablissement")
        .WithSummary("Liste le calendrier scolaire de l'établissement (son personnel), ou celui d'une classe ou d'un groupe.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<EvenementAgenda[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, DateOnly? du, DateOnly? au, Guid? division, ICurrentUser utilisateur, IAnnuaire annuaire, Regards regards,
        Calendrier calendrier, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (debut, fin, erreurs) = Calendrier.Periode(du, au, clock);
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var acces = await AgendaEtablissement.VerifierAsync(uai, utilisateur, annuaire, regards, ct);
        if (acces.Invalide is not null)
        {
            return acces.Invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Refus!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await Calendrier.ChargerAsync(conn, [etablissement.Id], debut, fin, ct);
        var choisis = lignes.Where(e => division is not { } d || e.Divisions.Length == 0 || e.Divisions.Contains(d))
            .Select(e => (e, Array.Empty<string>(), Regards.PeutModifier(acces.Regards, e, acces.PersonneId)));
        return TypedResults.Ok(await calendrier.DecrireAsync(choisis, ct));
    }
}
