using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Absences;

/// <summary>
/// GET /api/viescolaire/eleves/{eleveId}/absences?annee= — a pupil's absences and lateness of a school year (the current
/// one by default; a previous year's stay, nothing is deleted at the rentrée), latest first,
/// with their status (non_justifiee, justificatif_depose, justifiee, refusee), the reason once justified, and the counts a
/// family and the CPE look at: to justify, and unjustified half-days this month. For the pupil, their legal guardians,
/// their teachers, the CPE and the head; another year than the current one without the teachers, whose rights hold for
/// the year they teach the pupil only.
/// </summary>
internal static class ListerAbsencesEleveEndpoint
{
    /// <summary>A pupil's attendance.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="AJustifier">Absences and lateness a family can still justify (not justified, or refused).</param>
    /// <param name="DemiJourneesNonJustifieesMois">Half-days with an unjustified absence this calendar month.</param>
    /// <param name="DemiJourneesAnnee">Half-days of absence this school year, justified or not.</param>
    /// <param name="Absences">The absences and lateness, latest first.</param>
    /// <param name="AnneeScolaire">The school year shown, e.g. 2025-2026.</param>
    internal sealed record AbsencesEleve(Guid EleveId, int AJustifier, int DemiJourneesNonJustifieesMois, int DemiJourneesAnnee,
        IReadOnlyList<AbsenceEleve> Absences, string AnneeScolaire);

    /// <summary>An absence or lateness.</summary>
    /// <param name="Id">The absence.</param>
    /// <param name="Type">absence or retard.</param>
    /// <param name="Debut">The lesson's (or the absence's) start.</param>
    /// <param name="Fin">Its end.</param>
    /// <param name="DemiJournee">matin or apres_midi.</param>
    /// <param name="MinutesRetard">Minutes late, for a lateness.</param>
    /// <param name="Cours">The lesson, when recorded at a roll call.</param>
    /// <param name="Statut">non_justifiee, justificatif_depose, justifiee or refusee.</param>
    /// <param name="Motif">The reason's label, once justified (or given when recorded by the desk).</param>
    /// <param name="Justifiable">True when a family can send a justification for it now.</param>
    /// <param name="SignaleePar">On whose word the desk recorded it (« Mme Martin, mère »), if it did.</param>
    /// <param name="Moyen">How the desk was told: telephone, accueil, courriel or carnet.</param>
    internal sealed record AbsenceEleve(Guid Id, string Type, DateTimeOffset Debut, DateTimeOffset Fin, string DemiJournee, int? MinutesRetard,
        string? Cours, string Statut, string? Motif, bool Justifiable, string? SignaleePar, string? Moyen);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/absences", Handle)
        .WithName("ListerAbsencesEleve")
        .WithSummary("Absences et retards d'un élève sur l'année scolaire, avec leur statut de justification.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT a.id, a.type, a.debut, a.fin, a.demi_journee, a.minutes_retard, a.cours, a.statut, m.libelle AS motif,
               a.statut IN ('non_justifiee', 'refusee') AS justifiable, a.signalee_par_nom AS signalee_par, a.moyen_signalement AS moyen
        FROM viescolaire.absence a
        LEFT JOIN viescolaire.motif_absence m ON m.code = a.motif_code
        WHERE a.eleve_id = @eleveId AND a.annulee_le IS NULL AND a.jour BETWEEN @debutAnnee AND @finAnnee
        ORDER BY a.debut DESC
        LIMIT 1000
        """;

    private static async Task<Results<Ok<AbsencesEleve>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, string? annee, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal, Horaires horaires,
        NpgsqlDataSource db, CancellationToken ct)
    {
        if (AnneeDemandee.Verifier(annee) is { } anneeInvalide)
        {
            return anneeInvalide;
        }

        var aujourdhui = horaires.Aujourdhui;
        var courante = Horaires.AnneeScolaire(aujourdhui);
        annee ??= courante;
        if (utilisateur.PersonneId is not { } personneId
            || !await (annee == courante
                ? regles.PeutLireAsync(personneId, eleveId, Domaine.VieScolaire, ct)
                : regles.PeutLireAutreAnneeAsync(personneId, eleveId, Domaine.VieScolaire, ct)))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        var (debutAnnee, finAnnee) = Horaires.Bornes(annee);
        await using var conn = await db.OpenConnectionAsync(ct);
        var absences = (await conn.QueryAsync<AbsenceEleve>(new CommandDefinition(Sql,
            new { eleveId, debutAnnee, finAnnee }, cancellationToken: ct))).AsList();
        var debutMois = new DateOnly(aujourdhui.Year, aujourdhui.Month, 1);
        var absencesSeules = absences.Where(a => a.Type == "absence").ToList();
        var demiJourneesMois = absencesSeules
            .Where(a => a.Statut is "non_justifiee" or "refusee" && horaires.Jour(a.Debut) >= debutMois)
            .Select(a => (horaires.Jour(a.Debut), a.DemiJournee)).Distinct().Count();
        var demiJourneesAnnee = absencesSeules.Select(a => (horaires.Jour(a.Debut), a.DemiJournee)).Distinct().Count();
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Lecture, "ListerAbsencesEleve", ct);
        return TypedResults.Ok(new AbsencesEleve(eleveId, absences.Count(a => a.Justifiable), demiJourneesMois, demiJourneesAnnee, absences, annee));
    }
}
