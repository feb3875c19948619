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

namespace Ent.VieScolaire.Sante;

/// <summary>
/// The PAI's signed document. PUT /api/viescolaire/eleves/{eleveId}/sante/pai/document (multipart, field « document »:
/// PDF, JPEG or PNG by its content, 5 Mo at most) — the nurse files or replaces it, once the PAI is written.
/// GET — downloads it: the readers of the health record (nurse, legal guardians, the pupil from 15). Encrypted in the
/// database; downloaded, never rendered (nosniff), under a name that says nothing of the illness.
/// </summary>
internal static class DocumentPaiEndpoints
{
    public const int TailleMax = 5 * 1024 * 1024;

    /// <summary>The form the nurse sends.</summary>
    /// <param name="Document">The signed PAI: PDF, JPEG or PNG, 5 Mo at most.</param>
    internal sealed record FormulaireDocumentPai(IFormFile? Document);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPut("/eleves/{eleveId:guid}/sante/pai/document", Deposer)
            .WithName("DeposerDocumentPai")
            .WithSummary("Dépose ou remplace le document signé du PAI d'un élève (PDF, JPEG ou PNG de 5 Mo au plus ; infirmier·ère).")
            .Accepts<FormulaireDocumentPai>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(2L * TailleMax))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/eleves/{eleveId:guid}/sante/pai/document", Telecharger)
            .WithName("TelechargerDocumentPai")
            .WithSummary("Télécharge le document signé du PAI d'un élève (infirmier·ère, responsables légaux, l'élève dès 15 ans).")
            .Produces<Stream>(StatusCodes.Status200OK, TypeDocument.Pdf, TypeDocument.Jpeg, TypeDocument.Png)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private const string EcrireSql = """
        INSERT INTO viescolaire.pai_document (eleve_id, contenu, empreinte_cle, type_contenu, taille, depose_par, depose_le)
        SELECT @eleveId, @contenu, @empreinte, @type, @taille, @par, @maintenant WHERE EXISTS (SELECT 1 FROM viescolaire.pai WHERE eleve_id = @eleveId)
        ON CONFLICT (eleve_id) DO UPDATE
        SET contenu = excluded.contenu, empreinte_cle = excluded.empreinte_cle, type_contenu = excluded.type_contenu, taille = excluded.taille,
            depose_par = excluded.depose_par, depose_le = excluded.depose_le
        """;

    private static async Task<Results<Ok<Pai>, ValidationProblem, ProblemHttpResult>> Deposer(Guid eleveId, HttpContext http,
        ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal, CleSante cle, Horaires horaires, NpgsqlDataSource db,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        // Before reading a byte of the body: a stranger's upload is not even received.
        if (!await regles.PeutEcrireAsync(personneId, eleveId, Domaine.Sante, ct))
        {
            return Problemes.Introuvable("Aucun élève ne correspond à cette adresse.");
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

        if (formulaire.Files.GetFile("document") is not { Length: > 0 } fichier)
        {
            return new Erreurs().Add("document", "Joignez le document du PAI (PDF, JPEG ou PNG).").ToProblem();
        }

        if (fichier.Length > TailleMax)
        {
            return new Erreurs().Add("document", "Le document dépasse 5 Mo : numérisez-le en plus basse résolution ou en PDF.").ToProblem();
        }

        var octets = new byte[fichier.Length];
        await using (var flux = fichier.OpenReadStream())
        {
            await flux.ReadExactlyAsync(octets, ct);
        }

        string? type;
        using (var memoire = new MemoryStream(octets, writable: false))
        {
            type = await TypeDocument.DetecterAsync(memoire, ct);
        }

        if (type is null)
        {
            return new Erreurs().Add("document", "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG.").ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var ecrits = await conn.ExecuteAsync(new CommandDefinition(EcrireSql, new
        {
            eleveId, contenu = cle.ChiffrerOctets(octets, eleveId), empreinte = cle.Empreinte, type, taille = octets.Length, par = personneId,
            maintenant = horaires.Maintenant,
        }, cancellationToken: ct));
        if (ecrits == 0)
        {
            return Problemes.Conflit("Enregistrez d'abord le PAI (consignes d'urgence), puis joignez son document.");
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.Sante, ActionAcces.Modification, "DeposerDocumentPai", ct);
        return TypedResults.Ok((await LectureSante.PaiAsync(conn, cle, eleveId, ct))!);
    }

    private sealed record Document(byte[] Contenu, string TypeContenu);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Telecharger(Guid eleveId, HttpContext http,
        ICurrentUser utilisateur, IReglesAcces regles, IJournalAcces journal, CleSante cle, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId || !await regles.PeutLireAsync(personneId, eleveId, Domaine.Sante, ct))
        {
            return Problemes.Introuvable("Aucun document ne correspond à cette adresse.");
        }

        Document? document;
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            document = await conn.QuerySingleOrDefaultAsync<Document>(new CommandDefinition(
                "SELECT contenu, type_contenu FROM viescolaire.pai_document WHERE eleve_id = @eleveId", new { eleveId }, cancellationToken: ct));
        }

        if (document is null)
        {
            return Problemes.Introuvable("Aucun document ne correspond à cette adresse.");
        }

        await journal.NoterAsync(http, utilisateur, eleveId, Domaine.Sante, ActionAcces.Lecture, "TelechargerDocumentPai", ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var extension = document.TypeContenu switch { TypeDocument.Pdf => "pdf", TypeDocument.Png => "png", _ => "jpg" };
        return TypedResults.File(cle.DechiffrerOctets(document.Contenu, eleveId), document.TypeContenu, $"pai.{extension}");
    }
}
