using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Notation;

/// <summary>GET /api/scolarite/etablissements/{uai}/parametres-notation — the grading settings, for the administrators.</summary>
internal static class ObtenirParametresNotationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/etablissements/{uai}/parametres-notation", Handle)
        .WithName("ObtenirParametresNotation")
        .WithSummary("Donne les paramètres de notation de l'établissement (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ParametresNotation>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles, NpgsqlDataSource db, CancellationToken ct)
    {
        var (etablissement, invalide, refus) = await Administration.VerifierAsync(uai, utilisateur, annuaire, regles, ct);
        if (invalide is not null)
        {
            return invalide;
        }

        if (etablissement is null)
        {
            return refus!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await ParametresNotation.LireAsync(conn, etablissement.Id, ct));
    }
}
