using Dapper;
using Ent.Scolarite.Enseignement;
using Ent.Scolarite.Notes;
using Npgsql;

namespace Ent.Scolarite.Evaluations;

/// <summary>An assessment with its figures, as the teacher sees it.</summary>
/// <param name="Id">Identifier.</param>
/// <param name="ServiceId">The teaching service.</param>
/// <param name="PeriodeId">The period its date falls in.</param>
/// <param name="Date">When it took place.</param>
/// <param name="Titre">Title.</param>
/// <param name="Bareme">Maximum mark.</param>
/// <param name="Coefficient">Weight within the subject.</param>
/// <param name="Mode">normale, bonus or facultative.</param>
/// <param name="CompteDansMoyenne">False: shown, never counted.</param>
/// <param name="Publication">Families see the grades from this day (null: at once).</param>
/// <param name="Saisies">How many pupils have a result (mark or marker).</param>
/// <param name="Moyenne">Class average on the assessment's scale (markers left out; Non rendu as 0 if the établissement says so).</param>
/// <param name="Min">Lowest mark.</param>
/// <param name="Max">Highest mark.</param>
internal sealed record Evaluation(
    Guid Id, Guid ServiceId, Guid PeriodeId, DateOnly Date, string Titre, decimal Bareme, decimal Coefficient, string Mode, bool CompteDansMoyenne,
    DateOnly? Publication, int Saisies, decimal? Moyenne, decimal? Min, decimal? Max)
{
    private sealed record Ligne(
        Guid Id, Guid ServiceId, Guid PeriodeId, DateOnly Date, string Titre, decimal Bareme, decimal Coefficient, string Mode,
        bool CompteDansMoyenne, DateOnly? Publication);

    private const string Sql = """
        SELECT id, service_id, periode_id, date, titre, bareme, coefficient, mode, compte_dans_moyenne, publication
        FROM scolarite.evaluation
        WHERE service_id = @serviceId AND (@evaluationId::uuid IS NULL OR id = @evaluationId) AND (@periodeId::uuid IS NULL OR periode_id = @periodeId)
        ORDER BY date DESC, cree_le DESC, id;

        SELECT n.evaluation_id, n.valeur, n.marqueur
        FROM scolarite.note n
        JOIN scolarite.evaluation e ON e.id = n.evaluation_id
        WHERE e.service_id = @serviceId AND (@evaluationId::uuid IS NULL OR e.id = @evaluationId) AND (@periodeId::uuid IS NULL OR e.periode_id = @periodeId);

        SELECT non_rendu = 'zero' FROM scolarite.parametres_notation WHERE etablissement_id = @etablissementId;
        """;

    /// <summary>A service's assessments (one of them, or a period's), newest first, with their figures.</summary>
    public static async Task<IReadOnlyList<Evaluation>> ListerAsync(NpgsqlConnection conn, ServiceEnseignant service, Guid? periodeId,
        Guid? evaluationId, CancellationToken ct)
    {
        await using var lecture = await conn.QueryMultipleAsync(new CommandDefinition(Sql,
            new { serviceId = service.Id, etablissementId = service.EtablissementId, periodeId, evaluationId }, cancellationToken: ct));
        var lignes = (await lecture.ReadAsync<Ligne>()).AsList();
        var notes = (await lecture.ReadAsync<(Guid EvaluationId, decimal? Valeur, string? Marqueur)>()).ToLookup(n => n.EvaluationId);
        var nonRenduZero = await lecture.ReadSingleOrDefaultAsync<bool>();
        return lignes.Select(l =>
        {
            var resultats = notes[l.Id].Select(n => new Resultat(n.Valeur, n.Marqueur)).ToList();
            var stats = Moyennes.StatsEvaluation(resultats, nonRenduZero);
            return new Evaluation(l.Id, l.ServiceId, l.PeriodeId, l.Date, l.Titre, l.Bareme, l.Coefficient, l.Mode, l.CompteDansMoyenne,
                l.Publication, resultats.Count, stats.Moyenne, stats.Min, stats.Max);
        }).ToList();
    }
}
