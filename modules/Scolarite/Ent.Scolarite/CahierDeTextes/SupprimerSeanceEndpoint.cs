using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// DELETE /api/scolarite/services/{serviceId}/seances/{seanceId} — the service's teacher removes a lesson's page, with
/// its files, links, homework and their ticks. Anyone else gets 404.
/// </summary>
internal static class SupprimerSeanceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/services/{serviceId:guid}/seances/{seanceId:guid}", Handle)
        .WithName("SupprimerSeance")
        .WithSummary("Supprime la page du cahier de textes d'un cours, avec ses fichiers, liens et devoirs.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        WITH s AS (
            DELETE FROM scolarite.seance WHERE id = @seanceId AND service_id = @serviceId
              AND service_id IN (SELECT id FROM scolarite.service_enseignement WHERE enseignant_id = @personneId)
            RETURNING id)
        SELECT p.nom_stockage FROM scolarite.seance_piece_jointe p JOIN s ON s.id = p.seance_id
        UNION ALL SELECT '' FROM s
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid serviceId, Guid seanceId, ICurrentUser utilisateur, NpgsqlDataSource db, StockagePiecesJointes stockage, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = (await conn.QueryAsync<string>(new CommandDefinition(Sql, new { seanceId, serviceId, personneId }, cancellationToken: ct))).AsList();
        if (lignes.Count == 0)
        {
            return Problemes.Introuvable("Aucune page de cours de cet enseignant ne correspond à cette adresse.");
        }

        // The rows are gone (the files' rows with them, ON DELETE CASCADE): a file left on disk would be served by nothing.
        foreach (var nom in lignes.Where(n => n.Length > 0))
        {
            stockage.Supprimer(nom);
        }

        return TypedResults.NoContent();
    }
}
