namespace Ent.Communication.Notifications;

/// <summary>
/// The SPA addresses that notifications, SMS and e-mails point to: each opens the exact item (issue #13), so that a
/// grade of the previous period or an absence far down the list is found at once. The SPA reads these parameters;
/// a change here is a change of a public format (links already sent keep working only if the SPA still reads them).
/// </summary>
internal static class LiensFamille
{
    /// <summary>« /notes?eleve=…&amp;periode=…&amp;matiere=MATHS&amp;evaluation=… »: the grade's period, subject and assessment.</summary>
    public static string Note(Guid eleveId, Guid periodeId, string matiereCode, Guid evaluationId) =>
        $"/notes?eleve={eleveId}&periode={periodeId}&matiere={Uri.EscapeDataString(matiereCode)}&evaluation={evaluationId}";

    /// <summary>« /absences?eleve=…&amp;absence=… »: the absence or lateness to justify.</summary>
    public static string Absence(Guid eleveId, Guid absenceId) => $"/absences?eleve={eleveId}&absence={absenceId}";

    /// <summary>« /absences?eleve=…&amp;justificatif=… »: the justification a decision was made on.</summary>
    public static string Justificatif(Guid eleveId, Guid justificatifId) => $"/absences?eleve={eleveId}&justificatif={justificatifId}";

    /// <summary>« /absences?eleve=… »: the pupil's absences, when no single item is meant (a cancelled absence).</summary>
    public static string Absences(Guid eleveId) => $"/absences?eleve={eleveId}";

    /// <summary>« /sante?eleve=…&amp;passage=… »: the child's health record, at the infirmary visit told of.</summary>
    public static string PassageInfirmerie(Guid eleveId, Guid passageId) => $"/sante?eleve={eleveId}&passage={passageId}";
}
