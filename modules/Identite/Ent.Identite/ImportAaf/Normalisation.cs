using System.Globalization;
using System.Text;

namespace Ent.Identite.ImportAaf;

/// <summary>How the directory's values become Ent's: logins, mobiles, civilities, dates, family links, levels.</summary>
internal static class Normalisation
{
    /// <summary>
    /// A login's stem: <c>prenom.nom</c>, lower-case ASCII, accents stripped, spaces and apostrophes as hyphens
    /// (« Zoé N'Diaye » → <c>zoe.n-diaye</c>). The import adds 2, 3… when it is taken.
    /// </summary>
    public static string Identifiant(string prenom, string nom) => $"{Ascii(prenom)}.{Ascii(nom)}";

    private static string Ascii(string texte)
    {
        var sb = new StringBuilder(texte.Length);
        foreach (var c in texte.Trim().ToLowerInvariant()
                     .Replace("œ", "oe", StringComparison.Ordinal).Replace("æ", "ae", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal)
                     .Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
            }
            else if (c is ' ' or '\'' or '’' or '-' or '_' && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var resultat = sb.ToString().Trim('-');
        return resultat.Length == 0 ? "x" : resultat.Length > 40 ? resultat[..40].TrimEnd('-') : resultat;
    }

    /// <summary>
    /// A French mobile as E.164 (+33612345678): « 06 12 34 56 78 », « +33 6 12 34 56 78 », « 0033612345678 ». Other
    /// international numbers are kept when they look like E.164. Null for anything else (a landline is no mobile).
    /// </summary>
    public static string? Mobile(string? texte)
    {
        if (string.IsNullOrWhiteSpace(texte))
        {
            return null;
        }

        var chiffres = new string(texte.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray());
        if (chiffres.StartsWith("00", StringComparison.Ordinal))
        {
            chiffres = "+" + chiffres[2..];
        }

        if (chiffres.Length == 10 && chiffres[0] == '0' && chiffres[1] is '6' or '7')
        {
            return "+33" + chiffres[1..];
        }

        if (chiffres.StartsWith("+33", StringComparison.Ordinal))
        {
            var reste = chiffres[3..].TrimStart('0');
            return reste.Length == 9 && reste[0] is '6' or '7' && reste.All(char.IsAsciiDigit) ? "+33" + reste : null;
        }

        return chiffres.Length is >= 8 and <= 16 && chiffres[0] == '+' && chiffres[1] != '0' && chiffres[1..].All(char.IsAsciiDigit) ? chiffres : null;
    }

    public static string? Civilite(string? texte) => texte?.Trim().TrimEnd('.').ToUpperInvariant() switch
    {
        "M" or "MR" or "MONSIEUR" => "M.",
        "MME" or "MLLE" or "MADAME" or "MADEMOISELLE" => "Mme",
        _ => null,
    };

    /// <summary>A date of the directory, dd/mm/yyyy.</summary>
    public static DateOnly? Date(string? texte) =>
        DateOnly.TryParseExact(texte?.Trim(), "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>
    /// The family link of ENTElevePersRelEleve's second field, SIECLE's codes: 10 mother, 20 father, 50 guardian
    /// (tuteur), 51 « aide sociale à l'enfance », others (other family member, educator, host family…) « autre ».
    /// </summary>
    public static string Lien(string code) => code.Trim() switch
    {
        "10" => "mere",
        "20" => "pere",
        "50" or "51" => "tuteur",
        _ => "autre",
    };

    /// <summary>A class's level from its code or label (« 2NDE1 », « 1G1 », « TSTMG ») or a MEF label; null when none says.</summary>
    public static string? Niveau(string? texte)
    {
        var t = texte?.Trim().ToUpperInvariant() ?? string.Empty;
        return t switch
        {
            _ when t.StartsWith("2NDE", StringComparison.Ordinal) || t.StartsWith("SECONDE", StringComparison.Ordinal) => "seconde",
            _ when t.StartsWith("1ERE", StringComparison.Ordinal) || t.StartsWith("PREMIERE", StringComparison.Ordinal) => "premiere",
            _ when t.StartsWith("TERM", StringComparison.Ordinal) || t.StartsWith("TLE", StringComparison.Ordinal) => "terminale",
            _ when t.Length > 0 && t[0] == '2' => "seconde",
            _ when t.Length > 0 && t[0] == '1' => "premiere",
            _ when t.Length > 0 && t[0] == 'T' => "terminale",
            _ => null,
        };
    }
}
