using System.Security.Claims;
using Ent.Identite.Oidc;
using Ent.Kernel.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;

namespace Ent.Identite.Moi;

/// <summary>What the « Applications autorisées » endpoints share.</summary>
internal static class ApplicationsAutorisees
{
    /// <summary>
    /// Only Ent's own app lists or withdraws the person's grants: a third-party application, even with
    /// identite.write, neither sees which other applications the person uses nor withdraws their access.
    /// </summary>
    public static ProblemHttpResult? HorsApplicationEnt(ClaimsPrincipal user) =>
        user.FindFirstValue(OpenIddictConstants.Claims.ClientId) == ClientsOidc.Spa || user.GetPresenters().Contains(ClientsOidc.Spa)
            ? null
            : TypedResults.Problem("Seule l'application Ent gère les applications autorisées.", statusCode: 403,
                title: "Accès refusé", type: "urn:ent:probleme:acces-refuse");
}
