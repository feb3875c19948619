namespace Ent.Scolarite.Contracts;

/// <summary>A class or a group of the current school year, as other modules name it (an audience, a calendar's filter).</summary>
/// <param name="Id">The class's or the group's id.</param>
/// <param name="EtablissementId">Its établissement.</param>
/// <param name="Nature">« classe » or « groupe ».</param>
/// <param name="Code">Its code, e.g. « 2NDE1 ».</param>
/// <param name="Libelle">Its label, e.g. « Seconde 1 ».</param>
public sealed record DivisionInfo(Guid Id, Guid EtablissementId, string Nature, string Code, string Libelle);

/// <summary>A pupil enrolled in a class or a group this school year.</summary>
public sealed record DivisionEleve(Guid EleveId, Guid DivisionId);

/// <summary>
/// Classes and groups (« divisions ») of the current school year, for other modules: the school calendar (issue 16)
/// targets them and shows each person the events of theirs.
/// </summary>
public interface IDivisions
{
    /// <summary>The établissement's classes then groups, by code.</summary>
    Task<IReadOnlyList<DivisionInfo>> DeLEtablissementAsync(Guid etablissementId, CancellationToken ct);

    /// <summary>The classes and groups each given pupil is enrolled in.</summary>
    Task<IReadOnlyList<DivisionEleve>> DesElevesAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct);

    /// <summary>The classes and groups a teacher teaches (a teaching service) or is head teacher of.</summary>
    Task<IReadOnlyList<DivisionInfo>> DeLEnseignantAsync(Guid enseignantId, CancellationToken ct);
}
