using Dapper;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// GET /api/communication/evenements/pieces-jointes/{pieceId} — downloads an event's file, for whoever may read the event;
/// anyone else gets 404. Always an attachment, never sniffed. DELETE on the same address removes it (those who may
/// change the event).
/// </summary>
internal static class TelechargerPieceJointeEvenementEndpoint
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/evenements/pieces-jointes/{pieceId:guid}", Handle)
            .WithName("TelechargerPieceJointeEvenement")
            .WithSummary("Télécharge un fichier joint à un événement du calendrier scolaire (qui peut lire l'événement).")
            .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Jpeg, TypeDocument.Png, TypeDocument.Docx, TypeDocument.Xlsx,
                TypeDocument.Pptx, TypeDocument.Odt, TypeDocument.Ods, TypeDocument.Odp, TypeDocument.Doc, TypeDocument.Xls)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/evenements/pieces-jointes/{pieceId:guid}", Supprimer)
            .WithName("SupprimerPieceJointeEvenement")
            .WithSummary("Retire un fichier d'un événement du calendrier scolaire (qui peut modifier l'événement).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private const string Sql = """
        SELECT evenement_id, nom_stockage, nom_original, type_contenu FROM communication.evenement_piece_jointe WHERE id = @pieceId
        """;

    private sealed record Fichier(Guid EvenementId, string NomStockage, string NomOriginal, string TypeContenu);

    private const string Introuvable = "Aucun fichier ne correspond à cette adresse.";

    private static async Task<(Fichier? Fichier, LigneEvenement? Evenement, IReadOnlyList<Regard> Regards)> ChargerAsync(
        Guid pieceId, Guid personneId, Regards regards, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var fichier = await conn.QuerySingleOrDefaultAsync<Fichier>(new CommandDefinition(Sql, new { pieceId }, cancellationToken: ct));
        var evenement = fichier is null ? null : await Calendrier.TrouverAsync(conn, fichier.EvenementId, ct);
        return (fichier, evenement, evenement is null ? [] : await regards.DeAsync(personneId, ct));
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Handle(
        Guid pieceId, HttpContext http, ICurrentUser utilisateur, Regards regards, StockagePiecesJointesAgenda stockage, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var (fichier, evenement, siens) = await ChargerAsync(pieceId, personneId, regards, db, ct);
        if (fichier is null || evenement is null || !Regards.PeutLire(siens, evenement, personneId) || stockage.Ouvrir(fichier.NomStockage) is not { } flux)
        {
            return Problemes.Introuvable(Introuvable);
        }

        // A file is data, never a page: downloaded (Content-Disposition: attachment), its type never guessed by the browser.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(flux, fichier.TypeContenu, fichier.NomOriginal);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Supprimer(
        Guid pieceId, ICurrentUser utilisateur, Regards regards, StockagePiecesJointesAgenda stockage, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var (fichier, evenement, siens) = await ChargerAsync(pieceId, personneId, regards, db, ct);
        if (fichier is null || evenement is null || !Regards.PeutLire(siens, evenement, personneId))
        {
            return Problemes.Introuvable(Introuvable);
        }

        if (!Regards.PeutModifier(siens, evenement, personneId))
        {
            return ModifierEvenementEndpoint.Interdit();
        }

        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition("DELETE FROM communication.evenement_piece_jointe WHERE id = @pieceId", new { pieceId },
                cancellationToken: ct));
        }

        // The row is gone first: a file left on disk by a failure here is unreachable, never a row without its file.
        stockage.Supprimer(fichier.NomStockage);
        return TypedResults.NoContent();
    }
}
