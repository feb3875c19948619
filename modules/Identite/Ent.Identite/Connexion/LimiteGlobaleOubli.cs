using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Ent.Identite.Connexion;

/// <summary>
/// A ceiling on the forgotten-password pages of this instance, whoever asks (<c>Ent:Oubli:RequetesParMinute</c>,
/// 120 by default): per-address limits, counted in the database, stop one address; this stops many addresses at once
/// from sending codes (SMS cost) or probing logins. Kept in memory, per instance, on purpose: it is a circuit breaker
/// for the instance, not an account of anyone's requests.
/// </summary>
internal sealed class LimiteGlobaleOubli(IConfiguration configuration) : IDisposable
{
    public const string Cle = "Ent:Oubli:RequetesParMinute";

    private readonly FixedWindowRateLimiter _limite = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = configuration.GetValue(Cle, 120),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    /// <summary>True when the request may go on; otherwise the <c>Retry-After</c> header is set on the response.</summary>
    public bool Accepter(HttpContext http)
    {
        using var bail = _limite.AttemptAcquire();
        if (bail.IsAcquired)
        {
            return true;
        }

        var attente = bail.TryGetMetadata(MetadataName.RetryAfter, out var duree) ? duree : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(attente.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return false;
    }

    public void Dispose() => _limite.Dispose();
}
