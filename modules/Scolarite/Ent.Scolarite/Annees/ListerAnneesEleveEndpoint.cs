using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Annees;

/// <summary>
/// GET /api/scolarite/eleves/{eleveId}/annees — the school years a pupil has a class in, newest first: what the family's
/// year selector offers (grades, report cards, absences). Nothing is deleted at the rentrée, so last year's class is
/// still there. The current year is listed to whoever may read the pupil's school work; other years only to those who
/// may read them (not to a teacher: teaching gives rights for the year taught only). Anyone else gets 404.
/// </summary>
internal static class ListerAnneesEleveEndpoint
{
    /// <summary>A school year of the pupil.</summary>
    /// <param name="Annee">e.g. 2025-2026.</param>
    /// <param name="Courante">True for the current school year.</param>
    /// <param name="Classe">The pupil's class that year, e.g. « Seconde 1 ».</param>
    internal sealed record AnneeEleveVue(string Annee, bool Courante, string Classe);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/annees", Handle)
        .WithName("ListerAnneesEleve")
        .WithSummary("Les années scolaires d'un élève (celles où il avait une classe), la plus récente d'abord.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    // One class per pupil and year; should an import have left two, the first by id, as ClasseEleve reads it.
    private const string Sql = """
        SELECT DISTINCT ON (c.annee_scolaire) c.annee_scolaire AS annee, c.libelle AS classe
        FROM scolarite.inscription_classe i
        JOIN scolarite.classe c ON c.id = i.classe_id
        WHERE i.eleve_id = @eleveId
        ORDER BY c.annee_scolaire DESC, c.id
        """;

    private static async Task<Results<Ok<AnneeEleveVue[]>, ProblemHttpResult>> Handle(
        Guid eleveId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var courante = AnneeScolaire.Courante(clock);
        var cetteAnnee = await regles.PeutLireAsync(personneId, eleveId, Domaine.TravailScolaire, ct);
        var autres = await regles.PeutLireAutreAnneeAsync(personneId, eleveId, Domaine.TravailScolaire, ct);
        if (!cetteAnnee && !autres)
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var annees = (await conn.QueryAsync<(string Annee, string Classe)>(new CommandDefinition(Sql, new { eleveId }, cancellationToken: ct)))
            .Where(a => a.Annee == courante ? cetteAnnee : autres)
            .Select(a => new AnneeEleveVue(a.Annee, a.Annee == courante, a.Classe))
            .ToArray();
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.TravailScolaire, ActionAcces.Lecture, "ListerAnneesEleve", ct);
        return TypedResults.Ok(annees);
    }
}
