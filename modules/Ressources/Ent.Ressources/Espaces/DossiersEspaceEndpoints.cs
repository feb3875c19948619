using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;
using static Ent.Ressources.Espaces.ObtenirContenuEspaceEndpoint;

namespace Ent.Ressources.Espaces;

/// <summary>
/// POST /api/ressources/espaces/{divisionId}/dossiers, PUT and DELETE …/dossiers/{dossierId} — the division's teachers
/// create, rename and remove folders (a folder is removed empty only: its files are removed one by one, so that nothing
/// disappears by surprise). Anyone else gets 404.
/// </summary>
internal static class DossiersEspaceEndpoints
{
    /// <summary>A new folder.</summary>
    /// <param name="Nom">Its name (1 to 200 characters, without « / » or « \ »), unique in its folder.</param>
    /// <param name="ParentId">The folder it goes in (none: at the space's root).</param>
    internal sealed record NouveauDossier([property: System.ComponentModel.DataAnnotations.MaxLength(200)] string? Nom, Guid? ParentId);

    /// <summary>A folder's new name.</summary>
    /// <param name="Nom">1 to 200 characters, without « / » or « \ », unique in its folder.</param>
    internal sealed record RenommageDossier([property: System.ComponentModel.DataAnnotations.MaxLength(200)] string? Nom);

    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("/espaces/{divisionId:guid}/dossiers", Creer)
            .WithName("CreerDossierEspaceClasse")
            .WithSummary("Crée un dossier dans l'espace de classe (enseignants de la classe ou du groupe).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/espaces/{divisionId:guid}/dossiers/{dossierId:guid}", Renommer)
            .WithName("RenommerDossierEspaceClasse")
            .WithSummary("Renomme un dossier de l'espace de classe (enseignants de la classe ou du groupe).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/espaces/{divisionId:guid}/dossiers/{dossierId:guid}", Supprimer)
            .WithName("SupprimerDossierEspaceClasse")
            .WithSummary("Supprime un dossier vide de l'espace de classe (enseignants de la classe ou du groupe).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static ProblemHttpResult DossierIntrouvable() => Problemes.Introuvable("Aucun dossier de cet espace ne correspond à cette adresse.");

    private static ProblemHttpResult NomPris() => Problemes.Conflit("Un dossier de ce nom existe déjà à cet endroit : choisissez-en un autre.");

    private const string ExisteSql = "SELECT count(*) FROM ressources.espace_dossier WHERE id = @id AND division_id = @divisionId";

    private const string InsertSql = """
        INSERT INTO ressources.espace_dossier (id, etablissement_id, division_id, parent_id, nom, cree_par, cree_le)
        VALUES (@id, @etablissementId, @divisionId, @parentId, @nom, @moi, @maintenant)
        """;

    private static async Task<Results<Created<DossierEspace>, ValidationProblem, ProblemHttpResult>> Creer(Guid divisionId, NouveauDossier demande,
        ICurrentUser utilisateur, ReglesEspaces regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { Enseignant: true } acces)
        {
            return ReglesEspaces.Introuvable();
        }

        if (Saisie.ErreurNomDossier(demande.Nom) is { } erreur)
        {
            return new Erreurs().Add("nom", erreur).ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (demande.ParentId is { } parentId
            && await conn.ExecuteScalarAsync<long>(new CommandDefinition(ExisteSql, new { id = parentId, divisionId }, cancellationToken: ct)) == 0)
        {
            return new Erreurs().Add("parentId", "Ce dossier parent n'existe pas dans cet espace.").ToProblem();
        }

        var dossier = new DossierEspace(Guid.NewGuid(), demande.ParentId, Saisie.Texte(demande.Nom)!, clock.GetUtcNow());
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                dossier.Id, acces.Division.EtablissementId, divisionId, dossier.ParentId, dossier.Nom, moi, maintenant = dossier.CreeLe,
            }, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return NomPris();
        }

        return TypedResults.Created($"/api/ressources/espaces/{divisionId}/contenu?dossierId={dossier.Id}", dossier);
    }

    private const string RenommerSql = """
        UPDATE ressources.espace_dossier SET nom = @nom WHERE id = @dossierId AND division_id = @divisionId
        RETURNING id, parent_id, nom, cree_le
        """;

    private sealed record LigneDossier(Guid Id, Guid? ParentId, string Nom, DateTime CreeLe);

    private static async Task<Results<Ok<DossierEspace>, ValidationProblem, ProblemHttpResult>> Renommer(Guid divisionId, Guid dossierId,
        RenommageDossier demande, ICurrentUser utilisateur, ReglesEspaces regles, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { Enseignant: true })
        {
            return ReglesEspaces.Introuvable();
        }

        if (Saisie.ErreurNomDossier(demande.Nom) is { } erreur)
        {
            return new Erreurs().Add("nom", erreur).ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        try
        {
            var ligne = await conn.QuerySingleOrDefaultAsync<LigneDossier>(new CommandDefinition(RenommerSql,
                new { nom = Saisie.Texte(demande.Nom), dossierId, divisionId }, cancellationToken: ct));
            return ligne is null ? DossierIntrouvable() : TypedResults.Ok(new DossierEspace(ligne.Id, ligne.ParentId, ligne.Nom, Depots.Utc(ligne.CreeLe)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return NomPris();
        }
    }

    // Locked, so that a file put in it meanwhile (its insert checks the folder under the same lock) is not orphaned.
    private const string SupprimerSql = """
        SELECT (SELECT count(*) FROM ressources.espace_dossier e WHERE e.parent_id = d.id)
             + (SELECT count(*) FROM ressources.espace_fichier f WHERE f.dossier_id = d.id)
        FROM ressources.espace_dossier d WHERE d.id = @dossierId AND d.division_id = @divisionId FOR UPDATE
        """;

    private static async Task<Results<NoContent, ProblemHttpResult>> Supprimer(Guid divisionId, Guid dossierId, ICurrentUser utilisateur,
        ReglesEspaces regles, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        if (await regles.AccesAsync(moi, divisionId, ct) is not { Enseignant: true })
        {
            return ReglesEspaces.Introuvable();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var contenu = await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(SupprimerSql, new { dossierId, divisionId }, tx, cancellationToken: ct));
        if (contenu is null)
        {
            return DossierIntrouvable();
        }

        if (contenu > 0)
        {
            return Problemes.Conflit("Ce dossier n'est pas vide : supprimez d'abord ses fichiers et sous-dossiers.");
        }

        await conn.ExecuteAsync(new CommandDefinition("DELETE FROM ressources.espace_dossier WHERE id = @dossierId", new { dossierId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
