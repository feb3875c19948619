namespace Ent.Scolarite.Contracts;

/// <summary>
/// The vie scolaire desk or the direction changed lessons of the timetable (one request: a teacher absent all day is four
/// lessons cancelled at once), or withdrew a change. Emitted in the transaction that recorded the changes, so that the
/// families' messages exist if and only if the changes do. <paramref name="Cle"/> identifies this set of changes for
/// good (a retried request gives the same key, or no event at all when nothing changed): messages are keyed by it.
/// </summary>
/// <param name="EtablissementId">The établissement.</param>
/// <param name="Cle">Stable key of the changes, for idempotent messages.</param>
/// <param name="Cours">The lessons concerned, each with its pupils.</param>
public sealed record CoursModifies(Guid EtablissementId, string Cle, IReadOnlyList<CoursModifie> Cours);

/// <summary>A lesson changed, as a family's message names it.</summary>
/// <param name="ModificationId">The change.</param>
/// <param name="Matiere">The subject, e.g. « Mathématiques ».</param>
/// <param name="Statut">What the change does (Annule, Deplace, Remplace, Ajoute).</param>
/// <param name="DebutPrevu">The timetabled start (null for an extra lesson).</param>
/// <param name="Debut">Its start once changed (the timetabled start for a cancellation).</param>
/// <param name="Fin">Its end once changed.</param>
/// <param name="Salle">The room once changed, if known.</param>
/// <param name="Remplacant">The replacing teacher's display name, for a replacement.</param>
/// <param name="Motif">The reason, as families read it.</param>
/// <param name="Retire">True when the change was withdrawn: the lesson takes place as timetabled again (an extra lesson: it no longer takes place).</param>
/// <param name="EleveIds">The lesson's pupils (its class's or its group's).</param>
public sealed record CoursModifie(
    Guid ModificationId, string Matiere, StatutCours Statut, DateTimeOffset? DebutPrevu, DateTimeOffset Debut, DateTimeOffset Fin, string? Salle,
    string? Remplacant, string? Motif, bool Retire, IReadOnlyList<Guid> EleveIds);
