using Ent.Communication.Contracts;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Configuration;

namespace Ent.Communication.Agenda;

/// <summary>
/// One event as an RFC 5545 calendar, for the « Ajouter à mon agenda » download. Its UID is the one Scolarité's feed
/// gives the same event (<c>evenement-{id}@{host}</c>), so that a calendar app holding both keeps one event.
/// </summary>
internal static class IcalEvenement
{
    private const string Fuseau = "Europe/Paris";

    public static string Domaine(IConfiguration configuration) =>
        new Uri(configuration["Ent:UrlPublique"] is { Length: > 0 } url ? url : "http://localhost:5080").Host;

    public static string Uid(Guid id, string domaine) => $"evenement-{id:N}@{domaine}";

    public static string Construire(EvenementVisible e, DateTimeOffset maintenant, string domaine)
    {
        var calendrier = new Calendar { ProductId = "-//Ent//Agenda//FR", Method = "PUBLISH" };
        calendrier.AddTimeZone(Fuseau, e.JourDebut.ToDateTime(TimeOnly.MinValue).AddDays(-1), false);
        calendrier.Events.Add(new CalendarEvent
        {
            Uid = Uid(e.Id, domaine),
            Summary = e.Titre,
            Description = e.Description,
            Location = e.Lieu,
            DtStart = e.HeureDebut is { } hd ? new CalDateTime(e.JourDebut, hd, Fuseau) : new CalDateTime(e.JourDebut),
            DtEnd = e.HeureFin is { } hf ? new CalDateTime(e.JourFin, hf, Fuseau) : new CalDateTime(e.JourFin.AddDays(1)),
            DtStamp = new CalDateTime(maintenant.UtcDateTime, "UTC", true),
            Sequence = e.Sequence,
            Transparency = e.HeureDebut is null ? TransparencyType.Transparent : TransparencyType.Opaque,
        });
        return new CalendarSerializer(calendrier).SerializeToString() ?? string.Empty;
    }

    /// <summary>The category as families read it.</summary>
    public static string Libelle(string categorie) => categorie switch
    {
        "conseil_classe" => "Conseil de classe",
        "reunion_parents" => "Réunion parents-professeurs",
        "sortie" => "Sortie",
        "examen" => "Examen",
        "vacances" => "Vacances",
        _ => "Événement",
    };
}
