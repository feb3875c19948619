using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Ent.Identite.Moi;

/// <summary>
/// The password rules of Ent, one place for the change, the reset and the activation: long enough, not the login, and
/// not a common password. No composition rule (a capital, a digit, a symbol): they make passwords harder to remember,
/// not harder to guess (NIST SP 800-63B § 3.1.1.2); a long passphrase of plain words is what Ent asks for.
/// </summary>
internal static class MotsDePasse
{
    public const int LongueurMinimale = 10;

    public static readonly PasswordHasher<object> Hasher = new();

    /// <summary>Whether <paramref name="saisi"/> is the password whose hash is stored (never, for an account without one).</summary>
    public static bool Correct(string? hash, string? saisi) =>
        hash is not null && !string.IsNullOrEmpty(saisi) && Hasher.VerifyHashedPassword(new object(), hash, saisi) != PasswordVerificationResult.Failed;

    /// <summary>Why a new password is refused, in French (the API's problem details); null when it is acceptable.</summary>
    public static string? Refus(string? nouveau, string identifiant) => Refus(nouveau, identifiant, Connexion.Textes.Pour(Connexion.Langues.Francais));

    /// <summary>The same, in the words of a server page (<see cref="Connexion.Textes"/>).</summary>
    public static string? Refus(string? nouveau, string identifiant, Connexion.Textes t) =>
        string.IsNullOrEmpty(nouveau) || nouveau.Length < LongueurMinimale ? t.F("motDePasse.court", LongueurMinimale)
        : nouveau.Length > 128 ? t["motDePasse.long"]
        : nouveau.Contains(identifiant, StringComparison.OrdinalIgnoreCase) ? t["motDePasse.identifiant"]
        : Courant(nouveau) ? t["motDePasse.courant"]
        : null;

    /// <summary>
    /// Whether the password is in the list of common passwords (Moi/mots-de-passe-courants.txt), as typed or once the
    /// digits and symbols around it and the separators inside it are dropped (« Azerty-2026! », « mot de passe 1 »),
    /// or is a few characters repeated (« 1212121212 »).
    /// </summary>
    internal static bool Courant(string motDePasse)
    {
        var minuscule = motDePasse.Trim().ToLowerInvariant();
        if (minuscule.Distinct().Count() < 4 || Liste.Contains(minuscule))
        {
            return true;
        }

        var coeur = minuscule.Trim([.. minuscule.Where(c => !char.IsLetter(c)).Distinct()]);
        var colle = string.Concat(coeur.Where(c => !(char.IsWhiteSpace(c) || c is '-' or '_' or '.')));
        return Liste.Contains(coeur) || Liste.Contains(colle);
    }

    private static readonly FrozenSet<string> Liste = Lire();

    private static FrozenSet<string> Lire()
    {
        using var flux = typeof(MotsDePasse).Assembly.GetManifestResourceStream("Ent.Identite.Moi.mots-de-passe-courants.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var lecteur = new StreamReader(flux);
        var mots = new List<string>(10_200);
        while (lecteur.ReadLine() is { } ligne)
        {
            if (ligne.Length > 0 && ligne[0] != '#')
            {
                mots.Add(ligne);
            }
        }

        return mots.ToFrozenSet(StringComparer.Ordinal);
    }
}
