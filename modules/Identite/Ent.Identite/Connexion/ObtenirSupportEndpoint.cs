using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Ent.Identite.Connexion;

/// <summary>The support contact (Ent:Support), as the SPA's help pages show it: all fields null when none is set.</summary>
/// <param name="Telephone">The phone number as people dial it.</param>
/// <param name="Horaires">When someone answers.</param>
/// <param name="Courriel">An e-mail address.</param>
internal sealed record ContactSupport(string? Telephone, string? Horaires, string? Courriel);

/// <summary>
/// GET /api/identite/support — whom to call for help (issue 19), for the « Aide » pages and the accessibility
/// statement. Public: a visitor who cannot log in is the one who needs it. Never 404: an instance without a support
/// contact answers nulls, and the pages then send to the établissement.
/// </summary>
internal static class ObtenirSupportEndpoint
{
    public static void Map(IEndpointRouteBuilder group) => group
        .MapGet("/support", Handle)
        .WithName("ObtenirSupport")
        .AllowAnonymous()
        .WithSummary("Le contact d'assistance de l'instance (téléphone, horaires, courriel), pour les pages d'aide.");

    private static Ok<ContactSupport> Handle(IOptions<SupportOptions> options)
    {
        var o = options.Value;
        string? Valeur(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        return TypedResults.Ok(o.Affiche ? new ContactSupport(Valeur(o.Telephone), Valeur(o.Horaires), Valeur(o.Courriel)) : new ContactSupport(null, null, null));
    }
}
