namespace Ent.Scolarite.Bulletins;

/// <summary>A pupil's report card for a period: what the JSON answer, the HTML view and the PDF all show.</summary>
/// <param name="Etablissement">The établissement's name.</param>
/// <param name="AnneeScolaire">e.g. 2026-2027.</param>
/// <param name="Periode">e.g. « 1er trimestre ».</param>
/// <param name="Debut">First day of the period.</param>
/// <param name="Fin">Last day of the period.</param>
/// <param name="Eleve">« Prénom Nom ».</param>
/// <param name="Classe">The class's name, e.g. « Seconde 1 ».</param>
/// <param name="Lignes">One line per subject taught to the pupil, in the report card's order.</param>
/// <param name="MoyenneGenerale">The pupil's general average (/20, two decimals), null when no subject has one.</param>
/// <param name="MoyenneGeneraleClasse">The class's general average: the mean of its pupils' general averages.</param>
/// <param name="MinGenerale">Lowest general average of the class.</param>
/// <param name="MaxGenerale">Highest general average of the class.</param>
/// <param name="AppreciationGenerale">The head teacher's appraisal, if written.</param>
/// <param name="Decision">The class council's decision, as shown to families (e.g. « Félicitations »), if any.</param>
/// <param name="EditeLe">When this report card was produced (UTC).</param>
internal sealed record Bulletin(
    string Etablissement,
    string AnneeScolaire,
    string Periode,
    DateOnly Debut,
    DateOnly Fin,
    string Eleve,
    string Classe,
    IReadOnlyList<LigneBulletin> Lignes,
    decimal? MoyenneGenerale,
    decimal? MoyenneGeneraleClasse,
    decimal? MinGenerale,
    decimal? MaxGenerale,
    string? AppreciationGenerale,
    string? Decision,
    DateTime EditeLe);

/// <summary>A subject on the report card.</summary>
/// <param name="Matiere">Subject name.</param>
/// <param name="Enseignant">« M./Mme Nom » or « Prénom Nom » of the teacher.</param>
/// <param name="Coefficient">The subject's weight in the general average.</param>
/// <param name="Moyenne">The pupil's average (/20, two decimals), null when no mark counts.</param>
/// <param name="MoyenneClasse">The class's average in the subject (mean of the pupils' averages).</param>
/// <param name="Min">Lowest pupil average.</param>
/// <param name="Max">Highest pupil average.</param>
/// <param name="Appreciation">The teacher's appraisal, if written.</param>
internal sealed record LigneBulletin(
    string Matiere,
    string Enseignant,
    decimal Coefficient,
    decimal? Moyenne,
    decimal? MoyenneClasse,
    decimal? Min,
    decimal? Max,
    string? Appreciation);
