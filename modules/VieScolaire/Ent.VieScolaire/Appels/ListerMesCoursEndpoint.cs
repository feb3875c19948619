using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Appels;

/// <summary>
/// GET /api/viescolaire/me/cours?date=YYYY-MM-DD — the teacher's lessons of a day in timetable order, each with its roll
/// call's state, and the services they teach (for a lesson off the timetable: a replacement, an extra session).
/// </summary>
internal static class ListerMesCoursEndpoint
{
    /// <summary>The teacher's day.</summary>
    /// <param name="Date">The day shown.</param>
    /// <param name="Cours">Its timetabled lessons, by start time.</param>
    /// <param name="Services">Every service the teacher teaches, for a roll call off the timetable.</param>
    internal sealed record MesCours(DateOnly Date, IReadOnlyList<CoursDuJour> Cours, IReadOnlyList<ServiceAppel> Services);

    /// <summary>A lesson of the day.</summary>
    /// <param name="ServiceId">Its teaching service.</param>
    /// <param name="Cours">« Mathématiques — Seconde 1 ».</param>
    /// <param name="Debut">Start.</param>
    /// <param name="Fin">End.</param>
    /// <param name="Salle">Room, if known.</param>
    /// <param name="AppelFait">True once its roll call was taken.</param>
    internal sealed record CoursDuJour(Guid ServiceId, string Cours, DateTimeOffset Debut, DateTimeOffset Fin, string? Salle, bool AppelFait);

    /// <summary>A service the teacher teaches.</summary>
    internal sealed record ServiceAppel(Guid ServiceId, string Cours);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/cours", Handle)
        .WithName("ListerMesCours")
        .WithSummary("Mes cours d'une journée dans l'ordre de l'emploi du temps, avec l'état de leur appel.");

    private static async Task<Results<Ok<MesCours>, ProblemHttpResult>> Handle(
        DateOnly? date, ICurrentUser utilisateur, IServicesEnseignement services, Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var jour = date ?? horaires.Aujourdhui;
        var mesServices = (await services.DuEnseignantAsync(personneId, ct)).ToDictionary(s => s.Id);
        await using var conn = await db.OpenConnectionAsync(ct);
        var creneaux = await Creneaux.DuJourAsync(conn, jour, mesServices.Keys.ToArray(), etablissementId: null, horaires, ct);
        var cours = creneaux.Select(c => new CoursDuJour(c.ServiceId, FeuillesAppel.Cours(mesServices[c.ServiceId]),
            horaires.Instant(jour, c.Debut), horaires.Instant(jour, c.Fin), c.Salle, c.AppelFait)).ToList();
        var liste = mesServices.Values.Select(s => new ServiceAppel(s.Id, FeuillesAppel.Cours(s)))
            .OrderBy(s => s.Cours, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true)).ToList();
        return TypedResults.Ok(new MesCours(jour, cours, liste));
    }
}
