namespace Ent.Scolarite;

/// <summary>French school years run from September to August: 2026-2027 starts in September 2026.</summary>
internal static class AnneeScolaire
{
    public static string Of(DateOnly date)
    {
        var debut = date.Month >= 9 ? date.Year : date.Year - 1;
        return $"{debut}-{debut + 1}";
    }

    public static string Courante(TimeProvider clock) => Of(DateOnly.FromDateTime(clock.GetLocalNow().DateTime));

    /// <summary>The first and last days of a school year such as 2026-2027: 1 September 2026 to 31 August 2027.</summary>
    public static (DateOnly Debut, DateOnly Fin) Bornes(string annee)
    {
        var debut = int.Parse(annee.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        return (new DateOnly(debut, 9, 1), new DateOnly(debut + 1, 8, 31));
    }
}
