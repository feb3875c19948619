using Dapper;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Conversations;

/// <summary>
/// GET /api/communication/messagerie/pieces-jointes/{id} — downloads a message's file: for its uploader, and for the
/// participants of a conversation where it was sent. Anyone else gets 404. Always an attachment, never sniffed.
/// </summary>
internal static class TelechargerPieceJointeMessageEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/messagerie/pieces-jointes/{id:guid}", Handle)
        .WithName("TelechargerPieceJointeMessage")
        .WithSummary("Télécharge un fichier joint à un message (son auteur, les participants de la conversation).")
        .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Jpeg, TypeDocument.Png, TypeDocument.Docx, TypeDocument.Xlsx,
            TypeDocument.Pptx, TypeDocument.Odt, TypeDocument.Ods, TypeDocument.Odp, TypeDocument.Doc, TypeDocument.Xls)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT pj.nom_stockage, pj.nom_original, pj.type_contenu
        FROM communication.piece_jointe pj
        WHERE pj.id = @id
          AND (pj.depose_par = @personneId OR EXISTS (
              SELECT 1 FROM communication.message_piece_jointe mp
              JOIN communication.message m ON m.id = mp.message_id
              JOIN communication.participant p ON p.conversation_id = m.conversation_id
              WHERE mp.piece_jointe_id = pj.id AND p.personne_id = @personneId))
        """;

    private sealed record Fichier(string NomStockage, string NomOriginal, string TypeContenu);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, ICurrentUser utilisateur, StockagePiecesJointesMessagerie stockage, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var fichier = await conn.QuerySingleOrDefaultAsync<Fichier>(new CommandDefinition(Sql, new { id, personneId }, cancellationToken: ct));
        if (fichier is null || stockage.Ouvrir(fichier.NomStockage) is not { } flux)
        {
            return Problemes.Introuvable("Aucun fichier ne correspond à cette adresse.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(flux, fichier.TypeContenu, fichier.NomOriginal);
    }
}
