namespace Ent.Kernel.Rgpd;

/// <summary>
/// One kind of data's retention, enforced: deletes what is older than the documented retention at
/// the instant given. Each module registers its own (<c>services.AddSingleton&lt;IPurgeRetention, …&gt;()</c>);
/// a scheduler runs them all once per schedule across the hosts. A purge is idempotent (run twice, it deletes nothing
/// more), deletes in bounded batches and stored files after their rows, and returns how many rows went.
/// </summary>
public interface IPurgeRetention
{
    /// <summary>A stable name for logs and the register, e.g. « ressources.ouvertures ».</summary>
    string Nom { get; }

    /// <summary>The retention in plain French, as the register states it, e.g. « l'année scolaire en cours et la précédente ».</summary>
    string Duree { get; }

    Task<int> PurgerAsync(DateTimeOffset maintenant, CancellationToken ct);
}
