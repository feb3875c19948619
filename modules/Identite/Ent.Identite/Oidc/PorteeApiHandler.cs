using Ent.Kernel.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;

namespace Ent.Identite.Oidc;

/// <summary>Grants <see cref="PorteeApi"/> when the token holds the module's read or write scope for the method.</summary>
internal sealed class PorteeApiHandler(IHttpContextAccessor accessor) : AuthorizationHandler<PorteeApi>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PorteeApi requirement)
    {
        var method = accessor.HttpContext?.Request.Method ?? HttpMethods.Get;
        if (context.User.Identity?.IsAuthenticated == true && context.User.HasScope(PorteeApi.Requise(requirement.Module, method)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
