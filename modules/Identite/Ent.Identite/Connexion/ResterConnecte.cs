using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Ent.Identite.Connexion;

/// <summary>Ent:Connexion — how long a login the person chose to keep (« Rester connecté ») lasts without use.</summary>
internal sealed class ConnexionOptions
{
    public const string Section = "Ent:Connexion";

    /// <summary>Sliding: each use of the login (a new tab, a restart) starts the period again once half of it has passed.</summary>
    public int ResterConnecteJours { get; set; } = 30;
}

/// <summary>
/// « Rester connecté »: the login cookie of the OIDC server becomes persistent instead of a session cookie, and a
/// marker cookie tells the SPA that it may ask for tokens silently (authorize with prompt=none, a top-level redirect:
/// the CSP forbids frames). The marker holds no secret and proves nothing (the server decides with the login cookie,
/// HttpOnly): it only spares anonymous visitors a useless round trip. It lives as long as the login and goes with it.
/// </summary>
internal static class ResterConnecte
{
    public const string Marqueur = "ent_session_persistante";

    public static AuthenticationProperties? Proprietes(bool resterConnecte, TimeProvider horloge, ConnexionOptions options) =>
        resterConnecte
            ? new AuthenticationProperties
            {
                IsPersistent = true,
                ExpiresUtc = horloge.GetUtcNow().AddDays(options.ResterConnecteJours),
            }
            : null;

    /// <summary>Sets the marker for a persistent login, removes it for any other (or none).</summary>
    public static void Marquer(HttpContext http, AuthenticationProperties? session)
    {
        if (session is { IsPersistent: true, ExpiresUtc: { } expire })
        {
            http.Response.Cookies.Append(Marqueur, "1", new CookieOptions
            {
                // Read by the SPA's script: nothing else in it.
                HttpOnly = false,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                Path = "/",
                Expires = expire,
            });
        }
        else
        {
            Effacer(http);
        }
    }

    public static void Effacer(HttpContext http)
    {
        if (http.Request.Cookies.ContainsKey(Marqueur))
        {
            http.Response.Cookies.Delete(Marqueur, new CookieOptions { Path = "/", Secure = http.Request.IsHttps, SameSite = SameSiteMode.Lax });
        }
    }
}
