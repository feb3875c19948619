using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Notes;

/// <summary>
/// GET /api/scolarite/eleves/{eleveId}/dernieres-notes — a pupil's latest results, newest entered first, each with the
/// assessment's class average: what the family's home page shows. Same access rules and log as the grades page.
/// </summary>
internal static class ListerDernieresNotesEndpoint
{
    /// <summary>A recent result.</summary>
    /// <param name="EvaluationId">The assessment.</param>
    /// <param name="Matiere">Subject name.</param>
    /// <param name="Date">When the assessment took place.</param>
    /// <param name="Titre">Its title.</param>
    /// <param name="Bareme">Its maximum mark.</param>
    /// <param name="Coefficient">Its weight.</param>
    /// <param name="Valeur">The pupil's mark, or null with a marker.</param>
    /// <param name="Marqueur">absent, dispense, non_note or non_rendu, or null.</param>
    /// <param name="MoyenneClasse">The assessment's class average (on its scale), as on the grades page.</param>
    /// <param name="SaisieLe">When the result was entered (UTC).</param>
    /// <param name="PeriodeId">The assessment's period: the grades page to open for it.</param>
    /// <param name="MatiereCode">The subject's code (e.g. MATHS), as links name it (<c>/notes?matiere=</c>).</param>
    internal sealed record DerniereNote(
        Guid EvaluationId, string Matiere, DateOnly Date, string Titre, decimal Bareme, decimal Coefficient, decimal? Valeur, string? Marqueur,
        decimal? MoyenneClasse, DateTime SaisieLe, Guid PeriodeId, string MatiereCode);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/dernieres-notes", Handle)
        .WithName("ListerDernieresNotes")
        .WithSummary("Les dernières notes d'un élève, les plus récentes d'abord, avec la moyenne de la classe à chaque évaluation.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // From the pupil's grades (index on eleve_id), this school year's assessments that families may see. The class
    // average is the grades page's: marks, plus zeros for Non rendu where the établissement counts it so.
    // The limit is written into the statement (a checked number, 1 to 50): with a parameter there, PostgreSQL re-plans
    // the statement on every call (its generic plan assumes a tenth of the rows reach the per-row class average), and
    // planning took as long as running it (issue #6: 4 → 2 ms per call with the prepared, generic plan).
    private static string Sql(int limite) => $"""
        SELECT e.id AS evaluation_id, coalesce(m.libelle, s.matiere_libelle) AS matiere, e.date, e.titre, e.bareme, e.coefficient,
               n.valeur, n.marqueur,
               round((SELECT avg(CASE WHEN x.valeur IS NOT NULL THEN x.valeur WHEN x.marqueur = 'non_rendu' AND pn.non_rendu = 'zero' THEN 0 END)
                      FROM scolarite.note x WHERE x.evaluation_id = e.id), 2) AS moyenne_classe,
               n.saisie_le, p.id AS periode_id, s.matiere_code
        FROM scolarite.note n
        JOIN scolarite.evaluation e ON e.id = n.evaluation_id
        JOIN scolarite.periode p ON p.id = e.periode_id
        JOIN scolarite.service_enseignement s ON s.id = e.service_id
        LEFT JOIN scolarite.matiere m ON m.etablissement_id = p.etablissement_id AND m.code = s.matiere_code
        LEFT JOIN scolarite.parametres_notation pn ON pn.etablissement_id = p.etablissement_id
        WHERE n.eleve_id = @eleveId AND p.annee_scolaire = @annee AND (e.publication IS NULL OR e.publication <= @aujourdhui)
        ORDER BY greatest(n.saisie_le, e.publication::timestamptz) DESC, e.date DESC, e.id
        LIMIT {limite}
        """;

    private static async Task<Results<Ok<DerniereNote[]>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid eleveId, int? limite, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var nombre = limite ?? 5;
        if (nombre is < 1 or > 50)
        {
            return new Erreurs().Add("limite", "La limite est comprise entre 1 et 50.").ToProblem();
        }

        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (!await regles.PeutLireAsync(personneId, eleveId, Domaine.TravailScolaire, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var notes = await conn.QueryAsync<DerniereNote>(new CommandDefinition(Sql(nombre), new
        {
            eleveId, annee = AnneeScolaire.Courante(clock), aujourdhui = DateOnly.FromDateTime(clock.GetLocalNow().DateTime),
        }, cancellationToken: ct));
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "ListerDernieresNotes", ct);
        return TypedResults.Ok(notes.ToArray());
    }
}
