namespace Ent.Scolarite.Contracts;

/// <summary>A pupil enrolled in a class or a group of the établissement this school year.</summary>
/// <param name="EleveId">The pupil.</param>
/// <param name="DivisionId">The class's or group's id (<see cref="DivisionInfo.Id"/>).</param>
public sealed record Affectation(Guid EleveId, Guid DivisionId);

/// <summary>A teacher teaching a subject to a class or a group of the établissement this school year.</summary>
/// <param name="EnseignantId">The teacher.</param>
/// <param name="DivisionId">The class's or group's id (<see cref="DivisionInfo.Id"/>).</param>
/// <param name="MatiereCode">The établissement's subject code, e.g. MATHS.</param>
/// <param name="MatiereLibelle">The subject's name, e.g. « Mathématiques ».</param>
/// <param name="MatiereCodeNational">The national (BCN) subject code, six digits, where the établissement gave one.</param>
public sealed record EnseignementDivision(Guid EnseignantId, Guid DivisionId, string MatiereCode, string MatiereLibelle, string? MatiereCodeNational);

/// <summary>
/// Who is in which class and group, and who teaches what to which, for one établissement and the current school year,
/// in bulk: what the GAR's affectation flux (Ressources) sends. Ids only; names come from Identité.
/// </summary>
public interface IAffectations
{
    /// <summary>The établissement's pupils in each of its classes and groups this year.</summary>
    Task<IReadOnlyList<Affectation>> ElevesAsync(Guid etablissementId, CancellationToken ct);

    /// <summary>The établissement's teaching services this year: teacher, class or group, subject.</summary>
    Task<IReadOnlyList<EnseignementDivision>> EnseignementsAsync(Guid etablissementId, CancellationToken ct);
}
