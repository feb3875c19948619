using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Ent.VieScolaire.Appels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.TableauDeBord;

/// <summary>
/// GET /api/viescolaire/etablissements/{uai}/tableau-de-bord?date=YYYY-MM-DD — the CPE's morning view: the day's absences,
/// lateness and exclusions, the year's unjustified absences, the pupils at or over the persistent-absence threshold this
/// month (4 unjustified half-days by default, the legal signal) and who is behind each figure (names and classes), justifications to review and roll calls not taken.
/// Failed notifications come from Communication (<c>/api/communication/etablissements/{uai}/envois</c>).
/// </summary>
internal static class ObtenirTableauDeBordEndpoint
{
    /// <summary>The desk's dashboard.</summary>
    /// <param name="Date">The day shown.</param>
    /// <param name="Seuil">Unjustified half-days in a month from which a pupil is flagged.</param>
    /// <param name="AbsencesDuJour">The day's absences and lateness, by time.</param>
    /// <param name="ExclusionsDuJour">Pupils excluded from a lesson that day.</param>
    /// <param name="AbsencesNonJustifiees">Absences and lateness of the school year not justified (or refused).</param>
    /// <param name="ElevesNonJustifies">Pupils with at least one of them.</param>
    /// <param name="DetailNonJustifiees">Who is behind those two figures: each of those pupils with their count, most first.</param>
    /// <param name="ElevesAuDessusDuSeuil">Pupils at or over the threshold in the date's calendar month, most first.</param>
    /// <param name="JustificatifsAExaminer">Families' justifications waiting for a decision.</param>
    /// <param name="AppelsNonFaits">Lessons of the day that started without their roll call.</param>
    internal sealed record Tableau(DateOnly Date, int Seuil, IReadOnlyList<AbsenceDuJour> AbsencesDuJour, IReadOnlyList<ExclusionDuJour> ExclusionsDuJour,
        int AbsencesNonJustifiees, int ElevesNonJustifies, IReadOnlyList<EleveNonJustifie> DetailNonJustifiees, IReadOnlyList<EleveSignale> ElevesAuDessusDuSeuil, int JustificatifsAExaminer,
        int AppelsNonFaits);

    /// <summary>An absence or lateness of the day.</summary>
    internal sealed record AbsenceDuJour(Guid AbsenceId, Guid EleveId, string Nom, string Prenom, string? Classe, string Type, DateTimeOffset Debut,
        string? Cours, string Statut, int? MinutesRetard);

    /// <summary>A pupil excluded from a lesson.</summary>
    internal sealed record ExclusionDuJour(Guid EleveId, string Nom, string Prenom, string? Classe, DateTimeOffset Debut, string Cours);

    /// <summary>A pupil with absences or lateness of the school year not justified.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Nom">Surname.</param>
    /// <param name="Prenom">First name.</param>
    /// <param name="Classe">Their class, if any.</param>
    /// <param name="Absences">How many absences and lateness are not justified (or refused).</param>
    internal sealed record EleveNonJustifie(Guid EleveId, string Nom, string Prenom, string? Classe, int Absences);

    /// <summary>A pupil at or over the threshold.</summary>
    internal sealed record EleveSignale(Guid EleveId, string Nom, string Prenom, string? Classe, int DemiJournees);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/tableau-de-bord", Handle)
        .WithName("ObtenirTableauDeBordVieScolaire")
        .WithSummary("Tableau de bord de la vie scolaire : absences du jour, non-justifiées, élèves au-delà du seuil, justificatifs à examiner.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id AS absence_id, eleve_id, type, debut, cours, statut, minutes_retard
        FROM viescolaire.absence WHERE etablissement_id = @etablissementId AND jour = @jour AND annulee_le IS NULL ORDER BY debut, eleve_id;

        SELECT e.eleve_id, a.debut, a.cours
        FROM viescolaire.appel a JOIN viescolaire.appel_eleve e ON e.appel_id = a.id
        WHERE a.etablissement_id = @etablissementId AND a.debut >= @debutJour AND a.debut < @finJour AND e.etat = 'exclu'
        ORDER BY a.debut;

        SELECT eleve_id, count(*)::int FROM viescolaire.absence
        WHERE etablissement_id = @etablissementId AND jour >= @debutAnnee AND annulee_le IS NULL AND statut IN ('non_justifiee', 'refusee')
        GROUP BY eleve_id ORDER BY count(*) DESC, eleve_id;

        SELECT coalesce((SELECT seuil_demi_journees_mois FROM viescolaire.parametres_vie_scolaire WHERE etablissement_id = @etablissementId), 4);

        SELECT eleve_id, count(DISTINCT (jour, demi_journee))::int AS demi_journees FROM viescolaire.absence
        WHERE etablissement_id = @etablissementId AND type = 'absence' AND annulee_le IS NULL AND statut IN ('non_justifiee', 'refusee')
          AND jour >= @debutMois AND jour < @finMois
        GROUP BY eleve_id
        HAVING count(DISTINCT (jour, demi_journee)) >= coalesce(
            (SELECT seuil_demi_journees_mois FROM viescolaire.parametres_vie_scolaire WHERE etablissement_id = @etablissementId), 4)
        ORDER BY demi_journees DESC, eleve_id;

        SELECT count(*)::int FROM viescolaire.justificatif WHERE etablissement_id = @etablissementId AND statut = 'a_examiner';
        """;

    private static async Task<Results<Ok<Tableau>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, DateOnly? date, HttpContext http, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        IServicesEnseignement services, IJournalAcces journal, IEmploiDuTemps edt, Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
    {
        var route = await annuaire.ResoudreUaiVieScolaireAsync(regles, uai, utilisateur.PersonneId, ct);
        if (route.Invalide is { } invalide)
        {
            return invalide;
        }

        if (route.Etablissement is not { } etablissement)
        {
            return route.Introuvable!;
        }

        var jour = date ?? horaires.Aujourdhui;
        var debutMois = new DateOnly(jour.Year, jour.Month, 1);
        await using var conn = await db.OpenConnectionAsync(ct);
        List<(Guid AbsenceId, Guid EleveId, string Type, DateTimeOffset Debut, string? Cours, string Statut, int? MinutesRetard)> absences;
        List<(Guid EleveId, DateTimeOffset Debut, string Cours)> exclusions;
        List<(Guid EleveId, int Absences)> nonJustifiees;
        int seuil, aExaminer;
        List<(Guid EleveId, int DemiJournees)> signales;
        await using (var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new
        {
            etablissementId = etablissement.Id, jour, debutJour = horaires.Instant(jour, TimeOnly.MinValue),
            finJour = horaires.Instant(jour.AddDays(1), TimeOnly.MinValue), debutAnnee = Horaires.DebutAnnee(jour), debutMois,
            finMois = debutMois.AddMonths(1),
        }, cancellationToken: ct)))
        {
            absences = (await lecture.ReadAsync<(Guid, Guid, string, DateTimeOffset, string?, string, int?)>()).AsList();
            exclusions = (await lecture.ReadAsync<(Guid, DateTimeOffset, string)>()).AsList();
            nonJustifiees = (await lecture.ReadAsync<(Guid, int)>()).AsList();
            seuil = await lecture.ReadSingleAsync<int>();
            signales = (await lecture.ReadAsync<(Guid, int)>()).AsList();
            aExaminer = await lecture.ReadSingleAsync<int>();
        }

        var appelsNonFaits = Creneaux.NonFaits(await Creneaux.DeLEtablissementAsync(edt, conn, etablissement.Id, jour, horaires, ct), horaires).Count();

        var eleveIds = absences.Select(a => a.EleveId).Concat(exclusions.Select(e => e.EleveId)).Concat(signales.Select(s => s.EleveId))
            .Concat(nonJustifiees.Select(n => n.EleveId)).Distinct().ToArray();
        var personnes = (await annuaire.TrouverPersonnesAsync(eleveIds, ct)).ToDictionary(p => p.Id);
        var classes = await services.ClassesAsync(eleveIds, ct);
        PersonneInfo Personne(Guid id) => personnes.GetValueOrDefault(id) ?? new PersonneInfo(id, "?", "?");

        var tableau = new Tableau(jour, seuil,
            absences.Select(a => new AbsenceDuJour(a.AbsenceId, a.EleveId, Personne(a.EleveId).Nom, Personne(a.EleveId).Prenom,
                classes.GetValueOrDefault(a.EleveId), a.Type, a.Debut, a.Cours, a.Statut, a.MinutesRetard)).ToList(),
            exclusions.Select(e => new ExclusionDuJour(e.EleveId, Personne(e.EleveId).Nom, Personne(e.EleveId).Prenom, classes.GetValueOrDefault(e.EleveId),
                e.Debut, e.Cours)).ToList(),
            nonJustifiees.Sum(n => n.Absences), nonJustifiees.Count,
            nonJustifiees.Select(n => new EleveNonJustifie(n.EleveId, Personne(n.EleveId).Nom, Personne(n.EleveId).Prenom,
                classes.GetValueOrDefault(n.EleveId), n.Absences)).ToList(),
            signales.Select(s => new EleveSignale(s.EleveId, Personne(s.EleveId).Nom, Personne(s.EleveId).Prenom, classes.GetValueOrDefault(s.EleveId),
                s.DemiJournees)).ToList(),
            aExaminer, appelsNonFaits);
        await journal.NoterAsync(http, utilisateur, eleveIds, Domaine.VieScolaire, ActionAcces.Lecture, "ObtenirTableauDeBordVieScolaire", ct);
        return TypedResults.Ok(tableau);
    }
}
