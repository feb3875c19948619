using Dapper;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace Ent.Communication.Signalements;

/// <summary>
/// PUT /api/communication/signalements/formulaires/{id}/actif — the builders offer a form to families and pupils or
/// withdraw it. A withdrawn form receives nothing more; the reports filed with it stay, and keep being handled.
/// </summary>
internal static class ActiverFormulaireSignalementEndpoint
{
    /// <summary>Offered or not.</summary>
    /// <param name="Actif">Offered to families and pupils.</param>
    internal sealed record EtatFormulaire(bool Actif);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPut("/signalements/formulaires/{id:guid}/actif", Handle)
        .WithName("ActiverFormulaireSignalement")
        .WithSummary("Propose un formulaire de signalement aux familles et aux élèves, ou le retire.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, EtatFormulaire requete, ICurrentUser utilisateur,
        AccesSignalements acces, NpgsqlDataSource db, CancellationToken ct)
    {
        if (utilisateur.PersonneId is not { } moi)
        {
            return Problemes.SansPersonne();
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var etablissementId = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT etablissement_id FROM communication.formulaire_signalement WHERE id = @id", new { id }, cancellationToken: ct));
        if (etablissementId is not { } etablissement || !await acces.PeutConcevoirAsync(moi, etablissement, ct))
        {
            return Problemes.Introuvable("Aucun formulaire de signalement ne correspond à cette adresse.");
        }

        await conn.ExecuteAsync(new CommandDefinition("UPDATE communication.formulaire_signalement SET actif = @actif WHERE id = @id",
            new { id, actif = requete.Actif }, cancellationToken: ct));
        return TypedResults.NoContent();
    }
}
