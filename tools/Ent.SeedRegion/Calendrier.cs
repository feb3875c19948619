namespace Ent.SeedRegion;

/// <summary>
/// The simulated school year: its trimesters (the demo lycée's), its school days (Monday to Friday, Wednesday afternoon
/// free, without the holidays — approximate dates that do not depend on a zone) and Paris time for lessons.
/// Nothing happens at or after <see cref="Maintenant"/>: 07:00 on the day the year has reached.
/// </summary>
internal sealed class Calendrier
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private readonly HashSet<DateOnly> _feries = [];

    public Calendrier(DateOnly au)
    {
        Au = au;
        DebutAnnee = new DateOnly(au.Month >= 9 ? au.Year : au.Year - 1, 9, 1);
        var an = DebutAnnee.Year;
        AnneeScolaire = $"{an}-{an + 1}";
        Trimestres =
        [
            (1, DebutAnnee, new DateOnly(an, 11, 30)),
            (2, new DateOnly(an, 12, 1), new DateOnly(an + 1, 3, 13)),
            (3, new DateOnly(an + 1, 3, 14), new DateOnly(an + 1, 7, 4)),
        ];
        Maintenant = Instant(au, new TimeOnly(7, 0));

        // Two weeks each: All Saints', Christmas, winter, spring.
        foreach (var jour in new[] { new DateOnly(an, 10, 19), new DateOnly(an, 10, 26), new DateOnly(an, 12, 24), new DateOnly(an, 12, 31),
                     new DateOnly(an + 1, 2, 16), new DateOnly(an + 1, 2, 23), new DateOnly(an + 1, 4, 19), new DateOnly(an + 1, 4, 26) })
        {
            var lundi = jour.AddDays(-(((int)jour.DayOfWeek + 6) % 7));
            for (var d = 0; d < 5; d++)
            {
                _feries.Add(lundi.AddDays(d));
            }
        }

        var paques = Paques(an + 1);
        _feries.UnionWith([new DateOnly(an, 11, 11), new DateOnly(an + 1, 5, 1), new DateOnly(an + 1, 5, 8), paques.AddDays(1),
            paques.AddDays(39), paques.AddDays(40), paques.AddDays(50), new DateOnly(an + 1, 7, 14)]);
    }

    public DateOnly Au { get; }

    public DateOnly DebutAnnee { get; }

    public string AnneeScolaire { get; }

    public DateTimeOffset Maintenant { get; }

    public (short Numero, DateOnly Debut, DateOnly Fin)[] Trimestres { get; }

    public static string AnneeDe(DateOnly jour) => jour.Month >= 9 ? $"{jour.Year}-{jour.Year + 1}" : $"{jour.Year - 1}-{jour.Year}";

    public bool EstJourDeClasse(DateOnly jour) =>
        jour.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_feries.Contains(jour)
        && jour >= DebutAnnee && jour <= Trimestres[2].Fin;

    /// <summary>School days from <paramref name="debut"/> to <paramref name="fin"/> included.</summary>
    public IEnumerable<DateOnly> JoursDeClasse(DateOnly debut, DateOnly fin)
    {
        for (var jour = debut; jour <= fin; jour = jour.AddDays(1))
        {
            if (EstJourDeClasse(jour))
            {
                yield return jour;
            }
        }
    }

    /// <summary>The school days before the day the year has reached: those whose lessons took place.</summary>
    public IReadOnlyList<DateOnly> JoursEcoules() => [.. JoursDeClasse(DebutAnnee, Au.AddDays(-1))];

    /// <summary>ISO day of the week, 1 = Monday.</summary>
    public static short JourIso(DateOnly jour) => (short)(jour.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)jour.DayOfWeek);

    /// <summary>A local date and time as the database stores it (UTC); the later one when clocks go back.</summary>
    public static DateTimeOffset Instant(DateOnly jour, TimeOnly heure)
    {
        var local = jour.ToDateTime(heure);
        var decalage = Paris.IsAmbiguousTime(local) ? Paris.GetAmbiguousTimeOffsets(local).Min() : Paris.GetUtcOffset(local);
        return new DateTimeOffset(local, decalage).ToUniversalTime();
    }

    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Paris);

    /// <summary>Easter Sunday (anonymous Gregorian algorithm).</summary>
    private static DateOnly Paques(int an)
    {
        int a = an % 19, b = an / 100, c = an % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var mois = (h + l - (7 * m) + 114) / 31;
        var jour = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(an, mois, jour);
    }
}
