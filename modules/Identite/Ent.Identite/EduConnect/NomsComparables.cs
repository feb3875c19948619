using System.Globalization;
using System.Text;

namespace Ent.Identite.EduConnect;

/// <summary>
/// Names as EduConnect and the school's directory may spell them differently: « Élodie » / « ELODIE », « Jean-Pierre »
/// / « Jean Pierre », « N'Diaye » / « N DIAYE », stray double spaces, « Œ » / « OE ». Both sides are reduced to lower-case
/// ASCII letters and digits separated by single spaces before comparing.
/// </summary>
internal static class NomsComparables
{
    public static string Normaliser(string? nom)
    {
        if (string.IsNullOrWhiteSpace(nom))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(nom.Length);
        var espace = false;
        foreach (var c in nom.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var ligature = c switch
            {
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ß' => "ss",
                _ => null,
            };
            if (ligature is not null || char.IsLetterOrDigit(c))
            {
                if (espace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                espace = false;
                sb.Append(ligature ?? char.ToLowerInvariant(c).ToString());
            }
            else
            {
                espace = true; // hyphens, apostrophes, spaces of any kind: one separator
            }
        }

        return sb.ToString();
    }

    /// <summary>Same family name and same given name(s), once normalised; an empty name never matches.</summary>
    public static bool MemePersonne(string? nomA, string? prenomA, string? nomB, string? prenomB)
    {
        var (na, pa, nb, pb) = (Normaliser(nomA), Normaliser(prenomA), Normaliser(nomB), Normaliser(prenomB));
        return na.Length > 0 && pa.Length > 0 && na == nb && pa == pb;
    }
}
