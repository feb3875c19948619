using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// DELETE /api/communication/annonces/{id}/pieces-jointes/{pieceId} — part of correcting an announcement: its author or
/// the établissement's direction removes a file (the wrong form attached). The file leaves the disk once the row is gone.
/// A withdrawn announcement keeps its files as they were (409); anyone else gets 404.
/// </summary>
internal static class SupprimerPieceJointeAnnonceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/annonces/{id:guid}/pieces-jointes/{pieceId:guid}", Handle)
        .WithName("SupprimerPieceJointeAnnonce")
        .WithSummary("Retire un fichier joint d'une annonce (son auteur, la direction).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private const string Sql = """
        DELETE FROM communication.annonce_piece_jointe WHERE id = @pieceId AND annonce_id = @id RETURNING nom_stockage
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, Guid pieceId, ICurrentUser utilisateur, IReglesAcces regles,
        StockageAnnonces stockage, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var annonce = await SuiviAnnonce.TrouverPourModifierAsync(conn, tx, regles, moi, id, ct);
        if (annonce is null)
        {
            return Problemes.Introuvable(SuiviAnnonce.Introuvable(id));
        }

        if (annonce.RetireeLe is not null)
        {
            return Problemes.Conflit("Cette annonce a été retirée : ses fichiers restent tels qu'ils étaient.");
        }

        var nom = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(Sql, new { id, pieceId }, tx, cancellationToken: ct));
        if (nom is null)
        {
            return Problemes.Introuvable("Aucun fichier ne correspond à cette adresse.");
        }

        await tx.CommitAsync(ct);
        stockage.Supprimer(nom);
        return TypedResults.NoContent();
    }
}
