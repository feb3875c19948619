namespace Ent.Communication.Conversations;

/// <summary>Settings under <c>Ent:Messagerie</c>: the e-mail digest of unread messages and the purge of abandoned attachments.</summary>
internal sealed class MessagerieOptions
{
    public const string Section = "Ent:Messagerie";

    /// <summary>False stops the digest and the purge on this instance (another may run them: both are idempotent).</summary>
    public bool Entretien { get; set; } = true;

    /// <summary>The daily digest's hour, Paris time, 6 to 22 (18: after the school day, before the evening).</summary>
    public int HeureResume { get; set; } = 18;

    /// <summary>How often the background service looks whether a digest is due (it leaves within this of the hour).</summary>
    public int IntervalleSecondes { get; set; } = 300;

    /// <summary>
    /// A digest found more than this late (every instance was down at the hour) is dropped: the next day's follows. A
    /// digest of yesterday's messages arriving the next afternoon would mislead more than help.
    /// </summary>
    public int RattrapageHeures { get; set; } = 6;

    /// <summary>An attachment uploaded and attached to no message nor draft is deleted this long after its upload.</summary>
    public int PurgePiecesJointesHeures { get; set; } = 24;
}
