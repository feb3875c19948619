namespace Ent.Communication.Contracts;

/// <summary>
/// An event of the school calendar as a person sees it (issue 16): Paris dates and times; an all-day event has no times.
/// </summary>
/// <param name="Id">The event.</param>
/// <param name="EtablissementId">Its établissement.</param>
/// <param name="Categorie">conseil_classe, reunion_parents, sortie, examen, vacances or autre.</param>
/// <param name="Titre">Title.</param>
/// <param name="Description">Plain text, if any.</param>
/// <param name="Lieu">Where, if said.</param>
/// <param name="JourDebut">First day (Paris).</param>
/// <param name="JourFin">Last day (Paris, inclusive).</param>
/// <param name="HeureDebut">Start time on the first day (Paris); null for an all-day event.</param>
/// <param name="HeureFin">End time on the last day (Paris); null for an all-day event.</param>
/// <param name="Sequence">Raised at each change, for calendar apps (iCal SEQUENCE).</param>
/// <param name="ModifieLe">Last change.</param>
/// <param name="Pour">For a guardian: the first names of the children it concerns; empty otherwise.</param>
public sealed record EvenementVisible(
    Guid Id, Guid EtablissementId, string Categorie, string Titre, string? Description, string? Lieu, DateOnly JourDebut, DateOnly JourFin,
    TimeOnly? HeureDebut, TimeOnly? HeureFin, int Sequence, DateTimeOffset ModifieLe, IReadOnlyList<string> Pour);

/// <summary>
/// The school calendar, read by other modules: Scolarité's private iCal feed adds the events the person may see, with
/// the same rules as the calendar's pages (a pupil, the events of their classes; a guardian, of each child's classes…).
/// </summary>
public interface ICalendrierEtablissement
{
    /// <summary>The events the person may see that overlap the days <paramref name="du"/> to <paramref name="au"/> (inclusive).</summary>
    Task<IReadOnlyList<EvenementVisible>> VisiblesAsync(Guid personneId, DateOnly du, DateOnly au, CancellationToken ct);
}
