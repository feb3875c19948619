using System.Security.Cryptography;
using System.Text;
using Dapper;
using Ent.Communication.Acheminement;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Ent.Communication.Suivi;

/// <summary>
/// POST /api/communication/accuses-reception — the SMS gateway's delivery receipts: <c>{ "reference": "…", "statut":
/// "remis" | "echec", "raison": "…" }</c>, with the shared secret <c>Ent:Sms:CleAccuses</c> as a bearer token (the gateway
/// is no OAuth client). A sent message becomes delivered (remis) or failed with the reason; a repeated receipt changes
/// nothing. Unknown references are acknowledged (the gateway must not retry them forever).
/// </summary>
internal static class RecevoirAccuseReceptionEndpoint
{
    /// <summary>A delivery receipt.</summary>
    /// <param name="Reference">The gateway's id for the message (the <c>id</c> it answered when accepting it).</param>
    /// <param name="Statut">remis (delivered to the phone) or echec (could not be delivered).</param>
    /// <param name="Raison">For echec: why (unknown number, phone off for too long…).</param>
    internal sealed record AccuseReception(string? Reference, string? Statut, string? Raison);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/accuses-reception", Handle)
        .WithName("RecevoirAccuseReception")
        .WithSummary("Accusés de réception de la passerelle SMS (secret partagé, pas de jeton OAuth).")
        .AllowAnonymous()
        .WithMetadata(new SecretPartage())
        .ProducesProblem(StatusCodes.Status401Unauthorized);

    private const string Sql = """
        UPDATE communication.message_sortant
        SET statut = @statut, remis_le = CASE WHEN @statut = 'remis' THEN @maintenant ELSE remis_le END,
            erreur = CASE WHEN @statut = 'echec' THEN @raison ELSE erreur END
        WHERE canal = 'sms' AND reference_fournisseur = @reference AND statut = 'envoye'
        """;

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        AccuseReception accuse, HttpContext http, IOptions<SmsOptions> options, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (!Autorise(http, options.Value.CleAccuses))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Non authentifié",
                detail: "Accusés de réception : secret de la passerelle absent ou incorrect.", type: "urn:ent:probleme:non-authentifie");
        }

        var erreurs = new Erreurs();
        if (string.IsNullOrWhiteSpace(accuse.Reference) || accuse.Reference.Length > 200)
        {
            erreurs.Add("reference", "Indiquez la référence du message (200 caractères au plus).");
        }

        if (accuse.Statut is not ("remis" or "echec"))
        {
            erreurs.Add("statut", "Le statut est « remis » ou « echec ».");
        }

        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var raison = accuse.Statut == "echec"
            ? $"Non remis : {(string.IsNullOrWhiteSpace(accuse.Raison) ? "raison non précisée" : accuse.Raison.Trim()[..Math.Min(accuse.Raison.Trim().Length, 300)])}"
            : null;
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Sql, new { statut = accuse.Statut, reference = accuse.Reference, raison, maintenant = clock.GetUtcNow() },
            cancellationToken: ct));
        return TypedResults.NoContent();
    }

    private static bool Autorise(HttpContext http, string? cle)
    {
        var entete = http.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(cle) || !entete.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(entete["Bearer ".Length..]), Encoding.UTF8.GetBytes(cle));
    }
}
