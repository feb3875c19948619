using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Ent.Identite.Moi;

/// <summary>E-mail addresses and mobile numbers as Ent stores them: trimmed, and numbers in E.164.</summary>
internal static partial class Contacts
{
    /// <summary>A French mobile (06…, 07…, +33…) or any E.164 number → E.164; null when it is not a mobile number.</summary>
    public static string? NormaliserMobile(string? saisie)
    {
        if (string.IsNullOrWhiteSpace(saisie))
        {
            return null;
        }

        var chiffres = Separateurs().Replace(saisie.Trim(), string.Empty);
        if (chiffres.StartsWith("00", StringComparison.Ordinal))
        {
            chiffres = "+" + chiffres[2..];
        }

        if (FrancaisNational().IsMatch(chiffres))
        {
            chiffres = "+33" + chiffres[1..];
        }

        return E164().IsMatch(chiffres) ? chiffres : null;
    }

    public static bool EmailValide(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= 254 && MailAddress.TryCreate(email.Trim(), out var adresse)
        && adresse.Address == email.Trim() && adresse.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex Separateurs();

    [GeneratedRegex("^0[67][0-9]{8}$")]
    private static partial Regex FrancaisNational();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}
