using System.ComponentModel.DataAnnotations;
using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Identite.Etablissements;

/// <summary>
/// POST /api/identite/etablissements/recherche — finds établissements by part of their name, town or UAI, for the
/// "choose your school" step of a family's first visit. Public. A POST, so criteria can grow (académie, type) without
/// changing the route.
/// </summary>
internal static class RechercherEtablissementsEndpoint
{
    /// <summary>Search criteria.</summary>
    /// <param name="Texte">Part of the name, of the town, or the UAI; 2 to 100 characters.</param>
    /// <param name="Limite">At most this many results, 1 to 50 (default 20).</param>
    internal sealed record RechercheEtablissements([property: MaxLength(100)] string Texte, [property: Range(1, 50)] int? Limite);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/recherche", Handle)
        .WithName("RechercherEtablissements")
        .AllowAnonymous()
        .WithSummary("Cherche des établissements par nom, commune ou UAI.");

    private const string Sql = $"""
        SELECT {Etablissement.Colonnes}
        FROM identite.etablissement
        WHERE nom ILIKE @motif ESCAPE '\' OR commune ILIKE @motif ESCAPE '\' OR uai = upper(@texte)
        ORDER BY nom, uai
        LIMIT @limite
        """;

    private static async Task<Results<Ok<Etablissement[]>, ValidationProblem>> Handle(
        RechercheEtablissements requete, NpgsqlDataSource db, CancellationToken ct)
    {
        var texte = requete.Texte?.Trim() ?? string.Empty;
        var limite = requete.Limite ?? 20;
        var erreurs = new Erreurs()
            .Require(texte.Length is >= 2 and <= 100, "texte", "Saisissez de 2 à 100 caractères.")
            .Require(limite is >= 1 and <= 50, "limite", "La limite est comprise entre 1 et 50.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var motif = "%" + texte.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Etablissement>(new CommandDefinition(Sql, new { motif, texte, limite }, cancellationToken: ct));
        return TypedResults.Ok(rows.ToArray());
    }
}
