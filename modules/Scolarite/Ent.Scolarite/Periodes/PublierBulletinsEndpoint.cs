using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Ent.Scolarite.Structure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Scolarite.Periodes;

/// <summary>
/// POST /api/scolarite/etablissements/{uai}/periodes/{periodeId}/publication — the administrators publish a period's
/// report cards to pupils and families. Publishing again keeps the first date.
/// </summary>
internal static class PublierBulletinsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/periodes/{periodeId:guid}/publication", Handle)
        .WithName("PublierBulletins")
        .WithSummary("Publie les bulletins d'une période aux élèves et à leurs familles (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<PeriodeScolaire>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid periodeId, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
        NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
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
        var periode = await PeriodeScolaire.PublierAsync(conn, etablissement.Id, periodeId, clock.GetUtcNow(), ct);
        return periode is null ? Problemes.Introuvable("L'établissement n'a aucune période de cet identifiant.") : TypedResults.Ok(periode);
    }
}
