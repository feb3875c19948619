namespace Ent.VieScolaire.Contracts;

/// <summary>
/// Pupils were marked absent or late (a roll call, or the vie scolaire desk): emitted in the transaction that recorded
/// them, so that the families' notifications exist if and only if the absences do.
/// </summary>
/// <param name="EtablissementId">The établissement.</param>
/// <param name="Absences">The new absences and lateness (a correction from absent to late is a new one).</param>
public sealed record AbsencesSignalees(Guid EtablissementId, IReadOnlyList<AbsenceSignalee> Absences);

/// <summary>One absence or lateness, as a family's notification names it.</summary>
/// <param name="AbsenceId">The absence.</param>
/// <param name="EleveId">The pupil.</param>
/// <param name="Retard">True for a lateness, false for an absence.</param>
/// <param name="Debut">The lesson's start.</param>
/// <param name="MinutesRetard">Minutes late, for a lateness.</param>
/// <param name="Cours">The lesson as families read it, e.g. « Mathématiques — Seconde 1 »; null when recorded by the desk.</param>
/// <param name="Signalement">This announcement of the absence (a new one each time it is recorded, restored after a
/// correction or changes between absence and lateness): notifications are keyed by it, so one announcement is delivered
/// once whatever the retries, and a newer one replaces what an older one has not delivered yet.</param>
/// <param name="Nouvelle">True when the absence was just created: no earlier announcement of it can exist to replace.</param>
public sealed record AbsenceSignalee(Guid AbsenceId, Guid EleveId, bool Retard, DateTimeOffset Debut, int? MinutesRetard, string? Cours, Guid Signalement,
    bool Nouvelle = false);

/// <summary>
/// Absences were cancelled (a roll call corrected to "present" the same day): notifications not sent yet are withdrawn,
/// and families already told are told of the correction.
/// </summary>
public sealed record AbsencesAnnulees(Guid EtablissementId, IReadOnlyList<AbsenceSignalee> Absences);

/// <summary>The vie scolaire desk accepted or refused a family's justification: the guardian who sent it is told.</summary>
/// <param name="JustificatifId">The justification.</param>
/// <param name="EtablissementId">The établissement.</param>
/// <param name="EleveId">The pupil.</param>
/// <param name="ResponsableId">The guardian who sent it.</param>
/// <param name="Accepte">Accepted (the absences are justified) or refused.</param>
/// <param name="Raison">The refusal's reason, for a refusal.</param>
/// <param name="NombreAbsences">How many absences or lateness it covered.</param>
public sealed record JustificatifDecide(
    Guid JustificatifId, Guid EtablissementId, Guid EleveId, Guid ResponsableId, bool Accepte, string? Raison, int NombreAbsences);

/// <summary>
/// The nurse recorded an infirmary visit after which the pupil leaves (sent home with their family) or the emergency
/// services were called: the pupil's legal guardians are told at once through their channels. Carries the outcome only,
/// never the reason or the care (they stay in the health record, behind the access rules).
/// </summary>
/// <param name="PassageId">The visit.</param>
/// <param name="EtablissementId">The établissement.</param>
/// <param name="EleveId">The pupil.</param>
/// <param name="Issue">retour_domicile or urgences.</param>
/// <param name="Arrivee">When the pupil came to the infirmary.</param>
public sealed record PassageInfirmerieSignale(Guid PassageId, Guid EtablissementId, Guid EleveId, string Issue, DateTimeOffset Arrivee);
