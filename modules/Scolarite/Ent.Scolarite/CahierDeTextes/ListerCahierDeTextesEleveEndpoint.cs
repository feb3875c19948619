using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.EmploiDuTemps;
using Ent.VieScolaire.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// GET /api/scolarite/eleves/{eleveId}/cahier-de-textes?matiere=&amp;du=&amp;au= — a pupil's class's cahier de textes,
/// subject by subject (their class's and groups' services), published pages only, between two days (the last two weeks
/// by default). A lesson the pupil was marked absent from is flagged « cours manqué » (VieScolaire's roll calls, for
/// readers of the pupil's attendance). For the pupil, their legal guardians and the staff the access rules allow;
/// anyone else gets 404. Each read is logged.
/// </summary>
internal static class ListerCahierDeTextesEleveEndpoint
{
    /// <summary>A subject of the pupil.</summary>
    /// <param name="ServiceId">The teaching service.</param>
    /// <param name="Matiere">The subject.</param>
    /// <param name="MatiereCode">Its code, as <c>?matiere=</c> names it.</param>
    internal sealed record MatiereCahier(Guid ServiceId, string Matiere, string MatiereCode);

    /// <summary>A pupil's cahier de textes.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Du">First day shown.</param>
    /// <param name="Au">Last day shown.</param>
    /// <param name="Matieres">Every subject of the pupil, to filter.</param>
    /// <param name="Seances">The published pages, newest first.</param>
    internal sealed record CahierEleve(Guid EleveId, DateOnly Du, DateOnly Au, MatiereCahier[] Matieres, Seance[] Seances);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/cahier-de-textes", Handle)
        .WithName("ListerCahierDeTextesEleve")
        .WithSummary("Le cahier de textes de la classe d'un élève, par matière, avec les cours qu'il a manqués.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<CahierEleve>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, string? matiere, DateOnly? du, DateOnly? au, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles,
        IJournalAcces journal, IAbsences absences, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var maintenant = clock.GetUtcNow();
        var aujourdhui = Planning.Jour(maintenant);
        var (debut, fin, erreur) = Cahier.Bornes(du, au, aujourdhui.AddDays(-13), aujourdhui);
        if (erreur is not null)
        {
            return erreur;
        }

        var domaines = await regles.DomainesLisiblesAsync(personneId, eleveId, ct);
        if (!domaines.Contains(Domaine.TravailScolaire))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var services = await Cahier.ServicesEleveAsync(conn, eleveId, AnneeScolaire.Courante(clock), ct);
        var affiches = matiere is null ? services : services.Where(s => s.MatiereCode == matiere).ToList();
        var seances = await Cahier.SeancesAsync(conn, affiches, debut, fin, maintenant, [], ct);

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "ListerCahierDeTextesEleve", ct);
        // Missed lessons tell the pupil's absences: only to those who read their attendance.
        if (domaines.Contains(Domaine.VieScolaire) && seances.Count > 0)
        {
            var manquees = (await absences.LeconsManqueesAsync(eleveId, debut, fin, ct)).Select(l => (l.ServiceId, l.Debut)).ToHashSet();
            seances = [.. seances.Select(s => manquees.Contains((s.ServiceId, s.Debut)) ? s with { CoursManque = true } : s)];
            await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Lecture, "ListerCahierDeTextesEleve", ct);
        }

        return TypedResults.Ok(new CahierEleve(eleveId, debut, fin,
            [.. services.DistinctBy(s => s.MatiereCode).Select(s => new MatiereCahier(s.Id, s.MatiereLibelle, s.MatiereCode))],
            [.. seances.OrderByDescending(s => s.Debut)]));
    }
}
