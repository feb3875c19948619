using Microsoft.AspNetCore.Identity;

namespace Ent.Identite.Moi;

/// <summary>The password rules of Ent, one place for the change and the reset.</summary>
internal static class MotsDePasse
{
    public const int LongueurMinimale = 10;

    public static readonly PasswordHasher<object> Hasher = new();

    /// <summary>Why a new password is refused, in French; null when it is acceptable.</summary>
    public static string? Refus(string? nouveau, string identifiant)
    {
        if (string.IsNullOrEmpty(nouveau) || nouveau.Length < LongueurMinimale)
        {
            return $"Choisissez un mot de passe d'au moins {LongueurMinimale} caractères.";
        }

        if (nouveau.Length > 128)
        {
            return "Le mot de passe ne peut pas dépasser 128 caractères.";
        }

        return nouveau.Contains(identifiant, StringComparison.OrdinalIgnoreCase)
            ? "Le mot de passe ne doit pas contenir votre identifiant."
            : null;
    }
}
