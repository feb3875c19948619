namespace Ent.Scolarite.ServicesEnseignement;

/// <summary>A teaching service: a teacher teaches a subject to a class or to a group.</summary>
/// <param name="Id">The service's id (assessments and appraisals refer to it).</param>
/// <param name="EnseignantId">The teacher.</param>
/// <param name="MatiereCode">The subject's code in the établissement, e.g. MATHS.</param>
/// <param name="MatiereLibelle">The subject's name, e.g. « Mathématiques ».</param>
/// <param name="ClasseId">The class taught, when the service is for a class.</param>
/// <param name="GroupeId">The group taught, when the service is for a group.</param>
/// <param name="Coefficient">The subject's weight in the general average.</param>
internal sealed record ServiceEnseignement(Guid Id, Guid EnseignantId, string MatiereCode, string MatiereLibelle, Guid? ClasseId,
    Guid? GroupeId, decimal Coefficient)
{
    public const string Colonnes = "s.id, s.enseignant_id, s.matiere_code, s.matiere_libelle, s.classe_id, s.groupe_id, s.coefficient";

    /// <summary>
    /// The services of an établissement's classes and groups of a school year: the FROM and WHERE of a query (the service
    /// is s, its class c, its group g). A service belongs to an établissement and a year only through its class or group.
    /// </summary>
    public const string DeLAnnee = """
        scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE coalesce(c.etablissement_id, g.etablissement_id) = @etablissementId
          AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
        """;

    /// <summary>Coefficients are stored as numeric(4, 2): above 0, at most 99, two decimals at most.</summary>
    public static bool CoefficientValide(decimal coefficient) => coefficient is > 0m and <= 99m && decimal.Round(coefficient, 2) == coefficient;

    public const string MessageCoefficient = "Le coefficient est un nombre supérieur à 0 et au plus égal à 99, avec deux décimales au plus.";
}
