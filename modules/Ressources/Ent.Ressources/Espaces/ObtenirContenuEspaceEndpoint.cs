using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Ressources.Espaces;

/// <summary>
/// GET /api/ressources/espaces/{divisionId}/contenu?dossierId= — a folder of a class workspace (its root without
/// dossierId): its sub-folders and its files (each at its latest version), with the path from the root. For the
/// division's teachers, its pupils and their legal guardians, the direction; anyone else gets 404.
/// </summary>
internal static class ObtenirContenuEspaceEndpoint
{
    /// <summary>A folder.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="ParentId">The folder it is in (null: at the space's root).</param>
    /// <param name="Nom">Its name.</param>
    /// <param name="CreeLe">When it was created.</param>
    internal sealed record DossierEspace(Guid Id, Guid? ParentId, [property: MaxLength(200)] string Nom, DateTimeOffset CreeLe);

    /// <summary>A file, at its latest version.</summary>
    /// <param name="Id">Its id.</param>
    /// <param name="DossierId">Its folder (null: at the space's root).</param>
    /// <param name="NomOriginal">Its name (the latest version's).</param>
    /// <param name="TypeContenu">What it is, read from its content.</param>
    /// <param name="Taille">Bytes.</param>
    /// <param name="Version">The latest version's number (1 when never replaced).</param>
    /// <param name="ModifieLe">When the latest version was put.</param>
    internal sealed record FichierEspace(Guid Id, Guid? DossierId, [property: MaxLength(200)] string NomOriginal, string TypeContenu, long Taille, int Version,
        DateTimeOffset ModifieLe);

    /// <summary>A folder's contents.</summary>
    /// <param name="Espace">The space, and whether I may write in it.</param>
    /// <param name="Chemin">The folders from the root down to this one (empty at the root).</param>
    /// <param name="Dossiers">Its sub-folders, by name.</param>
    /// <param name="Fichiers">Its files, by name.</param>
    internal sealed record ContenuEspace(EspaceClasse Espace, DossierEspace[] Chemin, DossierEspace[] Dossiers, FichierEspace[] Fichiers);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/espaces/{divisionId:guid}/contenu", Handle)
        .WithName("ObtenirContenuEspaceClasse")
        .WithSummary("Le contenu d'un dossier de l'espace de classe (sa racine sans dossierId) : sous-dossiers et fichiers.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private sealed record LigneDossier(Guid Id, Guid? ParentId, string Nom, DateTime CreeLe);

    private sealed record LigneFichier(Guid Id, Guid? DossierId, string NomOriginal, string TypeContenu, long Taille, int Version, DateTime ModifieLe);

    // The folder and its ancestors, from the root down.
    private const string CheminSql = """
        WITH RECURSIVE chemin AS (
            SELECT id, parent_id, nom, cree_le, 0 AS profondeur FROM ressources.espace_dossier WHERE id = @dossierId AND division_id = @divisionId
            UNION ALL
            SELECT d.id, d.parent_id, d.nom, d.cree_le, c.profondeur + 1 FROM ressources.espace_dossier d JOIN chemin c ON d.id = c.parent_id
        )
        SELECT id, parent_id, nom, cree_le FROM chemin ORDER BY profondeur DESC
        """;

    private const string DossiersSql = """
        SELECT id, parent_id, nom, cree_le FROM ressources.espace_dossier
        WHERE division_id = @divisionId AND parent_id IS NOT DISTINCT FROM @dossierId ORDER BY lower(nom), id
        """;

    private const string FichiersSql = """
        SELECT f.id, f.dossier_id, v.nom_original, v.type_contenu, v.taille, v.numero AS version, v.depose_le AS modifie_le
        FROM ressources.espace_fichier f
        JOIN LATERAL (SELECT * FROM ressources.espace_fichier_version v WHERE v.fichier_id = f.id ORDER BY v.numero DESC LIMIT 1) v ON true
        WHERE f.division_id = @divisionId AND f.dossier_id IS NOT DISTINCT FROM @dossierId
        ORDER BY lower(v.nom_original), f.id
        """;

    private static async Task<Results<Ok<ContenuEspace>, ProblemHttpResult>> Handle(Guid divisionId, Guid? dossierId, ICurrentUser utilisateur,
        ReglesEspaces regles, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { } acces)
        {
            return ReglesEspaces.Introuvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var chemin = dossierId is null ? [] : (await conn.QueryAsync<LigneDossier>(new CommandDefinition(CheminSql, new { divisionId, dossierId }, cancellationToken: ct))).AsList();
        if (dossierId is not null && chemin.Count == 0)
        {
            return Problemes.Introuvable("Aucun dossier de cet espace ne correspond à cette adresse.");
        }

        var dossiers = await conn.QueryAsync<LigneDossier>(new CommandDefinition(DossiersSql, new { divisionId, dossierId }, cancellationToken: ct));
        var fichiers = await conn.QueryAsync<LigneFichier>(new CommandDefinition(FichiersSql, new { divisionId, dossierId }, cancellationToken: ct));
        return TypedResults.Ok(new ContenuEspace(acces.Espace, [.. chemin.Select(Dossier)], [.. dossiers.Select(Dossier)],
            [.. fichiers.Select(f => new FichierEspace(f.Id, f.DossierId, f.NomOriginal, f.TypeContenu, f.Taille, f.Version, Depots.Utc(f.ModifieLe)))]));
    }

    private static DossierEspace Dossier(LigneDossier d) => new(d.Id, d.ParentId, d.Nom, Depots.Utc(d.CreeLe));
}
