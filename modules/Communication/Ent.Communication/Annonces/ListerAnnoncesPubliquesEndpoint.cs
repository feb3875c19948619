using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Identite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Annonces;

/// <summary>
/// GET /api/communication/etablissements/{uai}/annonces-publiques — what the établissement tells everyone now:
/// published, not expired, newest first. Public.
/// </summary>
internal static class ListerAnnoncesPubliquesEndpoint
{
    /// <summary>A public announcement.</summary>
    /// <param name="Id">Identifier.</param>
    /// <param name="Titre">Title.</param>
    /// <param name="Texte">Plain text; the client shows it as text, never as HTML.</param>
    /// <param name="PublieeLe">When it was published (UTC).</param>
    internal sealed record AnnoncePublique(Guid Id, string Titre, [property: MaxLength(5000)] string Texte, DateTime PublieeLe);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/annonces-publiques", Handle)
        .WithName("ListerAnnoncesPubliques")
        .AllowAnonymous()
        .WithSummary("Liste les annonces publiques en cours d'un établissement, les plus récentes d'abord.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT id, titre, texte, publiee_le
        FROM communication.annonce_publique
        WHERE etablissement_id = @etablissementId AND publiee_le <= @now AND (expire_le IS NULL OR expire_le > @now)
        ORDER BY publiee_le DESC
        LIMIT 20
        """;

    private static async Task<Results<Ok<AnnoncePublique[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, IAnnuaire annuaire, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (etablissement, invalide, introuvable) = await annuaire.ResoudreUaiAsync(uai, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return introuvable!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<AnnoncePublique>(new CommandDefinition(Sql,
            new { etablissementId = etablissement.Id, now = clock.GetUtcNow() }, cancellationToken: ct));
        return TypedResults.Ok(rows.ToArray());
    }
}
