namespace Ent.Identite.Etablissements;

/// <summary>An établissement as the public directory shows it (UAI, name, académie, town): no personal data.</summary>
/// <param name="Uai">Unité administrative immatriculée, e.g. 0750000A.</param>
/// <param name="Nom">Name, e.g. « Lycée démo ».</param>
/// <param name="Academie">Académie, e.g. Paris.</param>
/// <param name="Commune">Town, when known.</param>
internal sealed record Etablissement(string Uai, string Nom, string Academie, string? Commune)
{
    /// <summary>Columns in the order of the record, for every query that returns établissements.</summary>
    public const string Colonnes = "uai, nom, academie, commune";
}
