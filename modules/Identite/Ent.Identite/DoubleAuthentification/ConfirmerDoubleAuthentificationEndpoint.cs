using Ent.Identite.Connexion;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Ent.Identite.DoubleAuthentification;

/// <summary>
/// POST /api/identite/me/double-authentification/confirmation — activates the pending secret when the code comes from
/// it, and returns the recovery codes, this once only. A wrong code counts against the login like a wrong password.
/// </summary>
internal static class ConfirmerDoubleAuthentificationEndpoint
{
    /// <summary>A code shown by the authenticator application.</summary>
    /// <param name="Code">The 6 digits.</param>
    internal sealed record CodeDoubleAuthentification(string? Code);

    /// <summary>The second factor is active.</summary>
    /// <param name="CodesSecours">Ten single-use recovery codes, shown now and never again.</param>
    internal sealed record DoubleAuthentificationActivee(string[] CodesSecours);

    public static void Map(IEndpointRouteBuilder group) => group
        .MapPost("/me/double-authentification/confirmation", Handle)
        .WithName("ConfirmerDoubleAuthentification")
        .WithSummary("Active la double authentification avec un code de l'application ; donne, une seule fois, dix codes de secours.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<Ok<DoubleAuthentificationActivee>, ValidationProblem, ProblemHttpResult>> Handle(
        CodeDoubleAuthentification requete, ICurrentUser user, SecondFacteur secondFacteur, Comptes comptes, HttpContext http, CancellationToken ct)
    {
        if (user.PersonneId is not { } id || await secondFacteur.EtatAsync(id, ct) is not { } etat)
        {
            return Problemes.Introuvable("Ce jeton ne représente aucun compte actif.");
        }

        var erreurs = new Erreurs()
            .Require(SecondFacteur.Normaliser(requete.Code).Length == 6 && requete.Code!.Length <= 20, "code", "Le code est fait de 6 chiffres.")
            .Require(!etat.Actif, "code", "La double authentification est déjà active.");
        if (erreurs.Any)
        {
            return erreurs.ToProblem();
        }

        string[]? codesSecours = null;
        var verdict = await comptes.EssaiCodeAsync(etat.Identifiant, http.Connection.RemoteIpAddress, async () =>
        {
            codesSecours = await secondFacteur.ConfirmerAsync(id, requete.Code!, ct);
            return codesSecours is not null;
        }, ct);
        return verdict switch
        {
            Verdict.Accepte => TypedResults.Ok(new DoubleAuthentificationActivee(codesSecours!)),
            Verdict.Refuse => new Erreurs().Add("code", "Code incorrect, ou aucune activation en cours : recommencez l'activation si besoin.").ToProblem(),
            _ => TropDEssais(),
        };
    }

    public static ProblemHttpResult TropDEssais() => TypedResults.Problem(
        "Trop d'essais infructueux pour ce compte : réessayez dans 15 minutes.",
        statusCode: StatusCodes.Status429TooManyRequests, title: "Trop de requêtes", type: "urn:ent:probleme:trop-de-requetes");
}
