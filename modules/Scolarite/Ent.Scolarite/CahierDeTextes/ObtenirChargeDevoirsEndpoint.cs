using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Ent.Scolarite.EmploiDuTemps;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// GET /api/scolarite/services/{serviceId}/charge-devoirs?apres=&amp;du=&amp;au= — what a teacher sees when choosing the
/// day homework is due: the suggested day (the class's next lesson of the service after <c>apres</c>, a lesson's end;
/// now by default) and the class's homework load day by day over the next five weeks, all its teachers' homework
/// together (published or scheduled; the reader's own drafts too), so as not to set five tests on the same day. For the
/// service's teacher and the class's other readers; anyone else gets 404.
/// </summary>
internal static class ObtenirChargeDevoirsEndpoint
{
    /// <summary>The suggested due day and the class's load.</summary>
    /// <param name="ProchainCours">The start of the service's next lesson (not cancelled) after the given instant, if any in five weeks.</param>
    /// <param name="PourLe">The suggested due day: that lesson's day.</param>
    /// <param name="Jours">The class's load, one entry per day with homework due.</param>
    internal sealed record ChargeDevoirs(DateTimeOffset? ProchainCours, DateOnly? PourLe, Cahier.ChargeJour[] Jours);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/services/{serviceId:guid}/charge-devoirs", Handle)
        .WithName("ObtenirChargeDevoirs")
        .WithSummary("Le prochain cours du service (jour proposé pour un devoir) et la charge de travail de la classe jour par jour.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ChargeDevoirs>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid serviceId, DateTimeOffset? apres, DateOnly? du, DateOnly? au, ICurrentUser utilisateur, IReglesAcces regles, IEmploiDuTemps edt,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var depuis = apres ?? clock.GetUtcNow();
        var jour = Planning.Jour(depuis);
        var (debut, fin, erreur) = Cahier.Bornes(du, au, jour, jour.AddDays(34));
        if (erreur is not null)
        {
            return erreur;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var annee = AnneeScolaire.Courante(clock);
        var service = await Cahier.ServiceAsync(conn, serviceId, annee, ct);
        var classes = service is null ? [] : await Cahier.ClassesAsync(conn, service, ct);
        if (service is null || (service.EnseignantId != personneId
                                && !await Cahier.PeutLireClassesAsync(conn, regles, personneId, service.EtablissementId, classes, annee, ct)))
        {
            return Problemes.Introuvable("Aucun service d'enseignement ne correspond à cette adresse.");
        }

        var prochain = Planning.Prochain(await edt.DesServicesAsync([service.Id], jour, jour.AddDays(35), ct), service.Id, depuis);
        var services = (await Cahier.ServicesClassesAsync(conn, classes, annee, ct)).Append(service).DistinctBy(s => s.Id).ToList();
        var charge = await Cahier.ChargeAsync(conn, [.. services.Select(s => s.Id)], debut, fin,
            [.. services.Where(s => s.EnseignantId == personneId).Select(s => s.Id)], ct);
        return TypedResults.Ok(new ChargeDevoirs(prochain?.Debut, prochain is null ? null : Planning.Jour(prochain.Debut), [.. charge]));
    }
}
