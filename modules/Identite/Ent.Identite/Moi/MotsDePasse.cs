using Microsoft.AspNetCore.Identity;

namespace Ent.Identite.Moi;

/// <summary>The password rules of Ent, one place for the change and the reset.</summary>
internal static class MotsDePasse
{
    public const int LongueurMinimale = 10;

    public static readonly PasswordHasher<object> Hasher = new();

    /// <summary>Whether <paramref name="saisi"/> is the password whose hash is stored (never, for an account without one).</summary>
    public static bool Correct(string? hash, string? saisi) =>
        hash is not null && !string.IsNullOrEmpty(saisi) && Hasher.VerifyHashedPassword(new object(), hash, saisi) != PasswordVerificationResult.Failed;

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
