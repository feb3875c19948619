namespace Ent.Scolarite.Contracts;

/// <summary>
/// Grades of an assessment became visible to pupils and their families, or were corrected: emitted in the transaction
/// that saved them. <paramref name="VisibleLe"/> is when families may see them (the publication date, or now).
/// </summary>
/// <param name="EvaluationId">The assessment.</param>
/// <param name="EtablissementId">Its établissement.</param>
/// <param name="PeriodeId">The assessment's period: links open the grades of that period.</param>
/// <param name="MatiereCode">Subject code, e.g. « MATHS »: links open that subject.</param>
/// <param name="Matiere">Subject name, e.g. « Mathématiques ».</param>
/// <param name="Titre">The assessment's title.</param>
/// <param name="VisibleLe">From when the pupils and guardians may see the grades.</param>
/// <param name="EleveIds">The pupils whose result was entered or changed.</param>
public sealed record NotesPubliees(
    Guid EvaluationId, Guid EtablissementId, Guid PeriodeId, string MatiereCode, string Matiere, string Titre, DateTimeOffset VisibleLe, IReadOnlyList<Guid> EleveIds);
