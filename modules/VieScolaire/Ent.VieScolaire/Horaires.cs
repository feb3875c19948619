using Microsoft.Extensions.Options;

namespace Ent.VieScolaire;

/// <summary>Settings under <c>Ent:VieScolaire</c>.</summary>
internal sealed class VieScolaireOptions
{
    public const string Section = "Ent:VieScolaire";

    /// <summary>The établissements' time zone: lessons, days and half-days are counted in it.</summary>
    public string FuseauHoraire { get; set; } = "Europe/Paris";
}

/// <summary>
/// School time: lessons are timetabled in local time; a day and a half-day (demi-journée) are the établissement's.
/// French schools count absences in half-days: a morning or an afternoon with at least one absence counts as one.
/// The morning ends at noon.
/// </summary>
internal sealed class Horaires(IOptions<VieScolaireOptions> options, TimeProvider clock)
{
    public TimeZoneInfo Fuseau { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.FuseauHoraire);

    public DateTimeOffset Maintenant => clock.GetUtcNow();

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Fuseau);

    public DateOnly Jour(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    public DateOnly Aujourdhui => Jour(Maintenant);

    /// <summary>The instant (UTC, as the database stores it) of a local date and time (the later one when clocks go back).</summary>
    public DateTimeOffset Instant(DateOnly jour, TimeOnly heure)
    {
        var local = jour.ToDateTime(heure);
        var decalage = Fuseau.IsAmbiguousTime(local) ? Fuseau.GetAmbiguousTimeOffsets(local).Min() : Fuseau.GetUtcOffset(local);
        return new DateTimeOffset(local, decalage).ToUniversalTime();
    }

    public static string DemiJournee(DateTimeOffset local) => local.Hour < 12 ? "matin" : "apres_midi";

    public string DemiJourneeDe(DateTimeOffset instant) => DemiJournee(Local(instant));

    /// <summary>The school year's first day (1 September) for a date.</summary>
    public static DateOnly DebutAnnee(DateOnly jour) => new(jour.Month >= 9 ? jour.Year : jour.Year - 1, 9, 1);

    /// <summary>The school year holding the day, e.g. 2026-2027 from 1 September 2026 to 31 August 2027.</summary>
    public static string AnneeScolaire(DateOnly jour) => $"{DebutAnnee(jour).Year}-{DebutAnnee(jour).Year + 1}";

    /// <summary>The first and last days of a school year such as 2026-2027.</summary>
    public static (DateOnly Debut, DateOnly Fin) Bornes(string annee)
    {
        var debut = int.Parse(annee.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);
        return (new DateOnly(debut, 9, 1), new DateOnly(debut + 1, 8, 31));
    }
}
