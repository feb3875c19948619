using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sante;

/// <summary>
/// GET /api/viescolaire/eleves/{eleveId}/pai — what the school team needs of a pupil's PAI: whether there is one, and its
/// emergency instructions; never the visits, the allergies' details or the treatments. For whoever follows the pupil's
/// attendance (their teachers this year, the CPE, the head, the family, the pupil) and the nurse. Read in the access log.
/// </summary>
internal static class ObtenirConsignesPaiEndpoint
{
    /// <summary>The PAI as teachers see it.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Pai">True when a PAI is in force (« PAI : voir l'infirmerie »).</param>
    /// <param name="ConsignesUrgence">Its emergency instructions.</param>
    internal sealed record ConsignesPai(Guid EleveId, bool Pai, string? ConsignesUrgence);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/pai", Handle)
        .WithName("ObtenirConsignesPai")
        .WithSummary("Indique si un élève a un PAI et ses consignes d'urgence (ses professeurs, la vie scolaire, la famille, l'infirmerie).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ConsignesPai>, ProblemHttpResult>> Handle(Guid eleveId, HttpContext http, ICurrentUser utilisateur,
        IReglesAcces regles, IJournalAcces journal, CleSante cle, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId
            || !(await regles.PeutLireAsync(personneId, eleveId, Domaine.VieScolaire, ct) || await regles.PeutLireAsync(personneId, eleveId, Domaine.Sante, ct)))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var pai = await LectureSante.PaiAsync(conn, cle, eleveId, ct);
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.Sante, ActionAcces.Lecture, "ObtenirConsignesPai", ct);
        return TypedResults.Ok(new ConsignesPai(eleveId, pai is not null, pai?.ConsignesUrgence));
    }
}
