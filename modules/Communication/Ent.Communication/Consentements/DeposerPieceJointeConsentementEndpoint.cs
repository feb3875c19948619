using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Documents;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Consentements;

/// <summary>
/// POST /api/communication/consentements/{id}/pieces-jointes — the organiser (or the établissement's direction) attaches
/// a document to a consent form (multipart field « fichier »): PDF, JPEG, PNG or an office document, its type read from
/// its content whatever its name; 10 Mo at most, 5 per form. Anyone else gets 404, before a byte of the file is read.
/// </summary>
internal static class DeposerPieceJointeConsentementEndpoint
{
    /// <summary>The form (multipart/form-data).</summary>
    /// <param name="Fichier">The file.</param>
    internal sealed record FormulairePieceJointeConsentement(IFormFile Fichier);

    // Kestrel's limit for this endpoint alone: a file somewhat too large gets the field's French 400; beyond, 413.
    public const long LimiteCorps = 2 * StockageConsentements.TailleMax;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/consentements/{id:guid}/pieces-jointes", Handle)
        .WithName("DeposerPieceJointeConsentement")
        .WithSummary("Joint un document (PDF, image, document bureautique, 10 Mo au plus) à une demande d'autorisation que j'organise (ou, pour la direction, de l'établissement).")
        .Accepts<FormulairePieceJointeConsentement>("multipart/form-data")
        .WithMetadata(new RequestSizeLimitAttribute(LimiteCorps))
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    // The author's own, or any of the établissement's for its direction (@direction: decided by the access rules).
    private const string ConsentementSql = """
        SELECT (SELECT count(*) FROM communication.consentement_piece_jointe p WHERE p.consentement_id = c.id)::int
        FROM communication.consentement c WHERE c.id = @id AND (c.organisateur_id = @personneId OR c.etablissement_id = ANY(@direction))
        """;

    private const string InsertSql = """
        INSERT INTO communication.consentement_piece_jointe (id, consentement_id, nom_stockage, nom_original, type_contenu, taille, sha256, depose_le)
        VALUES (@pieceId, @id, @nomStockage, @nomOriginal, @typeContenu, @taille, @sha256, @maintenant)
        """;

    private static async Task<Results<Created<PieceJointeConsentement>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, ICurrentUser utilisateur, IReglesAcces regles, StockageConsentements stockage, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        var introuvable = Problemes.Introuvable(Consentement.Introuvable(id));
        await using var conn = await db.OpenConnectionAsync(ct);
        var etablissementId = await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT etablissement_id FROM communication.consentement WHERE id = @id", new { id }, cancellationToken: ct));
        Guid[] direction = etablissementId is { } e && await regles.PeutAdministrerAsync(personneId, e, ct) ? [e] : [];
        if (await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(ConsentementSql, new { id, personneId, direction }, cancellationToken: ct)) is null)
        {
            return introuvable;
        }

        if (!http.Request.HasFormContentType)
        {
            return new Erreurs().Add("fichier", "Envoyez le fichier dans un formulaire multipart/form-data, champ « fichier ».").ToProblem();
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

        if (fichier.Length > StockageConsentements.TailleMax)
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
            await using var tx = await conn.BeginTransactionAsync(ct);
            // Counted again under a lock of the form: two uploads at once never make a sixth file.
            var nombre = await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(ConsentementSql + " FOR UPDATE OF c", new { id, personneId, direction }, tx, cancellationToken: ct));
            if (nombre is null)
            {
                stockage.Supprimer(ecrit.NomStockage);
                return introuvable;
            }

            if (nombre >= StockageConsentements.ParConsentement)
            {
                stockage.Supprimer(ecrit.NomStockage);
                return erreurs.Add("fichier", $"Une demande d'autorisation a {StockageConsentements.ParConsentement} fichiers au plus.").ToProblem();
            }

            var piece = new PieceJointeConsentement(Guid.NewGuid(), TypeDocument.NomOriginal(fichier.FileName, typeContenu), typeContenu, (int)ecrit.Taille);
            await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                pieceId = piece.Id, id, ecrit.NomStockage, nomOriginal = piece.Nom, typeContenu, taille = piece.Taille, ecrit.Sha256,
                maintenant = clock.GetUtcNow(),
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/communication/consentements/{id}/pieces-jointes/{piece.Id}", piece);
        }
        catch
        {
            stockage.Supprimer(ecrit.NomStockage);
            throw;
        }
    }
}
