using System.Security.Claims;
using Ent.Identite.Connexion;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ent.Identite.Oidc;

/// <summary>The identity put in Ent's tokens: the person's id as subject, their name for the apps that ask for it.</summary>
internal static class Identites
{
    public static ClaimsIdentity Pour(CompteConnecte compte, IEnumerable<string> portees)
    {
        var identity = new ClaimsIdentity("Ent", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, compte.PersonneId.ToString());
        // Only tokens issued for a person carry it: the API takes the caller for a person from this claim alone, never
        // from the subject (an application's own token has its client id as subject).
        identity.SetClaim(Kernel.Http.ClaimsEnt.Personne, compte.PersonneId.ToString());
        identity.SetClaim(Claims.Name, $"{compte.Prenom} {compte.Nom}");
        identity.SetClaim(Claims.GivenName, compte.Prenom);
        identity.SetClaim(Claims.FamilyName, compte.Nom);
        identity.SetScopes(portees);
        identity.SetDestinations(Destinations);
        return identity;
    }

    /// <summary>The subject goes everywhere; names only into the identity token, and only with the profile scope.</summary>
    public static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Kernel.Http.ClaimsEnt.Personne => [OpenIddictConstants.Destinations.AccessToken],
        Claims.Name or Claims.GivenName or Claims.FamilyName when claim.Subject!.HasScope(Scopes.Profile) =>
            [OpenIddictConstants.Destinations.IdentityToken],
        _ => [],
    };
}
