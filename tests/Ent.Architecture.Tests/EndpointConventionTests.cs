using System.Reflection;
using Ent.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Architecture.Tests;

/// <summary>
/// Every API endpoint of a module lives under /api/&lt;module&gt;, carries its module's tag and a stable name. The
/// OpenID Connect protocol endpoints and server-rendered pages (/connect/*, /connexion), kept out of the API
/// document, follow the protocol's addresses instead.
/// </summary>
public sealed class EndpointConventionTests(EntApp app) : IClassFixture<EntApp>
{
    [Fact]
    public void Every_module_endpoint_is_under_its_prefix_tagged_and_named()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Handler: e.Metadata.GetMetadata<MethodInfo>()))
            .Where(e => e.Handler is not null && ModuleIsolationTests.ModuleAssemblies.Contains(e.Handler.DeclaringType!.Assembly))
            .Where(e => e.Endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .ToList();

        Assert.True(endpoints.Count >= 5, "each module maps at least one endpoint");
        Assert.All(endpoints, e =>
        {
            var module = e.Handler!.DeclaringType!.Assembly.GetName().Name!["Ent.".Length..];
            var route = "/" + e.Endpoint.RoutePattern.RawText!.TrimStart('/');
            Assert.StartsWith($"/api/{module.ToLowerInvariant()}/", route, StringComparison.Ordinal);
            Assert.Equal([module], e.Endpoint.Metadata.GetOrderedMetadata<ITagsMetadata>().SelectMany(t => t.Tags));
            Assert.False(string.IsNullOrEmpty(e.Endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName), $"{route} has no name");
        });
    }

    /// <summary>Every /api endpoint requires a token with its module's scope, unless it is explicitly public.</summary>
    [Fact]
    public void Every_api_endpoint_requires_a_token_or_says_it_is_public()
    {
        var unprotected = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.AuthorizationPolicy>()
                .SelectMany(p => p.Requirements).OfType<Ent.Kernel.Http.PorteeApi>().Any())
            .Select(e => e.RoutePattern.RawText)
            .ToList();

        Assert.True(unprotected.Count == 0, "Endpoints without token nor AllowAnonymous: " + string.Join(", ", unprotected));
    }

    [Fact]
    public void Endpoint_names_are_unique()
    {
        var names = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>()
            .ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
