using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.VieScolaire.Justificatifs;

/// <summary>
/// GET /api/viescolaire/eleves/{eleveId}/justificatifs — a pupil's justifications, newest first, with their status, the
/// desk's decision and the absences they cover: the family's page and the desk's view of one pupil. For whoever may
/// read the pupil's attendance (the pupil, their legal guardians, their teachers, the CPE and the head); anyone else
/// gets 404. Each read is logged.
/// </summary>
internal static class ListerJustificatifsEleveEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/eleves/{eleveId:guid}/justificatifs", Handle)
        .WithName("ListerJustificatifsEleve")
        .WithSummary("Les justificatifs d'absence d'un élève, du plus récent au plus ancien, avec la décision de la vie scolaire.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id FROM viescolaire.justificatif WHERE eleve_id = @eleveId ORDER BY depose_le DESC, id LIMIT 500
        """;

    private static async Task<Results<Ok<Justificatif[]>, ProblemHttpResult>> Handle(
        Guid eleveId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal, IAnnuaire annuaire,
        IServicesEnseignement enseignement, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (!await regles.PeutLireAsync(personneId, eleveId, Domaine.VieScolaire, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var ids = (await conn.QueryAsync<Guid>(new CommandDefinition(Sql, new { eleveId }, cancellationToken: ct))).AsList();
        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.VieScolaire, ActionAcces.Lecture, "ListerJustificatifsEleve", ct);
        return TypedResults.Ok(await LectureJustificatifs.ChargerAsync(conn, ids, annuaire, enseignement, ct));
    }
}
