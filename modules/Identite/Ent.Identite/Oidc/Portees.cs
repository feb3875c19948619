namespace Ent.Identite.Oidc;

/// <summary>Scopes: one read and one write scope per module's API, plus OpenID Connect's own.</summary>
internal static class Portees
{
    public static readonly string[] Modules = ["identite", "scolarite", "viescolaire", "communication", "ressources"];

    public static IEnumerable<string> Api => Modules.SelectMany(m => new[] { m + ".read", m + ".write" });

    /// <summary>What the SPA asks for: everything, since what a user sees is decided per pupil by the access rules.</summary>
    private static readonly string[] OpenId = ["openid", "profile", "offline_access"];

    public static IEnumerable<string> Spa => OpenId.Concat(Api);
}
