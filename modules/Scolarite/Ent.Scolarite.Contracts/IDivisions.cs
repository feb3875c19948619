namespace Ent.Scolarite.Contracts;

/// <summary>A class or a group of the current school year, as an audience (announcements, calendar) names it.</summary>
/// <param name="Id">The class's or group's id.</param>
/// <param name="EtablissementId">Its établissement.</param>
/// <param name="Type">« classe » or « groupe ».</param>
/// <param name="Code">Short code, e.g. 2NDE1, ESP2.</param>
/// <param name="Libelle">Name, e.g. « Seconde 1 ».</param>
public sealed record DivisionInfo(Guid Id, Guid EtablissementId, string Type, string Code, string Libelle);

/// <summary>A pupil of an audience, with their class this school year (null when they have none).</summary>
public sealed record EleveAudience(Guid EleveId, string? ClasseCode);

/// <summary>A pupil enrolled in a class or a group this school year.</summary>
public sealed record DivisionEleve(Guid EleveId, Guid DivisionId);

/// <summary>
/// Classes and groups of the current school year and who is in them, for Communication's audiences (issue #16): who an
/// announcement or an event addresses. Sets, not rows one by one: an établissement-wide audience is 1,200 pupils.
/// </summary>
public interface IDivisions
{
    /// <summary>The établissement's classes then groups of the current year, by code.</summary>
    Task<IReadOnlyList<DivisionInfo>> DeLEtablissementAsync(Guid etablissementId, CancellationToken ct);

    /// <summary>The classes and groups the teacher teaches (a teaching service) or heads (professeur principal) this year.</summary>
    Task<IReadOnlyList<DivisionInfo>> DeLEnseignantAsync(Guid enseignantId, CancellationToken ct);

    /// <summary>
    /// The pupils of the given classes and groups of the établissement (every pupil of its classes when
    /// <paramref name="divisionIds"/> is null), once each, with their class code.
    /// </summary>
    Task<IReadOnlyList<EleveAudience>> ElevesAsync(Guid etablissementId, IReadOnlyCollection<Guid>? divisionIds, CancellationToken ct);

    /// <summary>The classes and groups each given pupil is enrolled in (the calendar shows each person their events).</summary>
    Task<IReadOnlyList<DivisionEleve>> DesElevesAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct);

    /// <summary>The teachers of the given classes and groups (teaching services and head teachers), once each.</summary>
    Task<IReadOnlyList<Guid>> EnseignantsAsync(IReadOnlyCollection<Guid> divisionIds, CancellationToken ct);
}
