using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Appels;

/// <summary>
/// GET /api/viescolaire/me/cours?date=YYYY-MM-DD — the teacher's lessons of a day in timetable order (Scolarité's
/// timetable, changes applied: a cancelled lesson is listed struck, a moved one at its new time, one they replace is theirs
/// for the day, one of theirs taken by a colleague is listed without its roll call), each with its roll call's state, and
/// the services they teach (for a lesson off the timetable).
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
    /// <param name="Statut">What became of the lesson: normal, annule (cancelled), deplace (moved), remplace (another teacher), ajoute (extra).</param>
    /// <param name="DebutPrevu">The timetabled start, when the lesson was moved or replaced.</param>
    /// <param name="Motif">The change's reason (« Professeur absent »), if any.</param>
    /// <param name="Remplacant">True when the caller replaces the service's usual teacher for this lesson.</param>
    /// <param name="AppelPossible">True when the caller takes this lesson's roll call: not when it is cancelled or taken by a colleague.</param>
    internal sealed record CoursDuJour(Guid ServiceId, string Cours, DateTimeOffset Debut, DateTimeOffset Fin, string? Salle, bool AppelFait,
        string Statut, DateTimeOffset? DebutPrevu, string? Motif, bool Remplacant, bool AppelPossible);

    /// <summary>A service the teacher teaches.</summary>
    internal sealed record ServiceAppel(Guid ServiceId, string Cours);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/cours", Handle)
        .WithName("ListerMesCours")
        .WithSummary("Mes cours d'une journée dans l'ordre de l'emploi du temps, avec l'état de leur appel.");

    private static async Task<Results<Ok<MesCours>, ProblemHttpResult>> Handle(
        DateOnly? date, ICurrentUser utilisateur, IServicesEnseignement services, IEmploiDuTemps edt, Horaires horaires, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var jour = date ?? horaires.Aujourdhui;
        var mesServices = (await services.DuEnseignantAsync(personneId, ct)).ToDictionary(s => s.Id);
        await using var conn = await db.OpenConnectionAsync(ct);
        var duJour = await Creneaux.DeLEnseignantAsync(edt, conn, personneId, jour, horaires, ct);
        // The lessons they replace belong to a colleague's service: named from it.
        var autres = (await services.TrouverAsync(duJour.Select(c => c.ServiceId).Where(id => !mesServices.ContainsKey(id)).Distinct().ToArray(), ct))
            .ToDictionary(s => s.Id);
        var cours = duJour.Where(c => mesServices.ContainsKey(c.ServiceId) || autres.ContainsKey(c.ServiceId)).Select(c =>
        {
            var service = mesServices.GetValueOrDefault(c.ServiceId) ?? autres[c.ServiceId];
            var remplacant = c.Cours.EnseignantId == personneId && service.EnseignantId != personneId;
            var appelPossible = !c.Annule && c.Cours.EnseignantId == personneId;
            return new CoursDuJour(c.ServiceId, FeuillesAppel.Cours(service), c.Debut, c.Fin, c.Salle, c.AppelFait, Statut(c.Cours.Statut),
                c.Cours.DebutPrevu, c.Cours.Motif, remplacant, appelPossible);
        }).ToList();
        var liste = mesServices.Values.Select(s => new ServiceAppel(s.Id, FeuillesAppel.Cours(s)))
            .OrderBy(s => s.Cours, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true)).ToList();
        return TypedResults.Ok(new MesCours(jour, cours, liste));
    }

    /// <summary>The lesson's state as the JSON field reads it.</summary>
    internal static string Statut(StatutCours statut) => statut switch
    {
        StatutCours.Annule => "annule",
        StatutCours.Deplace => "deplace",
        StatutCours.Remplace => "remplace",
        StatutCours.Ajoute => "ajoute",
        _ => "normal",
    };
}
