using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// GET /api/communication/annonces/{id}/pieces-jointes/{pieceId} — downloads an announcement's file: for those it
/// addresses, in its publication window, and for those who follow it up (its author, the direction and the desk).
/// Anyone else gets 404. Always an attachment, never sniffed.
/// </summary>
internal static partial class TelechargerPieceJointeAnnonceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/annonces/{id:guid}/pieces-jointes/{pieceId:guid}", Handle)
        .WithName("TelechargerPieceJointeAnnonce")
        .WithSummary("Télécharge un fichier joint à une annonce (ses destinataires, son auteur, la direction et la vie scolaire).")
        .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Jpeg, TypeDocument.Png, TypeDocument.Docx, TypeDocument.Xlsx,
            TypeDocument.Pptx, TypeDocument.Odt, TypeDocument.Ods, TypeDocument.Odp, TypeDocument.Doc, TypeDocument.Xls)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT p.nom_stockage, p.nom_original, p.type_contenu,
               EXISTS (SELECT 1 FROM communication.annonce_destinataire d JOIN communication.annonce a ON a.id = d.annonce_id
                       WHERE d.annonce_id = p.annonce_id AND d.personne_id = @personneId
                         AND a.visible_du <= @maintenant AND (a.visible_au IS NULL OR a.visible_au > @maintenant)
                         AND a.retiree_le IS NULL) AS destinataire
        FROM communication.annonce_piece_jointe p
        WHERE p.id = @pieceId AND p.annonce_id = @id
        """;

    private sealed record Fichier(string NomStockage, string NomOriginal, string TypeContenu, bool Destinataire);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Handle(
        Guid id, Guid pieceId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, StockageAnnonces stockage, NpgsqlDataSource db,
        TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var introuvable = Problemes.Introuvable("Aucun fichier ne correspond à cette adresse.");
        await using var conn = await db.OpenConnectionAsync(ct);
        var fichier = await conn.QuerySingleOrDefaultAsync<Fichier>(new CommandDefinition(Sql,
            new { id, pieceId, personneId, maintenant = clock.GetUtcNow() }, cancellationToken: ct));
        if (fichier is null || (!fichier.Destinataire && await SuiviAnnonce.TrouverAsync(conn, regles, personneId, id, ct) is null))
        {
            return introuvable;
        }

        var flux = stockage.Ouvrir(fichier.NomStockage);
        if (flux is null)
        {
            FichierManquant(logs.CreateLogger("Ent.Communication.Annonces"), pieceId, fichier.NomStockage, stockage.Dossier);
            return Problemes.Introuvable("Ce fichier n'est plus disponible : demandez à l'auteur de l'annonce de le joindre à nouveau.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(flux, fichier.TypeContenu, fichier.NomOriginal);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Fichier {PieceId} d'une annonce absent du disque ({NomStockage} dans {Dossier})")]
    private static partial void FichierManquant(ILogger logger, Guid pieceId, string nomStockage, string dossier);
}
