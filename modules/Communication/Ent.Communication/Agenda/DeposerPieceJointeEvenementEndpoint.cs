using Dapper;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Agenda;

/// <summary>
/// POST /api/communication/evenements/{id}/pieces-jointes — attaches a file to an event (multipart field « fichier »):
/// PDF, JPEG, PNG or an office document, its type read from its content whatever its name; 10 Mo at most, 5 files per
/// event. For those who may change the event (403 for its other readers, 404 for anyone else).
/// </summary>
internal static class DeposerPieceJointeEvenementEndpoint
{
    /// <summary>The form (multipart/form-data).</summary>
    /// <param name="Fichier">The file.</param>
    internal sealed record FormulairePieceJointeEvenement(IFormFile Fichier);

    // Kestrel's limit for this endpoint alone: a file somewhat too large gets the field's French 400; beyond, 413.
    public const long LimiteCorps = 2 * StockagePiecesJointesAgenda.TailleMax;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/evenements/{id:guid}/pieces-jointes", Handle)
        .WithName("DeposerPieceJointeEvenement")
        .WithSummary("Joint un fichier (PDF, image, document bureautique, 10 Mo au plus) à un événement du calendrier scolaire.")
        .Accepts<FormulairePieceJointeEvenement>("multipart/form-data")
        .WithMetadata(new RequestSizeLimitAttribute(LimiteCorps))
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private const string CompterSql = "SELECT count(*)::int FROM communication.evenement_piece_jointe WHERE evenement_id = @id";

    private const string InsertSql = """
        INSERT INTO communication.evenement_piece_jointe (id, evenement_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
        VALUES (@Id, @evenementId, @NomStockage, @Nom, @TypeContenu, @Taille, @Sha256, @personneId, @maintenant)
        """;

    private static async Task<Results<Created<PieceJointeEvenement>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, ICurrentUser utilisateur, Regards regards, StockagePiecesJointesAgenda stockage, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        // Before reading a byte of the body: a stranger's upload is not even received.
        var siens = await regards.DeAsync(personneId, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var evenement = await Calendrier.TrouverAsync(conn, id, ct);
        if (evenement is null || !Regards.PeutLire(siens, evenement, personneId))
        {
            return Problemes.Introuvable(ModifierEvenementEndpoint.Introuvable);
        }

        if (!Regards.PeutModifier(siens, evenement, personneId))
        {
            return ModifierEvenementEndpoint.Interdit();
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
        if (fichier.Length == 0 || fichier.Length > StockagePiecesJointesAgenda.TailleMax)
        {
            return erreurs.Add("fichier", fichier.Length == 0 ? "Le fichier est vide."
                : $"Le fichier fait {fichier.Length / (1024.0 * 1024):0.#} Mo : la taille maximale est de 10 Mo.").ToProblem();
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
            // The event's row locked: two uploads at once cannot pass the limit together.
            if (await Calendrier.TrouverAsync(conn, id, ct, tx, pourModifier: true) is null)
            {
                stockage.Supprimer(ecrit.NomStockage);
                return Problemes.Introuvable(ModifierEvenementEndpoint.Introuvable);
            }

            if (await conn.ExecuteScalarAsync<int>(new CommandDefinition(CompterSql, new { id }, tx, cancellationToken: ct)) >= StockagePiecesJointesAgenda.ParEvenement)
            {
                stockage.Supprimer(ecrit.NomStockage);
                return erreurs.Add("fichier", $"Un événement a {StockagePiecesJointesAgenda.ParEvenement} fichiers au plus : retirez-en un d'abord.").ToProblem();
            }

            var piece = new PieceJointeEvenement(Guid.NewGuid(), TypeDocument.NomOriginal(fichier.FileName, typeContenu), typeContenu, (int)ecrit.Taille);
            await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                piece.Id, evenementId = id, ecrit.NomStockage, piece.Nom, piece.TypeContenu, piece.Taille, ecrit.Sha256, personneId,
                maintenant = clock.GetUtcNow(),
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/communication/evenements/pieces-jointes/{piece.Id}", piece);
        }
        catch
        {
            stockage.Supprimer(ecrit.NomStockage);
            throw;
        }
    }
}
