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

namespace Ent.Communication.Consentements;

/// <summary>
/// GET /api/communication/consentements/{id}/pieces-jointes/{pieceId} — downloads a consent form's document: for the
/// guardians it asks, and for those who follow it up (its organiser, the direction and the desk). Anyone else gets 404.
/// Always an attachment, never sniffed.
/// </summary>
internal static partial class TelechargerPieceJointeConsentementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/consentements/{id:guid}/pieces-jointes/{pieceId:guid}", Handle)
        .WithName("TelechargerPieceJointeConsentement")
        .WithSummary("Télécharge un document d'une demande d'autorisation (les familles concernées, son organisateur, la direction et la vie scolaire).")
        .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Jpeg, TypeDocument.Png, TypeDocument.Docx, TypeDocument.Xlsx,
            TypeDocument.Pptx, TypeDocument.Odt, TypeDocument.Ods, TypeDocument.Odp, TypeDocument.Doc, TypeDocument.Xls)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT p.nom_stockage, p.nom_original, p.type_contenu,
               EXISTS (SELECT 1 FROM communication.consentement_famille f
                       WHERE f.consentement_id = p.consentement_id AND f.responsable_id = @personneId) AS destinataire
        FROM communication.consentement_piece_jointe p
        WHERE p.id = @pieceId AND p.consentement_id = @id
        """;

    private sealed record Fichier(string NomStockage, string NomOriginal, string TypeContenu, bool Destinataire);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Handle(
        Guid id, Guid pieceId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, StockageConsentements stockage, NpgsqlDataSource db,
        ILoggerFactory logs, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var introuvable = Problemes.Introuvable("Aucun fichier ne correspond à cette adresse.");
        await using var conn = await db.OpenConnectionAsync(ct);
        var fichier = await conn.QuerySingleOrDefaultAsync<Fichier>(new CommandDefinition(Sql,
            new { id, pieceId, personneId }, cancellationToken: ct));
        if (fichier is null || (!fichier.Destinataire && await Consentement.TrouverAsync(conn, regles, personneId, id, ct) is null))
        {
            return introuvable;
        }

        var flux = stockage.Ouvrir(fichier.NomStockage);
        if (flux is null)
        {
            FichierManquant(logs.CreateLogger("Ent.Communication.Consentements"), pieceId, fichier.NomStockage, stockage.Dossier);
            return Problemes.Introuvable("Ce fichier n'est plus disponible : demandez à l'organisateur de le joindre à nouveau.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(flux, fichier.TypeContenu, fichier.NomOriginal);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Fichier {PieceId} d'une demande d'autorisation absent du disque ({NomStockage} dans {Dossier})")]
    private static partial void FichierManquant(ILogger logger, Guid pieceId, string nomStockage, string dossier);
}
