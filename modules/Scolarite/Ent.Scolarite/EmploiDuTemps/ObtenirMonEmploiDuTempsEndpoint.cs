using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>
/// GET /api/scolarite/moi/emploi-du-temps?du=&amp;au= — the family's timetable in one answer: a pupil's own lessons, or
/// for a guardian each of their children's (the children whose school work the access rules let them read), so that a
/// parent sees all their children's day on one screen. Someone who is neither gets an empty list. Each read is logged
/// per pupil, as the pupil's own page does.
/// </summary>
internal static class ObtenirMonEmploiDuTempsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/moi/emploi-du-temps", Handle)
        .WithName("ObtenirMonEmploiDuTemps")
        .WithSummary("Mon emploi du temps (élève), ou celui de chacun de mes enfants (responsable), du … au ….");

    private static async Task<Results<Ok<EmploiDuTempsEleves>, ValidationProblem, ProblemHttpResult>> Handle(
        DateOnly? du, DateOnly? au, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal,
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

        // A pupil reads their own; a guardian their children's. The access rules decide for each (a link without the
        // right to read school work shows nothing).
        var candidats = new List<PersonneInfo>();
        if (await annuaire.TrouverEtablissementEleveAsync(personneId, ct) is not null)
        {
            candidats.AddRange(await annuaire.TrouverPersonnesAsync([personneId], ct));
        }

        candidats.AddRange(await annuaire.ListerEnfantsAsync(personneId, ct));
        var lisibles = new List<PersonneInfo>();
        foreach (var eleve in candidats.DistinctBy(e => e.Id))
        {
            if (await regles.PeutLireAsync(personneId, eleve.Id, Domaine.TravailScolaire, ct))
            {
                lisibles.Add(eleve);
            }
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var eleves = new List<EmploiDuTempsEleve>();
        foreach (var eleve in lisibles)
        {
            eleves.Add(await VuesEmploiDuTemps.DeLEleveAsync(eleve.Id, eleve.Prenom, eleve.Nom, premier, dernier, conn, emploiDuTemps, annuaire,
                clock, ct));
        }

        await journal.NoterAsync(http, utilisateur, lisibles.Select(e => e.Id).ToList(), Domaine.TravailScolaire, ActionAcces.Lecture,
            "ObtenirMonEmploiDuTemps", ct);
        return TypedResults.Ok(new EmploiDuTempsEleves(premier, dernier, eleves));
    }
}
