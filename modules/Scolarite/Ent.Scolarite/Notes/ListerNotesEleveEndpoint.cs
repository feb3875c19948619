using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Annees;
using Ent.Scolarite.Periodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Notes;

/// <summary>
/// GET /api/scolarite/eleves/{eleveId}/notes?annee=&amp;periodeId= — a pupil's grades for a period of a school year (the
/// current year and period by default; a period's id names its year, so a link to last year's period opens it),
/// subject by subject: each result with the assessment's class figures, the pupil's average and the class's, the
/// teacher's appraisal, and the general averages. For the pupil, their legal guardians and the staff the access rules
/// allow (another year than the current one without teaching's rights); anyone else gets 404. Families see an
/// assessment from its publication day. Each read is logged.
/// </summary>
internal static class ListerNotesEleveEndpoint
{
    /// <summary>A period of the school year.</summary>
    /// <param name="Id">Identifier.</param>
    /// <param name="Libelle">e.g. « 1er trimestre ».</param>
    /// <param name="Debut">First day.</param>
    /// <param name="Fin">Last day.</param>
    /// <param name="BulletinPublie">True once the report card of the period can be read and downloaded.</param>
    internal sealed record PeriodeNotes(Guid Id, string Libelle, DateOnly Debut, DateOnly Fin, bool BulletinPublie);

    /// <summary>A result of the pupil, with the assessment's figures.</summary>
    /// <param name="EvaluationId">The assessment.</param>
    /// <param name="Date">When it took place.</param>
    /// <param name="Titre">Its title.</param>
    /// <param name="Bareme">Its maximum mark.</param>
    /// <param name="Coefficient">Its weight in the subject.</param>
    /// <param name="Mode">normale, bonus or facultative.</param>
    /// <param name="CompteDansMoyenne">False: shown, not counted.</param>
    /// <param name="Valeur">The pupil's mark, or null with a marker.</param>
    /// <param name="Marqueur">absent, dispense, non_note or non_rendu, or null.</param>
    /// <param name="Commentaire">The teacher's comment, if any.</param>
    /// <param name="MoyenneClasse">The assessment's average (on its scale).</param>
    /// <param name="Min">Lowest mark.</param>
    /// <param name="Max">Highest mark.</param>
    /// <param name="SaisieLe">When the result was entered or last corrected (UTC).</param>
    internal sealed record NoteDetail(
        Guid EvaluationId, DateOnly Date, string Titre, decimal Bareme, decimal Coefficient, string Mode, bool CompteDansMoyenne, decimal? Valeur,
        string? Marqueur, string? Commentaire, decimal? MoyenneClasse, decimal? Min, decimal? Max, DateTime SaisieLe);

    /// <summary>A subject (teaching service) of the pupil for the period.</summary>
    /// <param name="ServiceId">The teaching service.</param>
    /// <param name="Matiere">Subject name.</param>
    /// <param name="MatiereCode">The subject's code (e.g. MATHS), as links name it (<c>/notes?matiere=</c>).</param>
    /// <param name="Coefficient">The subject's weight in the general average.</param>
    /// <param name="Moyenne">The pupil's average (/20), null when nothing counts.</param>
    /// <param name="MoyenneClasse">The class's average (/20): the mean of its pupils' averages.</param>
    /// <param name="Min">Lowest pupil average of the class.</param>
    /// <param name="Max">Highest pupil average of the class.</param>
    /// <param name="Appreciation">The teacher's appraisal for the period, once the report cards are published.</param>
    /// <param name="Notes">The pupil's results, newest first.</param>
    internal sealed record MatiereNotes(
        Guid ServiceId, string Matiere, string MatiereCode, decimal Coefficient, decimal? Moyenne, decimal? MoyenneClasse, decimal? Min, decimal? Max,
        string? Appreciation, NoteDetail[] Notes);

    /// <summary>A pupil's grades for a period.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Classe">Their class's name.</param>
    /// <param name="Periodes">Every period of the year, to switch.</param>
    /// <param name="Periode">The period shown, null when the établissement has not defined any.</param>
    /// <param name="MoyenneGenerale">The pupil's general average (/20).</param>
    /// <param name="MoyenneGeneraleClasse">The class's general average.</param>
    /// <param name="Matieres">Subject by subject, in the report card's order.</param>
    /// <param name="AnneeScolaire">The school year shown, e.g. 2025-2026.</param>
    internal sealed record NotesEleve(
        Guid EleveId, string Classe, PeriodeNotes[] Periodes, PeriodeNotes? Periode, decimal? MoyenneGenerale, decimal? MoyenneGeneraleClasse,
        MatiereNotes[] Matieres, string AnneeScolaire);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/notes", Handle)
        .WithName("ListerNotesEleve")
        .WithSummary("Les notes d'un élève pour une période, par matière, avec les moyennes de l'élève et de la classe.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string AppreciationsSql = """
        SELECT service_id, texte FROM scolarite.appreciation WHERE eleve_id = @eleveId AND periode_id = @periodeId
        """;

    private static async Task<Results<Ok<NotesEleve>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, string? annee, Guid? periodeId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (AnneeDemandee.Verifier(annee) is { } anneeInvalide)
        {
            return anneeInvalide;
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var courante = AnneeScolaire.Courante(clock);
        annee ??= (periodeId is { } demandee ? await AnneeEleve.DePeriodeAsync(conn, demandee, ct) : null) ?? courante;
        if (!await AnneeEleve.PeutLireAsync(regles, personneId, eleveId, annee, clock, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        var aujourdhui = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        if (await ClasseEleve.TrouverAsync(conn, eleveId, annee, ct) is not { } classe)
        {
            return Problemes.Introuvable(annee == courante
                ? "Cet élève n'est inscrit dans aucune classe cette année."
                : $"Cet élève n'a aucune classe en {annee}.");
        }

        var periodes = await Periode.ListerAsync(conn, classe.EtablissementId, annee, ct);
        var periode = periodeId is { } id ? periodes.FirstOrDefault(p => p.Id == id) : Periode.Courante(periodes, aujourdhui);
        if (periodeId is not null && periode is null)
        {
            return Problemes.Introuvable("Aucune période de l'année de cet élève ne correspond.");
        }

        var maintenant = clock.GetUtcNow();
        var vuesPeriodes = periodes.Select(p => new PeriodeNotes(p.Id, p.Libelle, p.Debut, p.Fin, p.BulletinsPublies(maintenant))).ToArray();
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "ListerNotesEleve", ct);
        if (periode is null)
        {
            return TypedResults.Ok(new NotesEleve(eleveId, classe.Libelle, vuesPeriodes, null, null, null, [], annee));
        }

        // Families (and everyone reading a pupil's page) see what families see: the published assessments only.
        var releve = await ReleveClasse.ChargerAsync(conn, classe.EtablissementId, classe.Id, periode.Id, aujourdhui, ct);
        // Appraisals are the report card's: they show once the head has published the period's report cards.
        var appreciations = periode.BulletinsPublies(clock.GetUtcNow())
            ? (await conn.QueryAsync<(Guid ServiceId, string Texte)>(new CommandDefinition(AppreciationsSql,
                new { eleveId, periodeId = periode.Id }, cancellationToken: ct))).ToDictionary(a => a.ServiceId, a => a.Texte)
            : [];

        var matieres = releve.ServicesDe(eleveId).Select(s =>
        {
            var stats = releve.StatsService(s.Id);
            var notes = releve.EvaluationsDe(s.Id)
                .Select(e => (Evaluation: e, Note: releve.NoteDe(e.Id, eleveId)))
                .Where(x => x.Note is not null)
                .OrderByDescending(x => x.Evaluation.Date).ThenByDescending(x => x.Note!.SaisieLe)
                .Select(x =>
                {
                    var figures = releve.StatsEvaluation(x.Evaluation.Id);
                    return new NoteDetail(x.Evaluation.Id, x.Evaluation.Date, x.Evaluation.Titre, x.Evaluation.Bareme, x.Evaluation.Coefficient,
                        x.Evaluation.Mode, x.Evaluation.CompteDansMoyenne, x.Note!.Valeur, x.Note.Marqueur, x.Note.Commentaire,
                        figures.Moyenne, figures.Min, figures.Max, x.Note.SaisieLe);
                }).ToArray();
            return new MatiereNotes(s.Id, s.MatiereLibelle, s.MatiereCode, s.Coefficient, releve.Moyenne(eleveId, s.Id), stats.Moyenne, stats.Min, stats.Max,
                appreciations.GetValueOrDefault(s.Id), notes);
        }).ToArray();

        return TypedResults.Ok(new NotesEleve(eleveId, classe.Libelle, vuesPeriodes, vuesPeriodes.Single(p => p.Id == periode.Id),
            releve.MoyenneGenerale(eleveId), releve.StatsGenerales().Moyenne, matieres, annee));
    }
}
