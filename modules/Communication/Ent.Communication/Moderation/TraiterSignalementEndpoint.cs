using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Moderation;

/// <summary>
/// POST /api/communication/etablissements/{uai}/messagerie/signalements/{id}/traitement — the head marks a report dealt
/// with (it stays listed, after those waiting). Its administrators only; anyone else, or another établissement's
/// report: 404.
/// </summary>
internal static class TraiterSignalementEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/etablissements/{uai}/messagerie/signalements/{id:guid}/traitement", Handle)
        .WithName("TraiterSignalement")
        .WithSummary("Marque un signalement comme traité (administrateurs de l'établissement).")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        string uai, Guid id, ICurrentUser utilisateur, IAnnuaire annuaire, IReglesAcces reglesAcces, NpgsqlDataSource db, TimeProvider clock,
        CancellationToken ct)
    {
        var acces = await AdministrationMessagerie.ResoudreAsync(uai, utilisateur, annuaire, reglesAcces, ct);
        if (acces.Invalide is { } invalide)
        {
            return invalide;
        }

        if (acces.Etablissement is not { } etablissement)
        {
            return acces.Introuvable!;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var lignes = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE communication.signalement SET traite_par = @personneId, traite_le = coalesce(traite_le, @maintenant)
            WHERE id = @id AND etablissement_id = @etablissementId
            """, new { id, etablissementId = etablissement.Id, personneId = acces.PersonneId, maintenant = clock.GetUtcNow() }, cancellationToken: ct));
        return lignes == 0 ? Problemes.Introuvable("Aucun signalement de l'établissement ne correspond.") : TypedResults.NoContent();
    }
}
