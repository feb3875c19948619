namespace Ent.Scolarite.Contracts;

/// <summary>What became of a timetabled lesson.</summary>
public enum StatutCours
{
    /// <summary>As timetabled.</summary>
    Normal,

    /// <summary>Does not take place (teacher absent, outing…).</summary>
    Annule,

    /// <summary>At another time and/or in another room.</summary>
    Deplace,

    /// <summary>Taken by another teacher.</summary>
    Remplace,

    /// <summary>An extra lesson, outside the weekly timetable.</summary>
    Ajoute,
}

/// <summary>
/// A lesson of the timetable on a given day, changes applied. A lesson is identified by its service and its start
/// instant (<see cref="Debut"/>), as the roll call identifies it; a moved lesson starts at its new time and keeps its
/// timetabled start in <see cref="DebutPrevu"/>.
/// </summary>
/// <param name="ServiceId">The teaching service (teacher, subject, class or group).</param>
/// <param name="Debut">Start (UTC instant).</param>
/// <param name="Fin">End (UTC instant).</param>
/// <param name="Salle">The room, if known.</param>
/// <param name="EnseignantId">Who teaches it: the service's teacher, or the replacing one.</param>
/// <param name="Statut">Normal, or the change made to it.</param>
/// <param name="DebutPrevu">The timetabled start, when the lesson was moved or replaced (null for an extra lesson or an unchanged one).</param>
/// <param name="ModificationId">The change applied, if any.</param>
/// <param name="Motif">The change's reason, as families read it.</param>
/// <param name="Semaine">The slot's alternation: null every week, "A" or "B".</param>
public sealed record CoursPlanifie(
    Guid ServiceId, DateTimeOffset Debut, DateTimeOffset Fin, string? Salle, Guid EnseignantId, StatutCours Statut,
    DateTimeOffset? DebutPrevu = null, Guid? ModificationId = null, string? Motif = null, string? Semaine = null);

/// <summary>
/// The timetable's lessons between two days (inclusive, Paris dates), changes applied, ordered by start: what the roll
/// call, the cahier de textes and the families' views read. Cancelled lessons are included (Statut Annule).
/// </summary>
public interface IEmploiDuTemps
{
    /// <summary>The lessons of the given services.</summary>
    Task<IReadOnlyList<CoursPlanifie>> DesServicesAsync(IReadOnlyCollection<Guid> serviceIds, DateOnly du, DateOnly au, CancellationToken ct);

    /// <summary>Every lesson of an établissement.</summary>
    Task<IReadOnlyList<CoursPlanifie>> DeLEtablissementAsync(Guid etablissementId, DateOnly du, DateOnly au, CancellationToken ct);

    /// <summary>A teacher's lessons: those of their services (replaced ones included, marked Remplace) and those they replace.</summary>
    Task<IReadOnlyList<CoursPlanifie>> DeLEnseignantAsync(Guid enseignantId, DateOnly du, DateOnly au, CancellationToken ct);
}
