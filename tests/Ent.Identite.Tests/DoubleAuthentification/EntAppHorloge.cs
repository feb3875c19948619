using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Identite.Tests.DoubleAuthentification;

/// <summary>
/// A clock that only moves forward, by whole TOTP steps when a test asks: a code is accepted once per 30-second step,
/// so tests that log in several times with codes move to the next step instead of waiting for it, and never compute a
/// code a few milliseconds before the step changes under them.
/// </summary>
public sealed class Horloge : TimeProvider
{
    private TimeSpan _decalage;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _decalage;

    /// <summary>Moves the clock forward.</summary>
    public void Avancer(TimeSpan duree) => _decalage += duree;

    /// <summary>Jumps to one second into the next 30-second step.</summary>
    public void PasSuivant()
    {
        var maintenant = GetUtcNow();
        var debut = DateTimeOffset.FromUnixTimeSeconds((maintenant.ToUnixTimeSeconds() / 30 + 1) * 30).AddSeconds(1);
        _decalage += debut - maintenant;
    }
}

/// <summary>The real host with <see cref="Horloge"/> as its clock.</summary>
public sealed class EntAppHorloge : EntApp
{
    public Horloge Horloge { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Horloge));
    }
}
