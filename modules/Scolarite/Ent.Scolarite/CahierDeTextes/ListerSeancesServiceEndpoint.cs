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
/// GET /api/scolarite/services/{serviceId}/seances?du=&amp;au= — a teaching service's lessons between two days (today by
/// default), each with its cahier de textes page if written: the timetable's lessons (cancelled ones included) and the
/// extra pages written outside it. The service's teacher sees their drafts and scheduled pages; the class's other
/// readers (its teachers, head teachers, direction, vie scolaire desk) the published ones. Anyone else gets 404.
/// </summary>
internal static class ListerSeancesServiceEndpoint
{
    /// <summary>A lesson of the service and its page.</summary>
    /// <param name="Debut">Start (UTC instant).</param>
    /// <param name="Fin">End.</param>
    /// <param name="Statut">The timetable's: normal, annule, deplace, remplace or ajoute; null for a page written outside the timetable.</param>
    /// <param name="Salle">The room, if known.</param>
    /// <param name="Seance">The page, null when nothing is written (or not published yet, for another reader than its teacher).</param>
    internal sealed record CoursSeance(DateTimeOffset Debut, DateTimeOffset Fin, string? Statut, string? Salle, Seance? Seance);

    /// <summary>A service's lessons.</summary>
    /// <param name="ServiceId">The service.</param>
    /// <param name="Matiere">Its subject.</param>
    /// <param name="Division">Its class or group.</param>
    /// <param name="Modifiable">True for the service's teacher: they write its pages.</param>
    /// <param name="Cours">Its lessons, by start.</param>
    internal sealed record SeancesService(Guid ServiceId, string Matiere, string Division, bool Modifiable, CoursSeance[] Cours);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/services/{serviceId:guid}/seances", Handle)
        .WithName("ListerSeancesService")
        .WithSummary("Les cours d'un service d'enseignement entre deux jours, avec leur page du cahier de textes.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<SeancesService>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid serviceId, DateOnly? du, DateOnly? au, ICurrentUser utilisateur, IReglesAcces regles, IEmploiDuTemps edt,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var maintenant = clock.GetUtcNow();
        var aujourdhui = Planning.Jour(maintenant);
        var (debut, fin, erreur) = Cahier.Bornes(du, au, aujourdhui, aujourdhui);
        if (erreur is not null)
        {
            return erreur;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var annee = AnneeScolaire.Courante(clock);
        var service = await Cahier.ServiceAsync(conn, serviceId, annee, ct);
        if (service is null)
        {
            return Problemes.Introuvable("Aucun service d'enseignement ne correspond à cette adresse.");
        }

        var sien = service.EnseignantId == personneId;
        if (!sien && !await Cahier.PeutLireClassesAsync(conn, regles, personneId, service.EtablissementId,
                await Cahier.ClassesAsync(conn, service, ct), annee, ct))
        {
            return Problemes.Introuvable("Aucun service d'enseignement ne correspond à cette adresse.");
        }

        var seances = await Cahier.SeancesAsync(conn, [service], debut, fin, maintenant, sien ? [service.Id] : [], ct);
        var parDebut = seances.ToDictionary(s => s.Debut);
        var cours = (await edt.DesServicesAsync([service.Id], debut, fin, ct))
            .Select(c => new CoursSeance(c.Debut, c.Fin, c.Statut.ToString().ToLowerInvariant(), c.Salle, parDebut.GetValueOrDefault(c.Debut)))
            .ToList();
        var planifies = cours.Select(c => c.Debut).ToHashSet();
        cours.AddRange(seances.Where(s => !planifies.Contains(s.Debut)).Select(s => new CoursSeance(s.Debut, s.Fin, null, null, s)));
        return TypedResults.Ok(new SeancesService(service.Id, service.MatiereLibelle, service.Division, sien, [.. cours.OrderBy(c => c.Debut)]));
    }
}
