using Ent.Identite.Connexion;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using static Ent.Identite.DoubleAuthentification.ConfirmerDoubleAuthentificationEndpoint;

namespace Ent.Identite.DoubleAuthentification;

/// <summary>
/// DELETE /api/identite/me/double-authentification — turns the second factor off, with a current code (or a recovery
/// code) so that a stolen token alone cannot. Refused while an établissement requires it of this person.
/// </summary>
internal static class DesactiverDoubleAuthentificationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapDelete("/me/double-authentification", Handle)
        .WithName("DesactiverDoubleAuthentification")
        .WithSummary("Désactive la double authentification, avec un code de l'application ou un code de secours.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        [FromBody] CodeDoubleAuthentification requete, ICurrentUser user, SecondFacteur secondFacteur, Comptes comptes, HttpContext http,
        CancellationToken ct)
    {
        if (user.PersonneId is not { } id || await secondFacteur.EtatAsync(id, ct) is not { } etat)
        {
            return Problemes.Introuvable("Ce jeton ne représente aucun compte actif.");
        }

        var erreurs = new Erreurs()
            .Require(SecondFacteur.FormatValide(requete.Code), "code", "Saisissez les 6 chiffres de l'application, ou un code de secours.")
            .Require(etat.Actif, "code", "La double authentification n'est pas active.")
            .Require(!etat.Requis, "code", "Votre établissement exige la double authentification pour les personnels : elle ne peut pas être désactivée.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        var verdict = await comptes.EssaiCodeAsync(etat.Identifiant, http.Connection.RemoteIpAddress,
            () => secondFacteur.VerifierAsync(id, requete.Code!, ct), ct);
        switch (verdict)
        {
            case Verdict.Accepte:
                await secondFacteur.DesactiverAsync(id, ct);
                return TypedResults.NoContent();
            case Verdict.Refuse:
                return new Erreurs().Add("code", "Code incorrect ou déjà utilisé.").ToProblem();
            default:
                return TropDEssais();
        }
    }
}
