using Dapper;
using Ent.Identite.Contracts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Matieres;

/// <summary>
/// GET /api/scolarite/etablissements/{uai}/matieres — the subjects of an établissement, in report card order. Public:
/// which subjects a school teaches is not personal data.
/// </summary>
internal static class ListerMatieresEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/matieres", Handle)
        .WithName("ListerMatieres")
        .AllowAnonymous()
        .WithSummary("Liste les matières d'un établissement, dans l'ordre du bulletin.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        SELECT code, libelle, code_national, rang
        FROM scolarite.matiere
        WHERE etablissement_id = @etablissementId
        ORDER BY rang, libelle, code
        """;

    private static async Task<Results<Ok<MatiereEtablissement[]>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, IAnnuaire annuaire, NpgsqlDataSource db, CancellationToken ct)
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
        var matieres = await conn.QueryAsync<MatiereEtablissement>(new CommandDefinition(Sql,
            new { etablissementId = etablissement.Id }, cancellationToken: ct));
        return TypedResults.Ok(matieres.ToArray());
    }
}
