using Dapper;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.CahierDeTextes;

/// <summary>
/// POST /api/scolarite/services/{serviceId}/seances/{seanceId}/pieces-jointes — the service's teacher attaches a file to
/// a lesson's page (multipart field « fichier »): PDF, JPEG, PNG, or an office document (Word, Excel, PowerPoint,
/// OpenDocument), its type read from its content whatever its name; 10 Mo at most, 10 files per lesson. Anyone else
/// gets 404.
/// </summary>
internal static class DeposerPieceJointeEndpoint
{
    /// <summary>The form (multipart/form-data).</summary>
    /// <param name="Fichier">The file.</param>
    internal sealed record FormulairePieceJointe(IFormFile Fichier);

    // Kestrel's limit for this endpoint alone: a file somewhat too large gets the field's French 400; beyond, 413.
    public const long LimiteCorps = 2 * StockagePiecesJointes.TailleMax;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/services/{serviceId:guid}/seances/{seanceId:guid}/pieces-jointes", Handle)
        .WithName("DeposerPieceJointe")
        .WithSummary("Joint un fichier (PDF, image, document bureautique, 10 Mo au plus) à la page d'un cours.")
        .Accepts<FormulairePieceJointe>("multipart/form-data")
        .WithMetadata(new RequestSizeLimitAttribute(LimiteCorps))
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private const string SeanceSql = """
        SELECT (SELECT count(*) FROM scolarite.seance_piece_jointe p WHERE p.seance_id = s.id)::int
        FROM scolarite.seance s JOIN scolarite.service_enseignement se ON se.id = s.service_id
        WHERE s.id = @seanceId AND s.service_id = @serviceId AND se.enseignant_id = @personneId
        FOR UPDATE OF s
        """;

    private const string InsertSql = """
        INSERT INTO scolarite.seance_piece_jointe (id, seance_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
        VALUES (@id, @seanceId, @nomStockage, @nomOriginal, @typeContenu, @taille, @sha256, @personneId, @maintenant)
        """;

    private static async Task<Results<Created<PieceJointe>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid serviceId, Guid seanceId, HttpContext http, ICurrentUser utilisateur, StockagePiecesJointes stockage, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var introuvable = Problemes.Introuvable("Aucune page de cours de cet enseignant ne correspond à cette adresse.");
        await using var conn = await db.OpenConnectionAsync(ct);
        // Before reading a byte of the body: a stranger's upload is not even received.
        var avant = await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(SeanceSql.Replace("FOR UPDATE OF s", string.Empty),
            new { seanceId, serviceId, personneId }, cancellationToken: ct));
        if (avant is null)
        {
            return introuvable;
        }

        IFormCollection formulaire;
        try
        {
            formulaire = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return new Erreurs().Add("formulaire", "Le formulaire envoyé est illisible (multipart/form-data mal formé).").ToProblem();
        }

        var erreurs = new Erreurs();
        if (formulaire.Files.Count != 1 || formulaire.Files[0].Name != "fichier")
        {
            return erreurs.Add("fichier", "Joignez un seul fichier, dans le champ « fichier ».").ToProblem();
        }

        var fichier = formulaire.Files[0];
        if (fichier.Length == 0)
        {
            return erreurs.Add("fichier", "Le fichier est vide.").ToProblem();
        }

        if (fichier.Length > StockagePiecesJointes.TailleMax)
        {
            return erreurs.Add("fichier", $"Le fichier fait {fichier.Length / (1024.0 * 1024):0.#} Mo : la taille maximale est de 10 Mo.").ToProblem();
        }

        // The whole file in memory (10 Mo at most): an office document's zip directory is read to know what it is.
        using var contenu = new MemoryStream((int)fichier.Length);
        await using (var flux = fichier.OpenReadStream())
        {
            await flux.CopyToAsync(contenu, ct);
        }

        contenu.Position = 0;
        var typeContenu = await TypeDocument.DetecterBureautiqueAsync(contenu, fichier.FileName, ct);
        if (typeContenu is null)
        {
            return erreurs.Add("fichier", "Le fichier doit être un PDF, une image JPEG ou PNG, ou un document Word, Excel, PowerPoint ou " +
                                          "OpenDocument. Son contenu ne correspond à aucun de ces formats, quel que soit son nom.").ToProblem();
        }

        contenu.Position = 0;
        var ecrit = await stockage.EcrireAsync(contenu, ct);
        try
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var nombre = await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(SeanceSql, new { seanceId, serviceId, personneId }, tx, cancellationToken: ct));
            if (nombre is null)
            {
                stockage.Supprimer(ecrit.NomStockage);
                return introuvable;
            }

            if (nombre >= StockagePiecesJointes.ParSeance)
            {
                stockage.Supprimer(ecrit.NomStockage);
                return erreurs.Add("fichier", $"Un cours a {StockagePiecesJointes.ParSeance} fichiers au plus : retirez-en un d'abord.").ToProblem();
            }

            var piece = new PieceJointe(Guid.NewGuid(), TypeDocument.NomOriginal(fichier.FileName, typeContenu), typeContenu, (int)ecrit.Taille);
            await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                piece.Id, seanceId, ecrit.NomStockage, nomOriginal = piece.Nom, typeContenu, taille = piece.Taille, ecrit.Sha256, personneId,
                maintenant = clock.GetUtcNow(),
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/scolarite/pieces-jointes/{piece.Id}", piece);
        }
        catch
        {
            stockage.Supprimer(ecrit.NomStockage);
            throw;
        }
    }
}
