using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Kernel.Documents;
using Ent.VieScolaire.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.VieScolaire.Justificatifs;

/// <summary>
/// GET /api/viescolaire/justificatifs/{id}/document — the document a family attached, as a download (never shown inline,
/// never sniffed). For the pupil's legal guardians and the établissement's vie scolaire desk (CPE, head); anyone else,
/// teachers included, gets 404. Each download is logged.
/// </summary>
internal static partial class TelechargerDocumentJustificatifEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/justificatifs/{id:guid}/document", Handle)
        .WithName("TelechargerDocumentJustificatif")
        .WithSummary("Télécharge le document joint à un justificatif (responsables légaux de l'élève, CPE et direction).")
        // A Stream is described as binary content (format: binary): the generated client answers a FileResponse.
        .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Jpeg, TypeDocument.Png)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT j.eleve_id, j.etablissement_id, d.nom_stockage, d.nom_original, d.type_contenu
        FROM viescolaire.justificatif j JOIN viescolaire.document d ON d.id = j.document_id
        WHERE j.id = @id
        """;

    private sealed record Document(Guid EleveId, Guid EtablissementId, string NomStockage, string NomOriginal, string TypeContenu);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal, StockageJustificatifs stockage,
        NpgsqlDataSource db, ILoggerFactory logs, CancellationToken ct)
    {
        var introuvable = Problemes.Introuvable("Aucun document ne correspond à cette adresse.");
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        Document? document;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            document = await conn.QuerySingleOrDefaultAsync<Document>(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
        }

        if (document is null
            || !(await regles.EstResponsableLegalAsync(personneId, document.EleveId, ct)
                 || await regles.PeutSuivreVieScolaireAsync(personneId, document.EtablissementId, ct)))
        {
            return introuvable;
        }

        var fichier = stockage.Ouvrir(document.NomStockage);
        if (fichier is null)
        {
            FichierManquant(logs.CreateLogger("Ent.VieScolaire.Documents"), id, document.NomStockage, stockage.Dossier);
            return Problemes.Introuvable("Le document de ce justificatif n'est plus disponible : demandez à la famille de le renvoyer.");
        }

        await journal.NoterAsync(http, utilisateur, document.EleveId, Domaine.VieScolaire, ActionAcces.Lecture, "TelechargerDocumentJustificatif", ct);
        // A family's file is data, never a page: downloaded, not rendered, and its type never guessed by the browser.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(fichier, document.TypeContenu, document.NomOriginal);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Document du justificatif {JustificatifId} absent du disque ({NomStockage} dans {Dossier})")]
    private static partial void FichierManquant(ILogger logger, Guid justificatifId, string nomStockage, string dossier);
}
