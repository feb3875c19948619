using System.Text.RegularExpressions;

namespace Ent.Scolarite.Matieres;

/// <summary>A subject taught in an établissement.</summary>
/// <param name="Code">The établissement's code for it, e.g. MATHS (capital letters, digits and _, at most 20).</param>
/// <param name="Libelle">Name shown on report cards, e.g. « Mathématiques ».</param>
/// <param name="CodeNational">The national code of the subject (BCN, six digits), when it has one.</param>
/// <param name="Rang">Its place on the report card: smaller comes first.</param>
internal sealed partial record MatiereEtablissement(string Code, string Libelle, string? CodeNational, short Rang)
{
    public const string MessageCode = "Le code d'une matière est fait de 1 à 20 majuscules, chiffres ou « _ », par exemple MATHS.";

    public static bool CodeValide(string? code) => code is not null && CodePattern().IsMatch(code);

    [GeneratedRegex("^[A-Z0-9_]{1,20}$")]
    private static partial Regex CodePattern();
}
