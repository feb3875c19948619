namespace Ent.Identite.Oidc;

/// <summary>Scopes: one read and one write scope per module's API, plus OpenID Connect's own.</summary>
internal static class Portees
{
    public static readonly string[] Modules = ["identite", "scolarite", "viescolaire", "communication", "ressources"];

    public static IEnumerable<string> Api => Modules.SelectMany(m => new[] { m + ".read", m + ".write" });

    /// <summary>What the SPA asks for: everything, since what a user sees is decided per pupil by the access rules.</summary>
    private static readonly string[] OpenId = ["openid", "profile", "offline_access"];

    public static IEnumerable<string> Spa => OpenId.Concat(Api);

    /// <summary>Every scope the server knows (registered with OpenIddict).</summary>
    public static IEnumerable<string> Toutes => Spa.Concat(["email", "phone"]);

    /// <summary>
    /// What each scope lets an application do, as the consent page and « Mon compte » say it. Every scope has one: an
    /// authorization asking for a scope without a label is refused rather than shown with a part of it hidden
    /// (a test checks that <see cref="Toutes"/> are all here).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Libelles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["openid"] = "vous identifier (savoir que c'est vous, par votre identifiant Ent)",
        ["profile"] = "connaître vos nom et prénom",
        ["email"] = "connaître votre adresse électronique",
        ["phone"] = "connaître votre numéro de téléphone mobile",
        ["offline_access"] = "rester connecté à votre compte sans vous redemander votre mot de passe, jusqu'à ce que vous retiriez cet accès",
        ["identite.read"] = "lire votre profil et celui de vos enfants",
        ["identite.write"] = "modifier votre profil et vos réglages de compte",
        ["scolarite.read"] = "lire les notes, devoirs et bulletins",
        ["scolarite.write"] = "modifier des données de scolarité",
        ["viescolaire.read"] = "lire les absences et retards",
        ["viescolaire.write"] = "modifier des données de vie scolaire",
        ["communication.read"] = "lire vos messages et annonces",
        ["communication.write"] = "envoyer des messages en votre nom",
        ["ressources.read"] = "lire les ressources numériques utilisées",
        ["ressources.write"] = "modifier vos ressources numériques",
    };
}
