namespace Ent.Identite.Contracts;

/// <summary>The parts of a pupil's data that access rules tell apart.</summary>
public enum Domaine
{
    /// <summary>Homework, lessons, assessments, grades, report cards.</summary>
    TravailScolaire,

    /// <summary>Attendance: absences, lateness, their justifications, sanctions, exit authorisations.</summary>
    VieScolaire,

    /// <summary>Health: the nurse's records, care plans (PAI), medical information.</summary>
    Sante,

    /// <summary>The pupil's messages and notifications.</summary>
    Messages,

    /// <summary>Contact details and profile: address, phone, e-mail, date of birth, INE.</summary>
    Identite,
}

/// <summary>
/// Who may read or change which part of a pupil's data: one place for every module. Every endpoint that returns or
/// changes a pupil's personal data asks here first; a refused read answers 404 (Problemes.Introuvable), never 403,
/// so that a stranger cannot even learn that the pupil or the record exists.
/// </summary>
public interface IReglesAcces
{
    Task<bool> PeutLireAsync(Guid personneId, Guid eleveId, Domaine domaine, CancellationToken ct);

    Task<bool> PeutEcrireAsync(Guid personneId, Guid eleveId, Domaine domaine, CancellationToken ct);

    /// <summary>
    /// PeutLireAsync for the data of a school year other than the current one (a previous year's grades, report cards,
    /// absences; next year's classes after the rentrée): the same rights less teaching's, which holds for the year taught
    /// only. The pupil, their legal guardians and the établissement's staff who follow every pupil keep reading.
    /// </summary>
    Task<bool> PeutLireAutreAnneeAsync(Guid personneId, Guid eleveId, Domaine domaine, CancellationToken ct);

    /// <summary>Every domain the person may read of the pupil, in one go (what PeutLireAsync answers domain by domain).</summary>
    Task<IReadOnlySet<Domaine>> DomainesLisiblesAsync(Guid personneId, Guid eleveId, CancellationToken ct);

    /// <summary>
    /// True for the établissement's administrators: its head (direction) and its local administrators, who manage its
    /// structure (periods, subjects, classes, groups, teaching services) and answer for its data.
    /// </summary>
    Task<bool> PeutAdministrerAsync(Guid personneId, Guid etablissementId, CancellationToken ct);

    /// <summary>
    /// True for the pupil's legal guardians (parental authority) only: what a family alone does for its child, such as
    /// justifying an absence, whatever else the person may be (a teacher who is not the pupil's parent gets false).
    /// </summary>
    Task<bool> EstResponsableLegalAsync(Guid personneId, Guid eleveId, CancellationToken ct);

    /// <summary>
    /// True for the établissement's vie scolaire desk: its CPE and its head (direction), who follow attendance across
    /// the établissement (today's absences, justifications to review, exit requests, failed notifications).
    /// </summary>
    Task<bool> PeutSuivreVieScolaireAsync(Guid personneId, Guid etablissementId, CancellationToken ct);

    /// <summary>True for the établissement's nurse (function infirmier): the infirmary's register of the day is theirs alone.</summary>
    Task<bool> EstInfirmierAsync(Guid personneId, Guid etablissementId, CancellationToken ct);
}
