namespace Ent.Scolarite.Contracts;

/// <summary>
/// Who teaches whom, for other modules (Identité's access rules first). Answers for the current school year only:
/// last year's teacher no longer sees the pupil.
/// </summary>
public interface IEquipesPedagogiques
{
    /// <summary>
    /// True when the person teaches the pupil this school year: a teaching service in one of the pupil's classes or
    /// groups, or head teacher of the pupil's class.
    /// </summary>
    Task<bool> EnseigneAAsync(Guid enseignantId, Guid eleveId, CancellationToken ct);

    /// <summary>
    /// The subjects (names as the établissement spells them) each of the given people teaches the pupil this school
    /// year, for the family's access log; people teaching the pupil nothing are left out.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> MatieresEnseigneesAsync(Guid eleveId, IReadOnlyCollection<Guid> enseignantIds, CancellationToken ct);
}
