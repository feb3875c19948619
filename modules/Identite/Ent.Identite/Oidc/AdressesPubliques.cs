using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Ent.Identite.Oidc;

/// <summary>
/// The discovery document names every endpoint under the issuer (Ent:UrlPublique), as the issuer itself: OpenIddict
/// would otherwise build them from the request's scheme and Host header, which a client chooses.
/// </summary>
internal sealed class AdressesPubliques : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
        .UseSingletonHandler<AdressesPubliques>()
        .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order - 1_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        var options = context.Options;
        if (options.Issuer is not { } emetteur)
        {
            return default;
        }

        Uri? Publique(List<Uri> adresses) => adresses.FirstOrDefault() is { } adresse
            ? adresse.IsAbsoluteUri ? adresse : new Uri(emetteur, adresse)
            : null;

        context.AuthorizationEndpoint ??= Publique(options.AuthorizationEndpointUris);
        context.TokenEndpoint ??= Publique(options.TokenEndpointUris);
        context.UserInfoEndpoint ??= Publique(options.UserInfoEndpointUris);
        context.EndSessionEndpoint ??= Publique(options.EndSessionEndpointUris);
        context.RevocationEndpoint ??= Publique(options.RevocationEndpointUris);
        context.IntrospectionEndpoint ??= Publique(options.IntrospectionEndpointUris);
        context.JsonWebKeySetEndpoint ??= Publique(options.JsonWebKeySetEndpointUris);
        context.DeviceAuthorizationEndpoint ??= Publique(options.DeviceAuthorizationEndpointUris);
        context.PushedAuthorizationEndpoint ??= Publique(options.PushedAuthorizationEndpointUris);
        return default;
    }
}
