using Ent.Communication.Acheminement;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ent.Communication.Tests;

/// <summary>No SMS between 20:00 and 07:00, Paris time (summer and winter).</summary>
public sealed class HeuresCalmesTests
{
    private static readonly Acheminement.Acheminement Travailleur = new(null!, null!, null!, TimeProvider.System,
        Options.Create(new AcheminementOptions()), NullLogger<Acheminement.Acheminement>.Instance);

    [Theory]
    [InlineData("2026-11-28T05:59:00Z", false)] // 06:59 in Paris (UTC+1)
    [InlineData("2026-11-28T06:00:00Z", true)]  // 07:00
    [InlineData("2026-11-28T18:59:00Z", true)]  // 19:59
    [InlineData("2026-11-28T19:00:00Z", false)] // 20:00
    [InlineData("2026-06-15T04:30:00Z", false)] // 06:30 in Paris (UTC+2)
    [InlineData("2026-06-15T17:30:00Z", true)]  // 19:30
    [InlineData("2026-06-15T18:00:00Z", false)] // 20:00
    public void Sms_leave_only_between_seven_and_twenty(string utc, bool permis) =>
        Assert.Equal(permis, Travailleur.SmsPermis(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
}
