using Ent.Testing;

namespace Ent.Identite.Tests.Sessions;

/// <summary>The host with one more third-party application: code flow, reading and writing the profile, refresh tokens.</summary>
public sealed class SessionsApp : EntApp
{
    public const string TiersAgenda = "tiers-agenda";
    public const string RetourAgenda = "https://agenda.example.org/retour";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Ent:Oidc:Clients:2:ClientId"] = TiersAgenda,
        ["Ent:Oidc:Clients:2:Secret"] = SecretTiers,
        ["Ent:Oidc:Clients:2:Nom"] = "Agenda familial",
        ["Ent:Oidc:Clients:2:Flux:0"] = "authorization_code",
        ["Ent:Oidc:Clients:2:Portees:0"] = "identite.read",
        ["Ent:Oidc:Clients:2:Portees:1"] = "identite.write",
        ["Ent:Oidc:Clients:2:RedirectUris:0"] = RetourAgenda,
    };
}
