using Dapper;
using Ent.Identite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Classes;

/// <summary>
/// GET /api/scolarite/etablissements/{uai}/classes — the établissement's classes this school year with their head
/// count. Names no pupil: the structure of a school is not personal data.
/// </summary>
internal static class ListerClassesEndpoint
{
    /// <summary>A class of the school year.</summary>
    /// <param name="Code">Short code, e.g. 2NDE1.</param>
    /// <param name="Libelle">Name shown to families, e.g. « Seconde 1 ».</param>
    /// <param name="Niveau">seconde, premiere or terminale.</param>
    /// <param name="Effectif">Number of pupils enrolled.</param>
    internal sealed record Classe(string Code, string Libelle, string Niveau, int Effectif);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/classes", Handle)
        .WithName("ListerClasses")
        .AllowAnonymous()
        .WithSummary("Liste les classes de l'année scolaire en cours d'un établissement, avec leur effectif.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT c.code, c.libelle, c.niveau, count(i.eleve_id)::int AS effectif
        FROM scolarite.classe c
        LEFT JOIN scolarite.inscription_classe i ON i.classe_id = c.id
        WHERE c.etablissement_id = @etablissementId AND c.annee_scolaire = @annee
        GROUP BY c.id
        ORDER BY CASE c.niveau WHEN 'seconde' THEN 1 WHEN 'premiere' THEN 2 ELSE 3 END, c.code
        """;

    private static async Task<Results<Ok<Classe[]>, ValidationProblem, ProblemHttpResult>> Handle(
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
        var rows = await conn.QueryAsync<Classe>(new CommandDefinition(Sql,
            new { etablissementId = etablissement.Id, annee = AnneeScolaire.Courante(clock) }, cancellationToken: ct));
        return TypedResults.Ok(rows.ToArray());
    }
}
