namespace Ent.Scolarite.Contracts;

/// <summary>A teaching service as other modules see it: who teaches which subject to which class or group.</summary>
/// <param name="Id">The service.</param>
/// <param name="EtablissementId">Its établissement.</param>
/// <param name="EnseignantId">Its teacher.</param>
/// <param name="Matiere">Subject name, e.g. « Mathématiques ».</param>
/// <param name="Division">The class's or group's name, e.g. « Seconde 1 ».</param>
public sealed record ServiceInfo(Guid Id, Guid EtablissementId, Guid EnseignantId, string Matiere, string Division);

/// <summary>Teaching services of the current school year, and the pupils they teach (roll calls start from there).</summary>
public interface IServicesEnseignement
{
    /// <summary>The service, or null when it does not exist (or belongs to another school year).</summary>
    Task<ServiceInfo?> TrouverAsync(Guid serviceId, CancellationToken ct);

    /// <summary>Several services at once (unknown ids left out).</summary>
    Task<IReadOnlyList<ServiceInfo>> TrouverAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken ct);

    /// <summary>The services a teacher teaches this school year.</summary>
    Task<IReadOnlyList<ServiceInfo>> DuEnseignantAsync(Guid enseignantId, CancellationToken ct);

    /// <summary>The pupils the service teaches: its class's or its group's.</summary>
    Task<IReadOnlyList<Guid>> ElevesAsync(Guid serviceId, CancellationToken ct);

    /// <summary>Each given pupil's class code this school year (pupils without a class left out).</summary>
    Task<IReadOnlyDictionary<Guid, string>> ClassesAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct);
}
