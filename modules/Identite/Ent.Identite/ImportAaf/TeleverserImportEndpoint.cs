using System.ComponentModel.DataAnnotations;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.ImportAaf;

/// <summary>
/// POST /api/identite/imports — an administrator uploads a directory export (a zip of AAF XML files) and gets 202 at
/// once: the import runs in the background (GET /api/identite/imports/{id} follows it: en_attente, en_cours, then
/// termine, refuse or echoue). A region administrator imports every établissement of the files; an établissement's
/// head or local administrator only theirs (the other établissements' entries are rejected in the report). Anyone else
/// gets 403. The zip's names, paths and sizes are checked before answering: a zip that cannot be imported gets 400 with
/// the reason, and nothing runs.
/// </summary>
internal static class TeleverserImportEndpoint
{
    /// <summary>The form (multipart/form-data).</summary>
    /// <param name="Fichier">The export: a zip of files named PREFIXE_Complet|Delta_AAAAMMJJ_Type_NNNN.xml.</param>
    /// <param name="Rentree">true: the new school year's export (feeds the next school year).</param>
    /// <param name="Uai">The établissement, for an administrator of several (otherwise theirs).</param>
    internal sealed record FormulaireImport(IFormFile Fichier, bool? Rentree, [property: MaxLength(8)] string? Uai);

    /// <summary>The import accepted.</summary>
    /// <param name="Id">Its id: GET /api/identite/imports/{id} follows it.</param>
    internal sealed record ImportAccepte(Guid Id);

    public static void Map(IEndpointRouteBuilder group, long limite) => group
        .MapPost("/imports", Handle)
        .WithName("TeleverserImport")
        .WithSummary("Importe l'annuaire (export AAF en zip) : 202, puis l'import se déroule en arrière-plan (administrateur de la région, direction ou administrateur local de l'établissement).")
        .Accepts<FormulaireImport>("multipart/form-data")
        .WithMetadata(new RequestSizeLimitAttribute(limite))
        .WithFormOptions(multipartBodyLengthLimit: limite)
        .DisableAntiforgery()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<Results<Accepted<ImportAccepte>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpContext http, ICurrentUser utilisateur, NpgsqlDataSource db, ImportsAaf imports, FileAttente attente, CancellationToken ct)
    {
        var limite = imports.Options.TailleMaxTeleversementOctets;
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        // Before reading a byte of the body: someone who may not import does not even upload.
        var perimetre = await AdministrateursImport.PerimetreAsync(db, personneId, ct);
        if (perimetre.Rien)
        {
            return Interdit();
        }

        IFormCollection formulaire;
        try
        {
            formulaire = await http.Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException) when (http.Request.ContentLength > limite)
        {
            return TropGros(limite);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return TropGros(limite);
        }
        catch (InvalidDataException)
        {
            return new Erreurs().Add("fichier", "Le formulaire envoyé est illisible (multipart/form-data mal formé).").ToProblem();
        }

        var erreurs = new Erreurs();
        var fichier = formulaire.Files.GetFile("fichier");
        erreurs.Require(fichier is { Length: > 0 }, "fichier", "Joignez l'export AAF : un fichier zip (champ « fichier »).");
        var rentreeTexte = formulaire["rentree"].ToString();
        erreurs.Require(rentreeTexte is "" or "true" or "false", "rentree", "rentree vaut true ou false.");
        var uai = formulaire["uai"].ToString().Trim().ToUpperInvariant();
        Guid? etablissementId = null;
        if (!perimetre.Region)
        {
            var choisis = perimetre.Etablissements.Where(e => uai.Length == 0 || e.Uai == uai).ToList();
            if (uai.Length > 0 && choisis.Count == 0)
            {
                return Interdit();
            }

            if (choisis.Count > 1)
            {
                erreurs.Add("uai", "Vous administrez plusieurs établissements : précisez lequel (champ « uai »).");
            }
            else
            {
                etablissementId = choisis[0].Id;
            }
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var id = await imports.CreerAsync("televersement", rentreeTexte == "true", personneId, etablissementId, ct);
        var chemin = attente.Chemin(id);
        await using (var cible = File.Create(chemin))
        {
            await fichier!.CopyToAsync(cible, ct);
        }

        // Names, paths and sizes now: a zip that cannot be imported is answered at once.
        try
        {
            using var _ = SourceAaf.Ouvrir(chemin, imports.Options);
        }
        catch (ImportRefuseException e)
        {
            File.Delete(chemin);
            await imports.RefuserAsync(id, e.Message, ct);
            return TypedResults.Problem(e.Message, statusCode: 400, title: "Export AAF refusé", type: "urn:ent:probleme:import-refuse");
        }

        attente.Ajouter(id);
        return TypedResults.Accepted($"/api/identite/imports/{id}", new ImportAccepte(id));
    }

    private static ProblemHttpResult TropGros(long limite) => TypedResults.Problem(
        $"L'export dépasse {limite / (1024 * 1024)} Mo (réglage Ent:ImportAaf:TailleMaxTeleversementOctets) : importez-le en ligne de commande " +
        "(build.ps1 import-aaf), ou demandez à l'administrateur du serveur de relever la limite.",
        statusCode: 413, title: "Requête trop volumineuse", type: "urn:ent:probleme:trop-volumineux");

    private static ProblemHttpResult Interdit() => TypedResults.Problem(
        "Seuls un administrateur de la région, la direction ou un administrateur local de l'établissement importent l'annuaire.",
        statusCode: 403, title: "Accès refusé", type: "urn:ent:probleme:acces-refuse");
}
