using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Ent.Identite.DoubleAuthentification;

/// <summary>
/// POST /api/identite/me/double-authentification — starts the setup of a TOTP second factor: a new secret, pending
/// until <see cref="ConfirmerDoubleAuthentificationEndpoint"/> receives a code from it. Starting again replaces a
/// setup in progress; an active second factor must be disabled first (with a code), or a stolen token could swap it.
/// </summary>
internal static class DemarrerDoubleAuthentificationEndpoint
{
    /// <summary>What to enter in an authenticator application.</summary>
    /// <param name="Uri">otpauth:// address (issuer Ent, account = login), for a QR code or a link.</param>
    /// <param name="Secret">The same secret in base32, for manual entry.</param>
    internal sealed record EnrolementDoubleAuthentification(string Uri, string Secret);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/double-authentification", Handle)
        .WithName("DemarrerDoubleAuthentification")
        .WithSummary("Commence l'activation de la double authentification (TOTP) : donne la clé à saisir dans l'application d'authentification.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<EnrolementDoubleAuthentification>, ProblemHttpResult>> Handle(ICurrentUser user,
        SecondFacteur secondFacteur, CancellationToken ct)
    {
        if (user.PersonneId is not { } id || await secondFacteur.EtatAsync(id, ct) is not { } etat)
        {
            return Problemes.Introuvable("Ce jeton ne représente aucun compte actif.");
        }

        var enrolement = etat.Actif ? null : await secondFacteur.DemarrerAsync(id, etat.Identifiant, ct);
        return enrolement is null
            ? TypedResults.Problem("La double authentification est déjà active : désactivez-la d'abord pour changer de téléphone.",
                statusCode: StatusCodes.Status409Conflict, title: "Conflit avec l'état actuel", type: "urn:ent:probleme:conflit")
            : TypedResults.Ok(new EnrolementDoubleAuthentification(enrolement.Uri, enrolement.Secret));
    }
}
