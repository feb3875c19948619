using Dapper;
using Ent.Kernel.Http;
using Ent.Scolarite.Periodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.AFaire;

/// <summary>
/// GET /api/scolarite/me/a-faire — the calling teacher's work to do (issue #13's teacher home page): assessments whose
/// marks are incomplete, appraisals due for the periods whose report cards are near (<see cref="Echeances"/>), and the
/// class councils of their classes as head teacher still to record. Only the caller's own services and classes:
/// counts, no pupil's name. Today's lessons and roll calls come from Vie scolaire's <c>/me/cours</c>.
/// </summary>
internal static class ObtenirMonAFaireEndpoint
{
    /// <summary>An assessment of the caller whose marks are incomplete.</summary>
    /// <param name="EvaluationId">The assessment.</param>
    /// <param name="ServiceId">Its teaching service.</param>
    /// <param name="PeriodeId">Its period.</param>
    /// <param name="Titre">Its title.</param>
    /// <param name="Date">Its date.</param>
    /// <param name="Matiere">Subject name.</param>
    /// <param name="Code">The class's or group's code, e.g. 2NDE1.</param>
    /// <param name="Libelle">The class's or group's name.</param>
    /// <param name="Effectif">Pupils taught.</param>
    /// <param name="Manquantes">Pupils with neither a mark nor a marker (absent, exempted…).</param>
    internal sealed record EvaluationANoter(
        Guid EvaluationId, Guid ServiceId, Guid PeriodeId, string Titre, DateOnly Date, string Matiere, string Code, string Libelle, int Effectif, int Manquantes);

    /// <summary>A service's appraisals still missing for a due period.</summary>
    /// <param name="ServiceId">The teaching service.</param>
    /// <param name="PeriodeId">The period.</param>
    /// <param name="Periode">The period's name, e.g. « 1er trimestre ».</param>
    /// <param name="FinPeriode">The period's last day.</param>
    /// <param name="Matiere">Subject name.</param>
    /// <param name="Code">The class's or group's code.</param>
    /// <param name="Libelle">The class's or group's name.</param>
    /// <param name="Effectif">Pupils taught.</param>
    /// <param name="Manquantes">Pupils without an appraisal.</param>
    internal sealed record AppreciationsAttendues(
        Guid ServiceId, Guid PeriodeId, string Periode, DateOnly FinPeriode, string Matiere, string Code, string Libelle, int Effectif, int Manquantes);

    /// <summary>A class council of a class the caller is head teacher of, not fully recorded, for a due period.</summary>
    /// <param name="ClasseId">The class.</param>
    /// <param name="PeriodeId">The period.</param>
    /// <param name="Periode">The period's name.</param>
    /// <param name="FinPeriode">The period's last day.</param>
    /// <param name="Code">The class's code.</param>
    /// <param name="Libelle">The class's name.</param>
    /// <param name="Effectif">Pupils of the class.</param>
    /// <param name="AppreciationsGeneralesManquantes">Pupils without the head teacher's general appraisal.</param>
    /// <param name="ConseilSaisi">True once anything of the council was recorded for the class (a decision or a general appraisal).</param>
    internal sealed record ConseilAttendu(
        Guid ClasseId, Guid PeriodeId, string Periode, DateOnly FinPeriode, string Code, string Libelle, int Effectif,
        int AppreciationsGeneralesManquantes, bool ConseilSaisi);

    /// <summary>The caller's work to do, each list oldest first.</summary>
    internal sealed record MonAFaire(EvaluationANoter[] EvaluationsANoter, AppreciationsAttendues[] Appreciations, ConseilAttendu[] Conseils);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/a-faire", Handle)
        .WithName("ObtenirMonAFaire")
        .WithSummary("Mon travail à faire (enseignant) : évaluations à noter, appréciations attendues, conseils de classe à saisir comme professeur principal.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // The caller's services this year with their names, and the pupils each teaches now (its class's or its group's):
    // the head of the two statements that use them (a WITH lasts one statement).
    private const string ServicesSql = """
        WITH services AS (
            SELECT s.id, coalesce(c.etablissement_id, g.etablissement_id) AS etablissement_id,
                   coalesce(m.libelle, s.matiere_libelle) AS matiere, coalesce(c.code, g.code) AS code, coalesce(c.libelle, g.libelle) AS libelle
            FROM scolarite.service_enseignement s
            LEFT JOIN scolarite.classe c ON c.id = s.classe_id
            LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
            LEFT JOIN scolarite.matiere m ON m.etablissement_id = coalesce(c.etablissement_id, g.etablissement_id) AND m.code = s.matiere_code
            WHERE s.enseignant_id = @personneId AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
        ),
        eleves AS (
            SELECT s.id AS service_id, i.eleve_id FROM scolarite.service_enseignement s
            JOIN scolarite.inscription_classe i ON i.classe_id = s.classe_id WHERE s.id IN (SELECT id FROM services)
            UNION
            SELECT s.id, i.eleve_id FROM scolarite.service_enseignement s
            JOIN scolarite.inscription_groupe i ON i.groupe_id = s.groupe_id WHERE s.id IN (SELECT id FROM services)
        )
        """;

    // Assessments up to today, of periods whose report cards are not out: older gaps are history, not work.
    private const string Sql = ServicesSql + $"""
        SELECT e.id AS evaluation_id, s.id AS service_id, e.periode_id, e.titre, e.date, s.matiere, s.code, s.libelle,
               (SELECT count(*) FROM eleves x WHERE x.service_id = s.id)::int AS effectif,
               (SELECT count(*) FROM eleves x WHERE x.service_id = s.id
                  AND NOT EXISTS (SELECT 1 FROM scolarite.note n WHERE n.evaluation_id = e.id AND n.eleve_id = x.eleve_id))::int AS manquantes
        FROM services s
        JOIN scolarite.evaluation e ON e.service_id = s.id
        JOIN scolarite.periode p ON p.id = e.periode_id
        WHERE e.date <= @aujourdhui AND (p.bulletins_publies_le IS NULL OR p.bulletins_publies_le > @maintenant)
          AND EXISTS (SELECT 1 FROM eleves x WHERE x.service_id = s.id
                      AND NOT EXISTS (SELECT 1 FROM scolarite.note n WHERE n.evaluation_id = e.id AND n.eleve_id = x.eleve_id))
        ORDER BY e.date, s.code, e.titre;

        {ServicesSql}
        SELECT * FROM (
            SELECT s.id AS service_id, p.id AS periode_id, p.decoupage, p.numero, p.fin AS fin_periode, s.matiere, s.code, s.libelle,
                   (SELECT count(*) FROM eleves x WHERE x.service_id = s.id)::int AS effectif,
                   (SELECT count(*) FROM eleves x WHERE x.service_id = s.id
                      AND NOT EXISTS (SELECT 1 FROM scolarite.appreciation a
                                      WHERE a.service_id = s.id AND a.periode_id = p.id AND a.eleve_id = x.eleve_id))::int AS manquantes
            FROM services s
            JOIN scolarite.periode p ON p.etablissement_id = s.etablissement_id AND p.annee_scolaire = @annee
            WHERE {Echeances.PeriodeDue}
        ) t WHERE t.manquantes > 0
        ORDER BY t.fin_periode, t.code, t.matiere;

        SELECT * FROM (
            SELECT c.id AS classe_id, p.id AS periode_id, p.decoupage, p.numero, p.fin AS fin_periode, c.code, c.libelle,
                   (SELECT count(*) FROM scolarite.inscription_classe i WHERE i.classe_id = c.id)::int AS effectif,
                   (SELECT count(*) FROM scolarite.inscription_classe i WHERE i.classe_id = c.id
                      AND NOT EXISTS (SELECT 1 FROM scolarite.conseil_classe k WHERE k.classe_id = c.id AND k.periode_id = p.id
                                      AND k.eleve_id = i.eleve_id AND k.appreciation_generale IS NOT NULL))::int AS appreciations_generales_manquantes,
                   EXISTS (SELECT 1 FROM scolarite.conseil_classe k WHERE k.classe_id = c.id AND k.periode_id = p.id) AS conseil_saisi
            FROM scolarite.professeur_principal pp
            JOIN scolarite.classe c ON c.id = pp.classe_id
            JOIN scolarite.periode p ON p.etablissement_id = c.etablissement_id AND p.annee_scolaire = c.annee_scolaire
            WHERE pp.enseignant_id = @personneId AND c.annee_scolaire = @annee AND {Echeances.PeriodeDue}
        ) t WHERE t.appreciations_generales_manquantes > 0 OR NOT t.conseil_saisi
        ORDER BY t.fin_periode, t.code;
        """;

    private sealed record LigneAppreciations(
        Guid ServiceId, Guid PeriodeId, string Decoupage, short Numero, DateOnly FinPeriode, string Matiere, string Code, string Libelle, int Effectif, int Manquantes);

    private sealed record LigneConseil(
        Guid ClasseId, Guid PeriodeId, string Decoupage, short Numero, DateOnly FinPeriode, string Code, string Libelle, int Effectif,
        int AppreciationsGeneralesManquantes, bool ConseilSaisi);

    private static async Task<Results<Ok<MonAFaire>, ProblemHttpResult>> Handle(
        ICurrentUser utilisateur, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var (aujourdhui, echeance, maintenant) = Echeances.Maintenant(clock);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
            new { personneId, annee = AnneeScolaire.Courante(clock), aujourdhui, echeance, maintenant }, cancellationToken: ct));
        var evaluations = (await lecture.ReadAsync<EvaluationANoter>()).ToArray();
        var appreciations = (await lecture.ReadAsync<LigneAppreciations>()).Select(l => new AppreciationsAttendues(l.ServiceId, l.PeriodeId,
            Periode.Libeller(l.Decoupage, l.Numero), l.FinPeriode, l.Matiere, l.Code, l.Libelle, l.Effectif, l.Manquantes)).ToArray();
        var conseils = (await lecture.ReadAsync<LigneConseil>()).Select(l => new ConseilAttendu(l.ClasseId, l.PeriodeId,
            Periode.Libeller(l.Decoupage, l.Numero), l.FinPeriode, l.Code, l.Libelle, l.Effectif, l.AppreciationsGeneralesManquantes, l.ConseilSaisi)).ToArray();
        return TypedResults.Ok(new MonAFaire(evaluations, appreciations, conseils));
    }
}
