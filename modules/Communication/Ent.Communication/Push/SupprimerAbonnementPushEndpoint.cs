using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Push;

/// <summary>
/// DELETE /api/communication/me/push/abonnements?endpoint=… — stops push on one of my devices (this one, or another in
/// my list). Someone else's device answers 404, like one that does not exist.
/// </summary>
internal static class SupprimerAbonnementPushEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/me/push/abonnements", Handle)
        .WithName("SupprimerMonAbonnementPush")
        .WithSummary("Désabonne un de mes appareils des notifications push (par l'adresse de son abonnement).");

    private const string Sql = "DELETE FROM communication.abonnement_push WHERE endpoint = @endpoint AND personne_id = @personneId";

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(string? endpoint, ICurrentUser utilisateur,
        NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } personneId)
        {
            return Problemes.SansPersonne();
        }

        if (string.IsNullOrWhiteSpace(endpoint) || endpoint.Length > 2000)
        {
            return new Erreurs().Add("endpoint", "Indiquez l'adresse de l'abonnement à supprimer (paramètre endpoint).").ToProblem();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var supprimes = await conn.ExecuteAsync(new CommandDefinition(Sql, new { endpoint, personneId }, cancellationToken: ct));
        return supprimes == 0 ? Problemes.Introuvable("Aucun de vos appareils n'a cet abonnement.") : TypedResults.NoContent();
    }
}
