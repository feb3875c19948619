namespace Ent.Communication.Acheminement;

/// <summary>What a provider answered for one message.</summary>
internal abstract record ResultatEnvoi
{
    private ResultatEnvoi()
    {
    }

    /// <summary>Accepted; <paramref name="Reference"/> is the provider's id, if it gives one.</summary>
    public sealed record Accepte(string? Reference) : ResultatEnvoi;

    /// <summary>Refused for good (bad number, unknown address, credentials): no retry.</summary>
    public sealed record Refuse(string Raison) : ResultatEnvoi;

    /// <summary>Could not be sent now (5xx, timeout, network): retried later with backoff.</summary>
    public sealed record Reporte(string Raison) : ResultatEnvoi;
}

/// <summary>A message as a provider sends it. <paramref name="Cle"/> is the outbox's idempotency key: a provider that
/// honours it never sends the same key twice, so a retry after a lost answer is harmless.</summary>
internal sealed record Envoi(string Adresse, string Sujet, string Texte, string Cle);

/// <summary>The seam for SMS gateways: one generic JSON provider here; another gateway is one more implementation.</summary>
internal interface IFournisseurSms
{
    bool Configure { get; }

    Task<ResultatEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct);
}

/// <summary>The seam for e-mail: SMTP (MailKit) here.</summary>
internal interface IFournisseurCourriel
{
    bool Configure { get; }

    Task<ResultatEnvoi> EnvoyerAsync(Envoi envoi, CancellationToken ct);
}

/// <summary>A push message for one person: sent to each of their devices. <paramref name="Cle"/> is the outbox's key.</summary>
internal sealed record MessagePush(Guid PersonneId, string Titre, string Texte, string? Lien, string Cle, string Categorie);

/// <summary>The seam for Web Push: the standard protocol (RFC 8030/8291/8292), one implementation for every push service.</summary>
internal interface IFournisseurPush
{
    bool Configure { get; }

    /// <summary>The longest one message may take (every device of the person, one after the other).</summary>
    TimeSpan EnvoiMax { get; }

    Task<ResultatEnvoi> EnvoyerAsync(MessagePush message, CancellationToken ct);
}
