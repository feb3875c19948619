using System.Security.Claims;
using Dapper;
using Ent.Communication.Conversations;
using Ent.Identite.Contracts;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// GET /api/communication/signalements/{id}/pieces-jointes/{pieceId} — a file of a report, for who filed it and its
/// receivers (a read of the report: in the access log). Anyone else gets 404. Always an attachment, never sniffed.
/// </summary>
internal static class TelechargerPieceJointeSignalementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/signalements/{id:guid}/pieces-jointes/{pieceId:guid}", Handle)
        .WithName("TelechargerPieceJointeSignalement")
        .WithSummary("Télécharge un fichier joint à un signalement (son auteur, ses destinataires).")
        .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Jpeg, TypeDocument.Png, TypeDocument.Docx, TypeDocument.Xlsx,
            TypeDocument.Pptx, TypeDocument.Odt, TypeDocument.Ods, TypeDocument.Odp, TypeDocument.Doc, TypeDocument.Xls)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record Fichier(string NomStockage, string NomOriginal, string TypeContenu);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Handle(Guid id, Guid pieceId, HttpContext http, ICurrentUser utilisateur,
        AccesSignalements acces, IJournalAcces journal, StockagePiecesJointesMessagerie stockage, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var dossier = await Dossiers.ChargerAsync(conn, id, ct);
        var role = dossier is null ? null : await Dossiers.RoleAsync(acces, moi, dossier, ct);
        var fichier = role is null ? null : await conn.QuerySingleOrDefaultAsync<Fichier>(new CommandDefinition(
            "SELECT nom_stockage, nom_original, type_contenu FROM communication.signalement_piece_jointe WHERE id = @pieceId AND dossier_id = @id",
            new { id, pieceId }, cancellationToken: ct));
        if (dossier is null || fichier is null || stockage.Ouvrir(fichier.NomStockage) is not { } flux)
        {
            return Problemes.Introuvable("Aucun fichier ne correspond à cette adresse.");
        }

        await journal.NoterAsync(new AccesDonnees(moi, http.User.FindFirstValue("client_id"), dossier.EleveId, Domaine.VieScolaire, ActionAcces.Lecture,
            ReglesSignalement.Operation("TelechargerPieceJointeSignalement", dossier), http.Connection.RemoteIpAddress, dossier.EtablissementId), ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(flux, fichier.TypeContenu, fichier.NomOriginal);
    }
}
