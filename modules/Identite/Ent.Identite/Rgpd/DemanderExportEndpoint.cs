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
/// POST /api/identite/me/exports — asks for an export of everything Ent holds about a person (RGPD, right of access and
/// portability): the connected person's own data (<c>personneId</c> absent or their own id), or a child's for one of
/// their legal guardians. A pupil under 18 does not ask for their own: their legal guardians do. Built in the
/// background (poll GET /me/exports for its progress), kept 7 days. An export of the same person still being built is
/// answered as it is rather than started twice.
/// </summary>
internal static class DemanderExportEndpoint
{
    /// <param name="PersonneId">Whose data: absent for one's own, or a child's id for a legal guardian.</param>
    internal sealed record DemandeExport(Guid? PersonneId);

    /// <summary>At most this many exports asked per person and day: each one reads everything.</summary>
    internal const int ParJour = 10;

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/exports", Handle)
        .WithName("DemanderExportRgpd")
        .WithSummary("Demande l'export de toutes les données personnelles de la personne connectée ou d'un de ses enfants (RGPD).")
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<Accepted<ExportRgpd>, Ok<ExportRgpd>, ProblemHttpResult>> Handle(DemandeExport? demande, ICurrentUser utilisateur,
        IReglesAcces regles, ExportsRgpd exports, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        var personne = demande?.PersonneId ?? moi;
        var maintenant = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        if (personne != moi)
        {
            // Only a legal guardian exports someone else's data; anyone else learns nothing about that person.
            if (!await regles.EstResponsableLegalAsync(moi, personne, ct))
            {
                return Problemes.Introuvable("Aucun de vos enfants ne porte cet identifiant.");
            }
        }
        else if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM identite.rattachement r WHERE r.personne_id = @moi AND r.profil = 'eleve')
               AND NOT EXISTS (SELECT 1 FROM identite.personne p WHERE p.id = @moi AND p.date_naissance <= (@jour::date - interval '18 years'))
            """, new { moi, jour = DateOnly.FromDateTime(maintenant.UtcDateTime) }, cancellationToken: ct)))
        {
            return TypedResults.Problem("L'export des données d'un élève mineur est demandé par ses responsables légaux, depuis leur compte.",
                statusCode: 403, title: "Accès refusé", type: "urn:ent:probleme:acces-refuse");
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        // One request at a time per person asking: the count and the insert below see each other's rows.
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended('export_rgpd:' || @moi::text, 0))",
            new { moi }, tx, cancellationToken: ct));
        var enCours = await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition("""
            SELECT id FROM identite.export_rgpd
            WHERE demandeur_id = @moi AND personne_id = @personne AND etat IN ('en_attente', 'en_cours')
            ORDER BY demande_le DESC LIMIT 1
            """, new { moi, personne }, tx, cancellationToken: ct));
        if (enCours is { } existant)
        {
            await tx.CommitAsync(ct);
            return TypedResults.Ok((await ExportRgpd.ListerAsync(conn, moi, existant, maintenant, ct)).Single());
        }

        var duJour = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM identite.export_rgpd WHERE demandeur_id = @moi AND demande_le > @depuis",
            new { moi, depuis = maintenant.AddDays(-1) }, tx, cancellationToken: ct));
        if (duJour >= ParJour)
        {
            return TypedResults.Problem($"Vous avez déjà demandé {ParJour} exports ces dernières 24 heures : réessayez plus tard.",
                statusCode: 429, title: "Trop de requêtes", type: "urn:ent:probleme:trop-de-requetes");
        }

        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identite.export_rgpd (id, demandeur_id, personne_id, demande_le, expire_le)
            VALUES (@id, @moi, @personne, @maintenant, @expire)
            """, new { id, moi, personne, maintenant, expire = maintenant + ExportsRgpd.Disponibilite }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        exports.Signaler();
        var cree = (await ExportRgpd.ListerAsync(conn, moi, id, maintenant, ct)).Single();
        return TypedResults.Accepted($"/api/identite/me/exports/{id}", cree);
    }
}
