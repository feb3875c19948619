using System.Buffers.Text;
using System.Net;

namespace Ent.Communication.Push;

/// <summary>One of my devices subscribed to push.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Endpoint">The push service's address for this browser (lets the screen recognise « this device »).</param>
/// <param name="Appareil">A label from the browser's user agent, e.g. « Chrome sur Android ».</param>
/// <param name="CreeLe">When it was subscribed.</param>
/// <param name="DernierSucces">When a push last reached its push service.</param>
internal sealed record AbonnementPush(Guid Id, string Endpoint, string Appareil, DateTimeOffset CreeLe, DateTimeOffset? DernierSucces);

/// <summary>The checks of a subscription as a browser gives it (PushSubscription.toJSON()), and its device label.</summary>
internal static class ReglesAbonnement
{
    public const int AppareilsMax = 20;

    /// <summary>The endpoint: absolute https (http only on the loopback, when the settings allow it for tests).</summary>
    public static bool EndpointValide(string? endpoint, bool httpLocal) =>
        endpoint is { Length: >= 10 and <= 2000 } && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || httpLocal && uri.Scheme == Uri.UriSchemeHttp && (uri.IsLoopback || IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));

    /// <summary>A base64url value that decodes to exactly <paramref name="octets"/> bytes (65: a P-256 point; 16: the auth secret).</summary>
    public static bool CleValide(string? valeur, int octets, byte? premier = null)
    {
        if (valeur is null || valeur.Length > 100 || !Base64Url.IsValid(valeur.TrimEnd('=')))
        {
            return false;
        }

        var brut = Base64Url.DecodeFromChars(valeur.TrimEnd('='));
        return brut.Length == octets && (premier is null || brut[0] == premier);
    }

    /// <summary>« Firefox sur Windows »: enough to tell one's devices apart, nothing more kept from the user agent.</summary>
    public static string Appareil(string? userAgent)
    {
        var ua = userAgent ?? string.Empty;
        var navigateur = ua.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : ua.Contains("OPR/", StringComparison.Ordinal) ? "Opera"
            : ua.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
            : ua.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : "Navigateur";
        var systeme = ua.Contains("Android", StringComparison.Ordinal) ? "Android"
            : ua.Contains("iPhone", StringComparison.Ordinal) || ua.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : ua.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : ua.Contains("Mac OS X", StringComparison.Ordinal) ? "macOS"
            : ua.Contains("CrOS", StringComparison.Ordinal) ? "ChromeOS"
            : ua.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : null;
        return systeme is null ? navigateur : $"{navigateur} sur {systeme}";
    }
}
