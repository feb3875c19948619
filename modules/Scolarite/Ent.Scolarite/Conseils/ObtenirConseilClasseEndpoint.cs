using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Conseils;

/// <summary>
/// GET /api/scolarite/classes/{classeId}/periodes/{periodeId}/conseil — the class council's sheet: each pupil's general
/// average, the head teacher's appraisal and the council's decision. For the head teacher and the établissement's
/// administrators; anyone else gets 404.
/// </summary>
internal static class ObtenirConseilClasseEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/classes/{classeId:guid}/periodes/{periodeId:guid}/conseil", Handle)
        .WithName("ObtenirConseilClasse")
        .WithSummary("Le conseil de classe d'une période : moyennes générales, appréciations du professeur principal et décisions.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ConseilClasse>, ProblemHttpResult>> Handle(
        Guid classeId, Guid periodeId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IAnnuaire annuaire,
        IJournalAcces journal, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await ConseilClasse.AccederAsync(conn, regles, personneId, classeId, periodeId, ct) is not { } acces)
        {
            return Problemes.Introuvable("Aucune de vos classes ne correspond à cette adresse.");
        }

        var conseil = await ConseilClasse.ChargerAsync(conn, acces, annuaire, ct);
        await journal.NoterAsync(http, utilisateur, conseil.Eleves.Select(e => e.EleveId).ToArray(), Domaine.TravailScolaire, ActionAcces.Lecture,
            "ObtenirConseilClasse", ct);
        return TypedResults.Ok(conseil);
    }
}
