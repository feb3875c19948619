namespace Ent.Communication.Acheminement;

/// <summary>Settings under <c>Ent:Acheminement</c>: how the outbox worker delivers.</summary>
internal sealed class AcheminementOptions
{
    public const string Section = "Ent:Acheminement";

    /// <summary>False stops the worker on this instance (others may run it).</summary>
    public bool Actif { get; set; } = true;

    /// <summary>Pause between two looks at an empty outbox.</summary>
    public int IntervalleMs { get; set; } = 500;

    /// <summary>Messages claimed at once by one instance.</summary>
    public int Lot { get; set; } = 50;

    /// <summary>Messages sent in parallel by one instance.</summary>
    public int Parallelisme { get; set; } = 8;

    /// <summary>
    /// How long a claimed message is this worker's before another may take it over (a crashed instance's lease). A batch
    /// starts no send after this lease minus the longest send (<c>Ent:Sms:DelaiSecondes</c> × 2 + 2 s, <c>Ent:Smtp:DelaiSecondes</c>
    /// + 2 s): it must be at least 3 s longer (checked at start).
    /// </summary>
    public int BailSecondes { get; set; } = 120;

    /// <summary>Longest wait between two tries of a message that failed (backoff 30 s, 1 min, 2 min… up to this).</summary>
    public int AttenteMaxSecondes { get; set; } = 900;

    /// <summary>While a channel's messages wait after a failure and none is due, one of them is tried this often.</summary>
    public int SondeSecondes { get; set; } = 30;

    /// <summary>A message still failing this long after it was queued is given up (<c>echec</c>), whatever its tries.</summary>
    public int AbandonHeures { get; set; } = 24;

    /// <summary>No SMS from this hour (local) …</summary>
    public int DebutHeuresCalmes { get; set; } = 20;

    /// <summary>… until this hour: held until then.</summary>
    public int FinHeuresCalmes { get; set; } = 7;

    /// <summary>The families' time zone for quiet hours.</summary>
    public string FuseauHoraire { get; set; } = "Europe/Paris";

    /// <summary>Days an outbox row is kept once delivered, failed or cancelled (the desk's follow-up of deliveries); then purged.</summary>
    public int RetentionEnvoisJours { get; set; } = 92;

    /// <summary>Days an in-app notification is kept after it was created, read or not; then purged.</summary>
    public int RetentionNotificationsJours { get; set; } = 365;
}

/// <summary>Settings under <c>Ent:Sms</c>: the HTTP SMS gateway. Without a URL, SMS wait in the outbox.</summary>
internal sealed class SmsOptions
{
    public const string Section = "Ent:Sms";

    /// <summary>The gateway's base address, e.g. https://sms.example.fr/api/ (the generic JSON provider posts to <c>messages</c>).</summary>
    public Uri? Url { get; set; }

    /// <summary>API key, sent as a bearer token.</summary>
    public string? Cle { get; set; }

    /// <summary>Sender name shown on the phone (11 characters at most).</summary>
    public string Expediteur { get; set; } = "ENT";

    /// <summary>Time allowed for one call to the gateway.</summary>
    public int DelaiSecondes { get; set; } = 10;

    /// <summary>
    /// Secret the gateway presents (bearer) when it posts delivery receipts to <c>/api/communication/accuses-reception</c>;
    /// without it, receipts are not accepted.
    /// </summary>
    public string? CleAccuses { get; set; }

    // ---- Checked at start (issue #12): a bad URL used to fail every SMS for good at their first try. ----

    public const string MessageUrlInvalide =
        "Le réglage Ent:Sms:Url doit être une adresse absolue en http ou https (par exemple https://sms.example.fr/api/).";

    public static bool UrlValide(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// The gateway's paths are relative to this base: without a final slash, <c>https://sms.example.fr/api</c> plus
    /// <c>messages</c> is <c>https://sms.example.fr/messages</c>. The slash is added.
    /// </summary>
    public static void AjouterBarreFinale(SmsOptions options)
    {
        if (options.Url is { IsAbsoluteUri: true } url && !url.AbsolutePath.EndsWith('/'))
        {
            options.Url = new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;
        }
    }
}

/// <summary>Settings under <c>Ent:Smtp</c>: the mail server. Without a host, e-mails wait in the outbox.</summary>
internal sealed class SmtpOptions
{
    public const string Section = "Ent:Smtp";

    public string? Hote { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS when the server offers it (default), or none (a local relay).</summary>
    public bool Tls { get; set; } = true;

    public string? Utilisateur { get; set; }

    public string? MotDePasse { get; set; }

    public string Expediteur { get; set; } = "ENT <ne-pas-repondre@ent.invalid>";

    /// <summary>Time allowed for one e-mail (connection, authentication, sending).</summary>
    public int DelaiSecondes { get; set; } = 30;
}
