using System.Globalization;

namespace Ent.Scolarite.Bulletins;

/// <summary>How a report card writes its figures and dates, the same in the PDF and the HTML page.</summary>
internal static class BulletinFormat
{
    private static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Shown where an average is missing (no mark counted in the period).</summary>
    public const string SansNote = "—";

    /// <summary>An average out of 20: « 12,50 », or « — » when there is none.</summary>
    public static string Note(decimal? note) => note is { } n ? n.ToString("0.00", Francais) : SansNote;

    /// <summary>A subject's weight: « 2 », « 1,5 », « 0,25 ».</summary>
    public static string Coefficient(decimal coefficient) => coefficient.ToString("0.##", Francais);

    /// <summary>« 1er septembre 2026 », « 29 novembre 2026 »: French writes the first of the month as an ordinal.</summary>
    public static string Date(DateOnly date) =>
        (date.Day == 1 ? "1er" : date.Day.ToString(Francais)) + date.ToString(" MMMM yyyy", Francais);

    /// <summary>« Bulletin du 1er trimestre ».</summary>
    public static string Titre(Bulletin bulletin) => $"Bulletin du {bulletin.Periode}";

    /// <summary>« Du 1er septembre 2026 au 29 novembre 2026 ».</summary>
    public static string Dates(Bulletin bulletin) => $"Du {Date(bulletin.Debut)} au {Date(bulletin.Fin)}";

    /// <summary>« Édité le 15/12/2026 à 14:32 », in the établissement's time (UTC in the model).</summary>
    public static string EditeLe(DateTime editeLeUtc)
    {
        var utc = DateTime.SpecifyKind(editeLeUtc, DateTimeKind.Utc);
        return "Édité le " + TimeZoneInfo.ConvertTimeFromUtc(utc, Paris).ToString("dd/MM/yyyy 'à' HH:mm", Francais);
    }
}
