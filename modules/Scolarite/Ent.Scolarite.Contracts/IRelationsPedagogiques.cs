namespace Ent.Scolarite.Contracts;

/// <summary>A teacher of a pupil this school year.</summary>
/// <param name="EleveId">The pupil.</param>
/// <param name="EnseignantId">The teacher.</param>
/// <param name="Principal">Head teacher of the pupil's class.</param>
/// <param name="Matieres">The subjects they teach the pupil (names as the établissement spells them); none for a head teacher who teaches nothing.</param>
public sealed record EnseignantEleve(Guid EleveId, Guid EnseignantId, bool Principal, IReadOnlyList<string> Matieres);

/// <summary>A pupil in a class or group this school year.</summary>
/// <param name="EleveId">The pupil.</param>
/// <param name="DivisionId">The class's or group's id.</param>
/// <param name="Division">Its name, e.g. « Seconde 1 ».</param>
public sealed record EleveDivision(Guid EleveId, Guid DivisionId, string Division);

/// <summary>
/// Who is linked to whom through teaching this school year, in bulk, for the messaging rules (Communication): a family
/// writes to their children's teachers, a teacher to the pupils they teach and their families.
/// </summary>
public interface IRelationsPedagogiques
{
    /// <summary>The teachers of the given pupils: services in their classes or groups, head teachers of their classes.</summary>
    Task<IReadOnlyList<EnseignantEleve>> EnseignantsDesElevesAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct);

    /// <summary>The pupils the teacher teaches (through each class or group of their services, and the classes they are head teacher of).</summary>
    Task<IReadOnlyList<EleveDivision>> ElevesDeLEnseignantAsync(Guid enseignantId, CancellationToken ct);

    /// <summary>The pupils of the given pupils' classes (the pupils themselves included), with the class.</summary>
    Task<IReadOnlyList<EleveDivision>> CamaradesDeClasseAsync(IReadOnlyCollection<Guid> eleveIds, CancellationToken ct);
}
