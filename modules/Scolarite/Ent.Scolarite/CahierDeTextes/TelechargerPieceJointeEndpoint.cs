using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Ent.Scolarite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// GET /api/scolarite/pieces-jointes/{pieceId} — downloads a lesson's file: for the service's teacher always; once the
/// page is published, for the pupils the service teaches, their legal guardians, the class's teachers and head
/// teachers, the direction and the vie scolaire desk. Anyone else gets 404. Always an attachment, never sniffed.
/// </summary>
internal static partial class TelechargerPieceJointeEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/pieces-jointes/{pieceId:guid}", Handle)
        .WithName("TelechargerPieceJointe")
        .WithSummary("Télécharge un fichier joint à la page d'un cours (élèves du cours, leurs responsables, équipe, vie scolaire, direction).")
        .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Jpeg, TypeDocument.Png, TypeDocument.Docx, TypeDocument.Xlsx,
            TypeDocument.Pptx, TypeDocument.Odt, TypeDocument.Ods, TypeDocument.Odp, TypeDocument.Doc, TypeDocument.Xls)
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT p.nom_stockage, p.nom_original, p.type_contenu, s.service_id, s.publie_le
        FROM scolarite.seance_piece_jointe p JOIN scolarite.seance s ON s.id = p.seance_id
        WHERE p.id = @pieceId
        """;

    private sealed record Fichier(string NomStockage, string NomOriginal, string TypeContenu, Guid ServiceId, DateTime? PublieLe);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Handle(
        Guid pieceId, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, IServicesEnseignement enseignement, IAnnuaire annuaire,
        StockagePiecesJointes stockage, NpgsqlDataSource db, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var introuvable = Problemes.Introuvable("Aucun fichier ne correspond à cette adresse.");
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var annee = AnneeScolaire.Courante(clock);
        var fichier = await conn.QuerySingleOrDefaultAsync<Fichier>(new CommandDefinition(Sql, new { pieceId }, cancellationToken: ct));
        var service = fichier is null ? null : await Cahier.ServiceAsync(conn, fichier.ServiceId, annee, ct);
        if (fichier is null || service is null || !await PeutLireAsync(conn, personneId, fichier, service, annee, regles, enseignement, annuaire, clock, ct))
        {
            return introuvable;
        }

        var flux = stockage.Ouvrir(fichier.NomStockage);
        if (flux is null)
        {
            FichierManquant(logs.CreateLogger("Ent.Scolarite.CahierDeTextes"), pieceId, fichier.NomStockage, stockage.Dossier);
            return Problemes.Introuvable("Ce fichier n'est plus disponible : demandez à l'enseignant de le joindre à nouveau.");
        }

        // A file is data, never a page: downloaded (Content-Disposition: attachment), its type never guessed by the browser.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(flux, fichier.TypeContenu, fichier.NomOriginal);
    }

    private static async Task<bool> PeutLireAsync(
        NpgsqlConnection conn, Guid personneId, Fichier fichier, ServiceCdt service, string annee, IReglesAcces regles,
        IServicesEnseignement enseignement, IAnnuaire annuaire, TimeProvider clock, CancellationToken ct)
    {
        if (service.EnseignantId == personneId)
        {
            return true;
        }

        if (fichier.PublieLe is not { } publie || Cahier.Utc(publie) > clock.GetUtcNow())
        {
            return false;
        }

        var eleves = await enseignement.ElevesAsync(service.Id, ct);
        if (eleves.Contains(personneId))
        {
            return true;
        }

        if ((await annuaire.ListerResponsablesLegauxAsync(eleves, ct)).Any(r => r.ResponsableId == personneId))
        {
            return true;
        }

        return await Cahier.PeutLireClassesAsync(conn, regles, personneId, service.EtablissementId, await Cahier.ClassesAsync(conn, service, ct), annee, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Fichier {PieceId} d'un cours absent du disque ({NomStockage} dans {Dossier})")]
    private static partial void FichierManquant(ILogger logger, Guid pieceId, string nomStockage, string dossier);
}
