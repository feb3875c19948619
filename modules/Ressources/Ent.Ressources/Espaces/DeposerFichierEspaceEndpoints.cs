using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;
using static Ent.Ressources.Espaces.ObtenirContenuEspaceEndpoint;

namespace Ent.Ressources.Espaces;

/// <summary>
/// POST /api/ressources/espaces/{divisionId}/fichiers — a teacher of the division puts a file in its space (multipart
/// field « fichier », and « dossierId » for a folder): PDF, JPEG, PNG or an office document, its type read from its content
/// whatever its name, 20 Mo at most, within the établissement's quota. POST …/fichiers/{fichierId}/versions replaces a
/// file: a new version, the earlier ones kept. All or nothing: the file is written under a random name, then its rows
/// and the quota in one transaction; if that fails, the file is deleted. Anyone else gets 404, before a byte is read.
/// </summary>
internal static class DeposerFichierEspaceEndpoints
{
    /// <summary>The form (multipart/form-data).</summary>
    /// <param name="Fichier">The file.</param>
    /// <param name="DossierId">The folder it goes in (none: the space's root).</param>
    internal sealed record FormulaireFichier(IFormFile Fichier, Guid? DossierId);

    /// <summary>The form (multipart/form-data).</summary>
    /// <param name="Fichier">The file's new version.</param>
    internal sealed record FormulaireVersion(IFormFile Fichier);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/espaces/{divisionId:guid}/fichiers", Deposer)
            .WithName("DeposerFichierEspaceClasse")
            .WithSummary("Dépose un fichier (PDF, image, document bureautique, 20 Mo au plus) dans l'espace de classe (enseignants de la classe ou du groupe).")
            .Accepts<FormulaireFichier>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(StockageEspaces.LimiteCorps))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/espaces/{divisionId:guid}/fichiers/{fichierId:guid}/versions", Remplacer)
            .WithName("RemplacerFichierEspaceClasse")
            .WithSummary("Remplace un fichier de l'espace de classe par une nouvelle version ; les précédentes sont conservées (enseignants).")
            .Accepts<FormulaireVersion>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(StockageEspaces.LimiteCorps))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static ProblemHttpResult FichierIntrouvable() => Problemes.Introuvable("Aucun fichier de cet espace ne correspond à cette adresse.");

    // The folder locked: a folder removed meanwhile waits, then sees the file (and stays).
    private const string DossierSql = "SELECT 1 FROM ressources.espace_dossier WHERE id = @dossierId AND division_id = @divisionId FOR SHARE";

    private const string FichierSql = """
        INSERT INTO ressources.espace_fichier (id, etablissement_id, division_id, dossier_id, cree_par, cree_le)
        VALUES (@id, @etablissementId, @divisionId, @dossierId, @moi, @maintenant)
        """;

    // The file locked: two replacements at once get numbers one after the other.
    private const string DerniereSql = """
        SELECT f.dossier_id, (SELECT max(numero) FROM ressources.espace_fichier_version v WHERE v.fichier_id = f.id) AS numero
        FROM ressources.espace_fichier f WHERE f.id = @fichierId AND f.division_id = @divisionId FOR UPDATE
        """;

    private const string VersionSql = """
        INSERT INTO ressources.espace_fichier_version (fichier_id, numero, nom_stockage, nom_original, type_contenu, taille, sha256, depose_par, depose_le)
        VALUES (@fichierId, @numero, @nomStockage, @nomOriginal, @typeContenu, @taille, @sha256, @moi, @maintenant)
        """;

    private sealed record Derniere(Guid? DossierId, int Numero);

    private static async Task<Results<Created<FichierEspace>, ValidationProblem, ProblemHttpResult>> Deposer(Guid divisionId, HttpContext http,
        ICurrentUser utilisateur, ReglesEspaces regles, StockageEspaces stockage, IOptions<EspacesOptions> options, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        // Before reading a byte of the body: a stranger's upload is not even received.
        if (await regles.AccesAsync(moi, divisionId, ct) is not { Enseignant: true } acces)
        {
            return ReglesEspaces.Introuvable();
        }

        var (formulaire, recu, erreur) = await Televersement.LireAsync(http.Request, ct);
        if (erreur is not null)
        {
            return erreur;
        }

        using var fichier = recu!;
        Guid? dossierId = null;
        var brut = formulaire!["dossierId"].ToString();
        if (brut.Length > 0)
        {
            if (!Guid.TryParse(brut, out var id))
            {
                return new Erreurs().Add("dossierId", "Cet identifiant de dossier n'est pas valide.").ToProblem();
            }

            dossierId = id;
        }

        var quota = options.Value.QuotaEspacesOctets;
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await Quota.VerifierAsync(conn, acces.Division.EtablissementId, fichier.Taille, quota, ct) is { } plein)
        {
            return plein;
        }

        var ecrit = await stockage.EcrireAsync(fichier.Contenu, ct);
        try
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            if (dossierId is not null
                && await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(DossierSql, new { dossierId, divisionId }, tx, cancellationToken: ct)) is null)
            {
                stockage.Supprimer(ecrit.NomStockage);
                return new Erreurs().Add("dossierId", "Ce dossier n'existe pas dans cet espace.").ToProblem();
            }

            if (!await Quota.ReserverAsync(conn, tx, acces.Division.EtablissementId, ecrit.Taille, quota, ct))
            {
                var utilises = await Quota.UtilisesAsync(conn, acces.Division.EtablissementId, tx, ct);
                stockage.Supprimer(ecrit.NomStockage);
                return Quota.Depasse(utilises, quota, ecrit.Taille);
            }

            var maintenant = clock.GetUtcNow();
            var fichierId = Guid.NewGuid();
            await conn.ExecuteAsync(new CommandDefinition(FichierSql, new { id = fichierId, acces.Division.EtablissementId, divisionId, dossierId, moi, maintenant },
                tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(VersionSql, new
            {
                fichierId, numero = 1, ecrit.NomStockage, fichier.NomOriginal, fichier.TypeContenu, taille = ecrit.Taille, ecrit.Sha256, moi, maintenant,
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/ressources/espaces/{divisionId}/fichiers/{fichierId}/contenu",
                new FichierEspace(fichierId, dossierId, fichier.NomOriginal, fichier.TypeContenu, ecrit.Taille, 1, maintenant));
        }
        catch
        {
            stockage.Supprimer(ecrit.NomStockage);
            throw;
        }
    }

    private static async Task<Results<Created<FichierEspace>, ValidationProblem, ProblemHttpResult>> Remplacer(Guid divisionId, Guid fichierId,
        HttpContext http, ICurrentUser utilisateur, ReglesEspaces regles, StockageEspaces stockage, IOptions<EspacesOptions> options, NpgsqlDataSource db,
        TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { Enseignant: true } acces)
        {
            return ReglesEspaces.Introuvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM ressources.espace_fichier WHERE id = @fichierId AND division_id = @divisionId", new { fichierId, divisionId },
                cancellationToken: ct)) == 0)
        {
            return FichierIntrouvable();
        }

        var (_, recu, erreur) = await Televersement.LireAsync(http.Request, ct);
        if (erreur is not null)
        {
            return erreur;
        }

        using var fichier = recu!;
        var quota = options.Value.QuotaEspacesOctets;
        if (await Quota.VerifierAsync(conn, acces.Division.EtablissementId, fichier.Taille, quota, ct) is { } plein)
        {
            return plein;
        }

        var ecrit = await stockage.EcrireAsync(fichier.Contenu, ct);
        try
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            if (await conn.QuerySingleOrDefaultAsync<Derniere>(new CommandDefinition(DerniereSql, new { fichierId, divisionId }, tx, cancellationToken: ct))
                is not { } derniere)
            {
                stockage.Supprimer(ecrit.NomStockage);
                return FichierIntrouvable();
            }

            if (!await Quota.ReserverAsync(conn, tx, acces.Division.EtablissementId, ecrit.Taille, quota, ct))
            {
                var utilises = await Quota.UtilisesAsync(conn, acces.Division.EtablissementId, tx, ct);
                stockage.Supprimer(ecrit.NomStockage);
                return Quota.Depasse(utilises, quota, ecrit.Taille);
            }

            var maintenant = clock.GetUtcNow();
            var numero = derniere.Numero + 1;
            await conn.ExecuteAsync(new CommandDefinition(VersionSql, new
            {
                fichierId, numero, ecrit.NomStockage, fichier.NomOriginal, fichier.TypeContenu, taille = ecrit.Taille, ecrit.Sha256, moi, maintenant,
            }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return TypedResults.Created($"/api/ressources/espaces/{divisionId}/fichiers/{fichierId}/contenu?version={numero}",
                new FichierEspace(fichierId, derniere.DossierId, fichier.NomOriginal, fichier.TypeContenu, ecrit.Taille, numero, maintenant));
        }
        catch
        {
            stockage.Supprimer(ecrit.NomStockage);
            throw;
        }
    }
}
