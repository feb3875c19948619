using Ent.Kernel.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ent.Identite.Oidc;

/// <summary>A third-party application, declared under <c>Ent:Oidc:Clients</c>.</summary>
internal sealed class ClientConfigure
{
    public string ClientId { get; set; } = string.Empty;
    public string? Secret { get; set; }
    public string Nom { get; set; } = string.Empty;

    /// <summary>client_credentials (an application acting for itself) or authorization_code (for a user, with consent).</summary>
    public List<string> Flux { get; set; } = [];
    public List<string> Portees { get; set; } = [];
    public List<string> RedirectUris { get; set; } = [];
}

/// <summary>
/// Brings the registered clients in line with configuration at start: the SPA (public, code + PKCE, redirect URIs
/// from Ent:UrlPublique, added to those of other instances) and the third parties of Ent:Oidc:Clients. A client is created once and updated when its
/// configuration changes, never re-created; its tokens and authorizations survive restarts.
/// </summary>
internal sealed class ClientsOidc(IConfiguration configuration) : IStartupTask
{
    public const string Spa = "ent-spa";

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await EnregistrerAsync(applications, await DescripteurSpaAsync(applications, ct), ct);
        foreach (var client in configuration.GetSection("Ent:Oidc:Clients").Get<List<ClientConfigure>>() ?? [])
        {
            await EnregistrerAsync(applications, Descripteur(client), ct);
        }
    }

    public static string UrlPublique(IConfiguration configuration) =>
        (configuration["Ent:UrlPublique"] is { Length: > 0 } url ? url : "http://localhost:5080").TrimEnd('/');

    /// <summary>
    /// The SPA's redirect URIs are shared by every instance: a start adds its own public address and never removes
    /// another's (an instance started with another Ent:UrlPublique once locked the running one's logins out). An old
    /// address goes only when named in Ent:Oidc:UrlsPubliquesRetirees.
    /// </summary>
    private async Task<OpenIddictApplicationDescriptor> DescripteurSpaAsync(IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var urlPublique = UrlPublique(configuration);
        var spa = DescripteurSpa(urlPublique);
        if (await applications.FindByClientIdAsync(Spa, ct) is not { } existant)
        {
            return spa;
        }

        var retirees = (configuration.GetSection("Ent:Oidc:UrlsPubliquesRetirees").Get<string[]>() ?? [])
            .Select(u => u.Trim().TrimEnd('/'))
            .Where(u => !string.Equals(u, urlPublique, StringComparison.OrdinalIgnoreCase))
            .SelectMany(u => new[] { u + "/connexion/retour", u + "/" })
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToHashSet();
        var actuel = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(actuel, existant, ct);
        spa.RedirectUris.UnionWith(actuel.RedirectUris.Where(u => !retirees.Contains(u)));
        spa.PostLogoutRedirectUris.UnionWith(actuel.PostLogoutRedirectUris.Where(u => !retirees.Contains(u)));
        return spa;
    }

    private static async Task EnregistrerAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor voulu, CancellationToken ct)
    {
        var existant = await applications.FindByClientIdAsync(voulu.ClientId!, ct);
        if (existant is null)
        {
            await applications.CreateAsync(voulu, ct);
        }
        else
        {
            await applications.UpdateAsync(existant, voulu, ct);
        }
    }

    private static OpenIddictApplicationDescriptor DescripteurSpa(string urlPublique)
    {
        var spa = new OpenIddictApplicationDescriptor
        {
            ClientId = Spa,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit, // Ent's own app: no consent screen
            DisplayName = "Ent",
            RedirectUris = { new Uri(urlPublique + "/connexion/retour") },
            PostLogoutRedirectUris = { new Uri(urlPublique + "/") },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        spa.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
            Permissions.Endpoints.Revocation, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code, Permissions.Scopes.Profile,
        ]);
        spa.Permissions.UnionWith(Portees.Api.Select(p => Permissions.Prefixes.Scope + p));
        return spa;
    }

    private static OpenIddictApplicationDescriptor Descripteur(ClientConfigure client)
    {
        if (string.IsNullOrWhiteSpace(client.ClientId) || string.IsNullOrWhiteSpace(client.Secret))
        {
            throw new InvalidOperationException("Ent:Oidc:Clients : chaque client tiers a un ClientId et un Secret.");
        }

        // An application's own token has its client id as subject: one shaped like a person's id invites confusion
        // with a person (issue #12), even though the API reads persons from their own claim only.
        if (Guid.TryParse(client.ClientId, out _))
        {
            throw new InvalidOperationException(
                $"Ent:Oidc:Clients : le ClientId « {client.ClientId} » a la forme d'un identifiant de personne (GUID) : choisissez un nom, par exemple « editeur-ressources ».");
        }

        var descripteur = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.Secret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = client.Nom,
        };
        descripteur.Permissions.UnionWith([Permissions.Endpoints.Token, Permissions.Endpoints.Introspection, Permissions.Endpoints.Revocation]);
        if (client.Flux.Contains(GrantTypes.ClientCredentials))
        {
            descripteur.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        if (client.Flux.Contains(GrantTypes.AuthorizationCode))
        {
            descripteur.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code]);
            descripteur.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            foreach (var uri in client.RedirectUris)
            {
                descripteur.RedirectUris.Add(new Uri(uri));
            }
        }

        var inconnues = client.Portees.Except(Portees.Api).ToList();
        if (inconnues.Count > 0)
        {
            throw new InvalidOperationException($"Ent:Oidc:Clients : portées inconnues pour {client.ClientId} : {string.Join(", ", inconnues)}.");
        }

        descripteur.Permissions.UnionWith(client.Portees.Select(p => Permissions.Prefixes.Scope + p));
        return descripteur;
    }
}
