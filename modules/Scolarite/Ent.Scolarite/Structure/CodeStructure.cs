using System.Text.RegularExpressions;

namespace Ent.Scolarite.Structure;

/// <summary>
/// The short code of a class or a group (2NDE1, ESP2): unique in the établissement for the school year. Stored in
/// capitals, so that 2nde3 and 2NDE3 are one class.
/// </summary>
internal static partial class CodeStructure
{
    public const string Message = "Le code compte de 1 à 20 lettres, chiffres, « - » ou « _ », sans espace, par exemple 2NDE3.";

    public const int LongueurLibelle = 200;

    /// <summary>The code as stored (trimmed, in capitals), or null when it is not a valid code.</summary>
    public static string? Normaliser(string? code) =>
        code?.Trim().ToUpperInvariant() is { } normalise && Pattern().IsMatch(normalise) ? normalise : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,20}$")]
    private static partial Regex Pattern();
}
