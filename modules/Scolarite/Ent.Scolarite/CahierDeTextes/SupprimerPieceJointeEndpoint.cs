using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// DELETE /api/scolarite/services/{serviceId}/seances/{seanceId}/pieces-jointes/{pieceId} — the service's teacher removes
/// a file from a lesson's page. Anyone else gets 404.
/// </summary>
internal static class SupprimerPieceJointeEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/services/{serviceId:guid}/seances/{seanceId:guid}/pieces-jointes/{pieceId:guid}", Handle)
        .WithName("SupprimerPieceJointe")
        .WithSummary("Retire un fichier de la page d'un cours.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        DELETE FROM scolarite.seance_piece_jointe p
        USING scolarite.seance s, scolarite.service_enseignement se
        WHERE p.id = @pieceId AND p.seance_id = @seanceId AND s.id = p.seance_id AND s.service_id = @serviceId
          AND se.id = s.service_id AND se.enseignant_id = @personneId
        RETURNING p.nom_stockage
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(
        Guid serviceId, Guid seanceId, Guid pieceId, ICurrentUser utilisateur, NpgsqlDataSource db, StockagePiecesJointes stockage, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var nom = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(Sql, new { pieceId, seanceId, serviceId, personneId }, cancellationToken: ct));
        if (nom is null)
        {
            return Problemes.Introuvable("Aucun fichier de cet enseignant ne correspond à cette adresse.");
        }

        stockage.Supprimer(nom);
        return TypedResults.NoContent();
    }
}
