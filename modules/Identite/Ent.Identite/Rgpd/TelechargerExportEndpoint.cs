using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Rgpd;

/// <summary>
/// GET /api/identite/me/exports/{id}/fichier — downloads a ready export (a zip: JSON per kind of data, export.json,
/// resume.pdf). Only the person who asked for it, within its 7 days, and for a child's only while they are still a legal
/// guardian; each download is written in the access log of the
/// person whose data it holds. 404 for anyone else's export, 409 while it is being built.
/// </summary>
internal static class TelechargerExportEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/me/exports/{id:guid}/fichier", Handle)
        .WithName("TelechargerExportRgpd")
        .WithSummary("Télécharge un export de données personnelles prêt (archive zip).")
        .Produces<Stream>(StatusCodes.Status200OK, "application/zip")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private sealed record Fichier(Guid PersonneId, string Etat, byte[]? Contenu, string Prenom, string Nom, DateTime DemandeLe);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(Guid id, HttpContext http, ICurrentUser utilisateur,
        IJournalAcces journal, IReglesAcces regles, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        var fichier = await conn.QuerySingleOrDefaultAsync<Fichier>(new CommandDefinition("""
            SELECT x.personne_id, x.etat, x.contenu, p.prenom, p.nom, x.demande_le
            FROM identite.export_rgpd x JOIN identite.personne p ON p.id = x.personne_id
            WHERE x.id = @id AND x.demandeur_id = @moi AND x.expire_le > @maintenant
            """, new { id, moi, maintenant }, cancellationToken: ct));
        // A child's export is downloaded only while its asker is still their legal guardian (a custody changed since the
        // request takes effect at once).
        if (fichier is null || (fichier.PersonneId != moi && !await regles.EstResponsableLegalAsync(moi, fichier.PersonneId, ct)))
        {
            return Problemes.Introuvable("Aucun de vos exports disponibles ne porte cet identifiant.");
        }

        if (fichier.Contenu is null)
        {
            return Problemes.Conflit(fichier.Etat == "echoue"
                ? "Cet export a échoué : demandez-en un nouveau."
                : "Cet export est en cours de préparation : réessayez dans un instant.");
        }

        await journal.NoterAsync(http, utilisateur, fichier.PersonneId, Domaine.Identite, ActionAcces.Lecture, "TelechargerExportRgpd", ct);
        await conn.ExecuteAsync(new CommandDefinition("UPDATE identite.export_rgpd SET telecharge_le = @maintenant WHERE id = @id",
            new { id, maintenant }, cancellationToken: ct));
        var nom = $"donnees-ent-{Simplifier(fichier.Prenom)}-{Simplifier(fichier.Nom)}-{fichier.DemandeLe:yyyy-MM-dd}.zip";
        return TypedResults.File(fichier.Contenu, "application/zip", nom);
    }

    // A file name every system accepts: letters without accents, digits and dashes.
    private static string Simplifier(string s)
    {
        var decompose = s.Normalize(System.Text.NormalizationForm.FormD);
        var sortie = new System.Text.StringBuilder();
        foreach (var c in decompose)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sortie.Append(char.ToLowerInvariant(c));
            }
            else if ((c == ' ' || c == '-' || c == '\'') && sortie.Length > 0 && sortie[^1] != '-')
            {
                sortie.Append('-');
            }
        }

        return sortie.ToString().Trim('-');
    }
}
