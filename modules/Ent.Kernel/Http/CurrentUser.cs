using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Ent.Kernel.Http;

/// <summary>Claims Ent puts in its tokens.</summary>
public static class ClaimsEnt
{
    /// <summary>
    /// The person a token was issued for, set only by a person's login (code flow, refresh). The token's subject is
    /// not enough: an application's own token (client credentials) has its client id as subject, and a client id may
    /// look like anything, a person's id included.
    /// </summary>
    public const string Personne = "ent_personne";
}

/// <summary>Who is calling: the person behind the access token, if any. Endpoints take it as a parameter.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The person's id (from <see cref="ClaimsEnt.Personne"/>), or null for an anonymous or client-only call.</summary>
    Guid? PersonneId { get; }
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? PersonneId =>
        Guid.TryParse(Principal?.FindFirstValue(ClaimsEnt.Personne), out var id) ? id : null;
}
