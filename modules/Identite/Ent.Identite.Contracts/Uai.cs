using System.Text.RegularExpressions;

namespace Ent.Identite.Contracts;

/// <summary>Unité administrative immatriculée: seven digits and a letter, e.g. 0750000A.</summary>
public static partial class Uai
{
    public const string Message = "L'UAI est formée de 7 chiffres suivis d'une lettre, par exemple 0750000A.";

    public static string Normalize(string uai) => uai.Trim().ToUpperInvariant();

    public static bool IsValid(string? uai) => uai is not null && Pattern().IsMatch(Normalize(uai));

    [GeneratedRegex("^[0-9]{7}[A-Z]$")]
    private static partial Regex Pattern();
}
