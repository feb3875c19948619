namespace Ent.VieScolaire.Contracts;

/// <summary>A lesson a pupil was marked absent from at its roll call: the lesson's service and start, as the timetable names it.</summary>
/// <param name="ServiceId">The teaching service.</param>
/// <param name="Debut">The lesson's start (UTC instant).</param>
public sealed record LeconManquee(Guid ServiceId, DateTimeOffset Debut);

/// <summary>What other modules may ask of a pupil's attendance (the cahier de textes flags the lessons a pupil missed).</summary>
public interface IAbsences
{
    /// <summary>
    /// The lessons the pupil was marked absent from (absences standing, not cancelled, whatever their justification)
    /// between two days (inclusive, Paris dates), from roll calls only: an absence the desk recorded without a roll call
    /// names no lesson.
    /// </summary>
    Task<IReadOnlyList<LeconManquee>> LeconsManqueesAsync(Guid eleveId, DateOnly du, DateOnly au, CancellationToken ct);
}
