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
}
