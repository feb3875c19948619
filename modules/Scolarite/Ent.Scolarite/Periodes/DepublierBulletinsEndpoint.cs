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
/// DELETE /api/scolarite/etablissements/{uai}/periodes/{periodeId}/publication — the administrators withdraw a period's
/// report cards from pupils and families (to correct them, say) until they publish them again.
/// </summary>
internal static class DepublierBulletinsEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/etablissements/{uai}/periodes/{periodeId:guid}/publication", Handle)
        .WithName("DepublierBulletins")
        .WithSummary("Retire la publication des bulletins d'une période (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<PeriodeScolaire>, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid periodeId, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces regles,
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

        await using var conn = await db.OpenConnectionAsync(ct);
        var periode = await PeriodeScolaire.PublierAsync(conn, etablissement.Id, periodeId, null, ct);
        return periode is null ? Problemes.Introuvable("L'établissement n'a aucune période de cet identifiant.") : TypedResults.Ok(periode);
    }
}
