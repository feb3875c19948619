namespace Ent.Communication.Push;

/// <summary>
/// Settings under <c>Ent:Push</c>: Web Push (issue 19). Off by default; on, the platform's VAPID key pair is generated
/// once and kept in the database, its private half protected like the TOTP secrets (see <see cref="ClesVapid"/>).
/// </summary>
internal sealed class PushOptions
{
    public const string Section = "Ent:Push";

    /// <summary>Push offered to the users and delivered by the outbox.</summary>
    public bool Actif { get; set; }

    /// <summary>The contact the push services may use (VAPID <c>sub</c>): <c>mailto:…</c> or an https address.</summary>
    public string? Sujet { get; set; }

    /// <summary>How long a push service keeps a message for a device that is off (the <c>TTL</c> header), in seconds.</summary>
    public int DureeVieSecondes { get; set; } = 12 * 3600;

    /// <summary>Time allowed for one call to a push service.</summary>
    public int DelaiSecondes { get; set; } = 10;

    /// <summary>
    /// Accept subscriptions whose endpoint is plain http on the loopback (a local push-service stand-in in tests).
    /// Never in production: a real push service is always https.
    /// </summary>
    public bool AutoriserHttpLocal { get; set; }

    public const string MessageInvalide =
        "Ent:Push : avec Actif, Sujet doit être « mailto:adresse » ou une adresse https ; DureeVieSecondes entre 0 et 2 419 200 ; DelaiSecondes entre 1 et 60.";

    public bool Valide() => !Actif
        || (Sujet is { } s && (s.StartsWith("mailto:", StringComparison.Ordinal) && s.Length > 8
                               || Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps)
            && DureeVieSecondes is >= 0 and <= 2_419_200 && DelaiSecondes is >= 1 and <= 60);
}
