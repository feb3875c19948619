using Dapper;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Ent.Communication.Conversations;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// POST /api/communication/me/signalements/pieces-jointes — I upload a file for a « fichier » field of a report (multipart
/// field « fichier »): PDF, JPEG, PNG or an office document, its type read from its content whatever its name; 10 Mo at
/// most. Only its uploader may attach it; once filed, the report's receivers download it.
/// </summary>
internal static class DeposerPieceJointeSignalementEndpoint
{
    /// <summary>The form (multipart/form-data).</summary>
    /// <param name="Fichier">The file.</param>
    internal sealed record FormulairePieceJointeSignalement(IFormFile Fichier);

    /// <summary>An uploaded file, to attach by its id.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="Nom">File name.</param>
    /// <param name="TypeContenu">Type read from the content.</param>
    /// <param name="Taille">Bytes.</param>
    internal sealed record PieceJointeSignalementDeposee(Guid Id, string Nom, string TypeContenu, int Taille);

    public const long LimiteCorps = 2 * StockagePiecesJointesMessagerie.TailleMax;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/signalements/pieces-jointes", Handle)
        .WithName("DeposerPieceJointeSignalement")
        .WithSummary("Dépose un fichier (PDF, image, document bureautique, 10 Mo au plus) à joindre à un signalement.")
        .Accepts<FormulairePieceJointeSignalement>("multipart/form-data")
        .WithMetadata(new RequestSizeLimitAttribute(LimiteCorps))
        .DisableAntiforgery()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private const string InsertSql = """
        INSERT INTO communication.signalement_piece_jointe (id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
        VALUES (@id, @nomStockage, @nomOriginal, @typeContenu, @taille, @sha256, @personneId, @maintenant)
        """;

    private static async Task<Results<Created<PieceJointeSignalementDeposee>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpContext http, ICurrentUser utilisateur, StockagePiecesJointesMessagerie stockage, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
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

        if (fichier.Length > StockagePiecesJointesMessagerie.TailleMax)
        {
            return erreurs.Add("fichier", $"Le fichier fait {fichier.Length / (1024.0 * 1024):0.#} Mo : la taille maximale est de 10 Mo.").ToProblem();
        }

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
            var piece = new PieceJointeSignalementDeposee(Guid.CreateVersion7(), TypeDocument.NomOriginal(fichier.FileName, typeContenu), typeContenu, (int)ecrit.Taille);
            await using var conn = await db.OpenConnectionAsync(ct);
            await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                piece.Id, ecrit.NomStockage, nomOriginal = piece.Nom, typeContenu, taille = piece.Taille, ecrit.Sha256, personneId,
                maintenant = clock.GetUtcNow(),
            }, cancellationToken: ct));
            return TypedResults.Created($"/api/communication/me/signalements/pieces-jointes/{piece.Id}", piece);
        }
        catch
        {
            stockage.Supprimer(ecrit.NomStockage);
            throw;
        }
    }
}
