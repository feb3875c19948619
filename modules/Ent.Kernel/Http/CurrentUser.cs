using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Ent.Kernel.Http;

/// <summary>Who is calling: the person behind the access token, if any. Endpoints take it as a parameter.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    /// <summary>The person's id (the token's subject), or null for an anonymous or client-only call.</summary>
    Guid? PersonneId { get; }
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;

    public Guid? PersonneId =>
        Guid.TryParse(Principal?.FindFirstValue("sub") ?? Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
