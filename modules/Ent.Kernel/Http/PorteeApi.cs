using Ent.Kernel.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ent.Kernel.Http;

/// <summary>
/// The token must carry the module's scope: <c>&lt;module&gt;.read</c> to read (GET, HEAD), <c>&lt;module&gt;.write</c>
/// to change anything. A third-party application is refused where its scopes stop; whose data a user may see is
/// decided afterwards, per pupil, by Identité's access rules. Identité provides the handler.
/// </summary>
public sealed record PorteeApi(string Module) : IAuthorizationRequirement
{
    public string Lecture => Module + ".read";

    public string Ecriture => Module + ".write";

    public static string Requise(string module, string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? module + ".read" : module + ".write";
}

public static class ApiGroups
{
    /// <summary>
    /// The module's route group: /api/&lt;module&gt;, its OpenAPI tag, and a token with the module's scope required on
    /// every endpoint. A public endpoint says so with <c>.AllowAnonymous()</c>. Every request body within its
    /// <see cref="Limites"/>.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, EntModule module)
    {
        var group = app.MapGroup(module.RoutePrefix)
            .WithTags(module.Tag)
            .RequireAuthorization(new AuthorizationPolicyBuilder().AddRequirements(new PorteeApi(module.Schema)).Build());
        group.AddEndpointFilter<LimitesFilter>();
        return group;
    }
}

/// <summary>
/// Endpoint metadata: a public route (AllowAnonymous) that checks a shared secret itself, as a bearer token — the SMS
/// gateway's receipts. The OpenAPI document declares that secret as the route's requirement.
/// </summary>
public sealed record SecretPartage;
