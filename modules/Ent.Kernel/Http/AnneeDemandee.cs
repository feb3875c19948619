using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ent.Kernel.Http;

/// <summary>
/// The <c>annee</c> query parameter of the family's reads (grades, report cards, absences): a school year written as
/// « 2025-2026 », two consecutive years. Scolarité and Vie scolaire check it the same way.
/// </summary>
public static partial class AnneeDemandee
{
    [GeneratedRegex(@"^\d{4}-\d{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Forme();

    /// <summary>Null when the parameter is absent or well formed, else the 400 to answer.</summary>
    public static ValidationProblem? Verifier(string? annee)
    {
        if (annee is null)
        {
            return null;
        }

        if (!Forme().IsMatch(annee))
        {
            return new Erreurs().Add("annee", "L'année scolaire s'écrit comme « 2025-2026 ».").ToProblem();
        }

        var debut = int.Parse(annee.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var fin = int.Parse(annee.AsSpan(5, 4), CultureInfo.InvariantCulture);
        return fin == debut + 1 ? null
            : new Erreurs().Add("annee", "Une année scolaire va d'une année à la suivante, comme « 2025-2026 ».").ToProblem();
    }
}
