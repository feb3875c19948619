using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Sante;

/// <summary>
/// GET /api/viescolaire/eleves/{eleveId}/sante — a pupil's health record: the PAI in force and the infirmary visits of
/// this school year and the previous one, latest first. For the établissement's nurse, the pupil's legal guardians and
/// the pupil from 15 years old (the access rules' domain « sante »); teachers, CPE and head get 404 like strangers.
/// Every read is in the access log.
/// </summary>
internal static class ObtenirDossierSanteEndpoint
{
    /// <summary>A pupil's health record.</summary>
    /// <param name="EleveId">The pupil.</param>
    /// <param name="Pai">The health plan in force, if any.</param>
    /// <param name="Passages">The infirmary visits kept (this school year and the previous one), latest first.</param>
    /// <param name="Modifiable">True for the nurse, who records visits and the PAI.</param>
    internal sealed record DossierSante(Guid EleveId, Pai? Pai, IReadOnlyList<PassageInfirmerie> Passages, bool Modifiable);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/sante", Handle)
        .WithName("ObtenirDossierSante")
        .WithSummary("Dossier de santé scolaire d'un élève : PAI et passages à l'infirmerie (infirmier·ère, responsables légaux, l'élève dès 15 ans).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<DossierSante>, ProblemHttpResult>> Handle(Guid eleveId, HttpContext http, ICurrentUser utilisateur,
        IReglesAcces regles, IJournalAcces journal, CleSante cle, Horaires horaires, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId || !await regles.PeutLireAsync(personneId, eleveId, Domaine.Sante, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var pai = await LectureSante.PaiAsync(conn, cle, eleveId, ct);
        var passages = await LectureSante.PassagesAsync(conn, cle, eleveId, LectureSante.DebutConservation(horaires), ct);
        var modifiable = await regles.PeutEcrireAsync(personneId, eleveId, Domaine.Sante, ct);
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.Sante, ActionAcces.Lecture, "ObtenirDossierSante", ct);
        return TypedResults.Ok(new DossierSante(eleveId, pai, passages, modifiable));
    }
}
