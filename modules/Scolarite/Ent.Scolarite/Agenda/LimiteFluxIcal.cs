using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Ent.Scolarite.Agenda;

/// <summary>
/// Reads of the public feed per caller's address (<c>Ent:Ical:RequetesParMinute</c>, 30 by default): a calendar app
/// polls a feed every few minutes at most, so a higher rate is someone trying tokens or a broken client. Kept in memory,
/// per instance, on purpose: a brake on guessing, not an account of anyone's reads.
/// </summary>
internal sealed class LimiteFluxIcal(IConfiguration configuration) : IDisposable
{
    public const string Cle = "Ent:Ical:RequetesParMinute";

    private readonly PartitionedRateLimiter<string> _limite = PartitionedRateLimiter.Create<string, string>(adresse =>
        RateLimitPartition.GetFixedWindowLimiter(adresse, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = configuration.GetValue(Cle, 30),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>True when the request may go on; otherwise the <c>Retry-After</c> header is set on the response.</summary>
    public bool Accepter(HttpContext http)
    {
        using var bail = _limite.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "?");
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
