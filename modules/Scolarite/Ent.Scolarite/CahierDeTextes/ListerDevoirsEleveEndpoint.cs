using Dapper;
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
/// GET /api/scolarite/eleves/{eleveId}/devoirs?du=&amp;au= — a pupil's homework to do, by day due (today and the next
/// two weeks by default), with each day's estimated workload, the pupil's « fait » ticks and their guardians' « vu »
/// ticks; homework given in a lesson the pupil missed is flagged. Published homework only. For the pupil, their legal
/// guardians and the staff the access rules allow; anyone else gets 404. Each read (the ticks are the pupil's data) is logged.
/// </summary>
internal static class ListerDevoirsEleveEndpoint
{
    /// <summary>A homework of the pupil.</summary>
    /// <param name="Devoir">The homework.</param>
    /// <param name="Division">The class or group that was given it.</param>
    /// <param name="DonneLe">The start of the lesson it was given in.</param>
    /// <param name="Fait">True when the pupil ticked it done.</param>
    /// <param name="FaitLe">When.</param>
    /// <param name="Vu">True when a guardian ticked it seen.</param>
    /// <param name="VuParMoi">True when the reader (a guardian) ticked it seen.</param>
    /// <param name="CoursManque">True when it was given in a lesson the pupil was marked absent from.</param>
    internal sealed record DevoirEleve(Devoir Devoir, string Division, DateTimeOffset? DonneLe, bool Fait, DateTimeOffset? FaitLe, bool Vu, bool VuParMoi,
        bool CoursManque);

    /// <summary>A day's homework.</summary>
    /// <param name="Jour">The day due.</param>
    /// <param name="Minutes">Estimated minutes, all homework of the day together.</param>
    /// <param name="Devoirs">The day's homework, by subject.</param>
    internal sealed record JourDevoirs(DateOnly Jour, int Minutes, DevoirEleve[] Devoirs);

    /// <summary>A pupil's homework.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Du">First day shown.</param>
    /// <param name="Au">Last day shown.</param>
    /// <param name="Jours">Days with homework due, in order.</param>
    internal sealed record DevoirsEleve(Guid EleveId, DateOnly Du, DateOnly Au, JourDevoirs[] Jours);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/devoirs", Handle)
        .WithName("ListerDevoirsEleve")
        .WithSummary("Les devoirs à faire d'un élève, par jour, avec la charge estimée et les coches « fait » et « vu ».")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT d.id, d.service_id, d.seance_id, d.pour_le, d.consigne, d.duree_minutes, d.a_rendre, d.evaluation, d.publie_le,
               s.debut AS donne_le, f.fait_le,
               EXISTS (SELECT 1 FROM scolarite.devoir_vu v WHERE v.devoir_id = d.id AND v.eleve_id = @eleveId) AS vu,
               EXISTS (SELECT 1 FROM scolarite.devoir_vu v WHERE v.devoir_id = d.id AND v.eleve_id = @eleveId AND v.responsable_id = @personneId) AS vu_par_moi
        FROM scolarite.devoir d
        LEFT JOIN scolarite.seance s ON s.id = d.seance_id
        LEFT JOIN scolarite.devoir_fait f ON f.devoir_id = d.id AND f.eleve_id = @eleveId
        WHERE d.service_id = ANY(@services) AND d.pour_le BETWEEN @du AND @au AND d.publie_le <= @maintenant
        ORDER BY d.pour_le, d.ordre, d.id
        """;

    private sealed record Ligne(
        Guid Id, Guid ServiceId, Guid? SeanceId, DateOnly PourLe, string Consigne, int DureeMinutes, bool ARendre, bool Evaluation, DateTime? PublieLe,
        DateTime? DonneLe, DateTime? FaitLe, bool Vu, bool VuParMoi);

    private static async Task<Results<Ok<DevoirsEleve>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, DateOnly? du, DateOnly? au, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal,
        IAbsences absences, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var maintenant = clock.GetUtcNow();
        var aujourdhui = Planning.Jour(maintenant);
        var (debut, fin, erreur) = Cahier.Bornes(du, au, aujourdhui, aujourdhui.AddDays(13));
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
        var services = (await Cahier.ServicesEleveAsync(conn, eleveId, AnneeScolaire.Courante(clock), ct)).ToDictionary(s => s.Id);
        var lignes = (await conn.QueryAsync<Ligne>(new CommandDefinition(Sql, new
        {
            eleveId, personneId, services = services.Keys.ToArray(), du = debut, au = fin, maintenant,
        }, cancellationToken: ct))).AsList();
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "ListerDevoirsEleve", ct);

        var manquees = new HashSet<(Guid, DateTimeOffset)>();
        var donnes = lignes.Where(l => l.DonneLe is not null).Select(l => Planning.Jour(Cahier.Utc(l.DonneLe!.Value))).ToList();
        if (domaines.Contains(Domaine.VieScolaire) && donnes.Count > 0)
        {
            manquees = [.. (await absences.LeconsManqueesAsync(eleveId, donnes.Min(), donnes.Max(), ct)).Select(l => (l.ServiceId, l.Debut))];
            await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Lecture, "ListerDevoirsEleve", ct);
        }

        var jours = lignes.GroupBy(l => l.PourLe).Select(g => new JourDevoirs(g.Key, g.Sum(l => l.DureeMinutes), [.. g
            .OrderBy(l => services[l.ServiceId].MatiereLibelle).ThenBy(l => l.Id)
            .Select(l =>
            {
                var service = services[l.ServiceId];
                var donneLe = l.DonneLe is { } d ? Cahier.Utc(d) : (DateTimeOffset?)null;
                return new DevoirEleve(
                    Cahier.VueDevoir(new Cahier.LigneDevoir(l.Id, l.ServiceId, l.SeanceId, l.PourLe, l.Consigne, l.DureeMinutes, l.ARendre, l.Evaluation, l.PublieLe),
                        service.MatiereLibelle),
                    service.Division, donneLe, l.FaitLe is not null, l.FaitLe is { } f ? Cahier.Utc(f) : null, l.Vu, l.VuParMoi,
                    donneLe is { } dl && manquees.Contains((l.ServiceId, dl)));
            })]));
        return TypedResults.Ok(new DevoirsEleve(eleveId, debut, fin, [.. jours]));
    }
}
