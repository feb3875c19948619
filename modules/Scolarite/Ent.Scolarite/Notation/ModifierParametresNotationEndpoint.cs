using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Notation;

/// <summary>
/// PUT /api/scolarite/etablissements/{uai}/parametres-notation — the administrators choose how work not handed in
/// counts in the établissement's averages.
/// </summary>
internal static class ModifierParametresNotationEndpoint
{
    /// <summary>The établissement's grading choices.</summary>
    /// <param name="NonRendu">zero (work not handed in counts as 0) or exclu (it is left out of averages).</param>
    internal sealed record ChoixNotation(string NonRendu);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/etablissements/{uai}/parametres-notation", Handle)
        .WithName("ModifierParametresNotation")
        .WithSummary("Modifie les paramètres de notation de l'établissement (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private const string Sql = """
        INSERT INTO scolarite.parametres_notation (etablissement_id, non_rendu) VALUES (@etablissementId, @nonRendu)
        ON CONFLICT (etablissement_id) DO UPDATE SET non_rendu = excluded.non_rendu
        RETURNING non_rendu
        """;

    private static async Task<Results<Ok<ParametresNotation>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, ChoixNotation demande, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        NpgsqlDataSource db, CancellationToken ct)
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

        if (demande.NonRendu is not (ParametresNotation.Zero or ParametresNotation.Exclu))
        {
            return new Erreurs().Add("nonRendu", "Choisissez « zero » (un travail non rendu compte 0) ou « exclu » (il ne compte pas).").ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok(await conn.QuerySingleAsync<ParametresNotation>(new CommandDefinition(Sql,
            new { etablissementId = etablissement.Id, nonRendu = demande.NonRendu }, cancellationToken: ct)));
    }
}
