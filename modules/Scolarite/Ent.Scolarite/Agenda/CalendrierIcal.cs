using Ent.Communication.Contracts;
using Ent.Scolarite.Contracts;
using Ent.Scolarite.EmploiDuTemps;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Ent.Scolarite.Agenda;

/// <summary>
/// Builds the RFC 5545 calendar of a feed with Ical.Net: one VEVENT per lesson (Paris local times, with the
/// Europe/Paris VTIMEZONE), one all-day VEVENT per homework due. UIDs are stable across reads — a lesson's is its service
/// and its timetabled start (an extra lesson's, its change), a homework's its id — and name whose calendar it is (a
/// guardian's feed may hold two children's lessons of the same service), so that a calendar app updates an event when a
/// lesson is moved or cancelled instead of adding a second one. Pure, apart from the time stamp it is given.
/// </summary>
internal static class CalendrierIcal
{
    private const string Fuseau = "Europe/Paris";

    /// <summary>A lesson with what the calendar shows of it.</summary>
    /// <param name="Cours">The lesson, changes applied.</param>
    /// <param name="Pour">Whose calendar: the pupil's id, or the teacher's.</param>
    /// <param name="Prefixe">The child's first name in a guardian's feed, null otherwise.</param>
    /// <param name="Titre">The subject (and, for a teacher, the class or group).</param>
    /// <param name="Remplacant">The replacing teacher's name, for a replaced lesson.</param>
    internal sealed record Lecon(CoursPlanifie Cours, Guid Pour, string? Prefixe, string Titre, string? Remplacant);

    /// <summary>A homework due, for a pupil.</summary>
    internal sealed record Travail(DevoirAgenda Devoir, Guid Pour, string? Prefixe, string Matiere);

    public static string Construire(string nom, IEnumerable<Lecon> lecons, IEnumerable<Travail> travaux, DateTimeOffset maintenant, string domaine,
        IEnumerable<EvenementVisible>? evenements = null)
    {
        var calendrier = new Calendar { ProductId = "-//Ent//Emploi du temps//FR", Method = "PUBLISH" };
        calendrier.AddProperty("X-WR-CALNAME", nom);
        calendrier.AddProperty("X-WR-TIMEZONE", Fuseau);
        // Calendar apps poll at their own pace; this asks for no more often than the server's cache (15 min).
        calendrier.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        calendrier.AddProperty("X-PUBLISHED-TTL", "PT1H");
        // The zone's rules from a month back only: no century of history in every read.
        calendrier.AddTimeZone(Fuseau, maintenant.UtcDateTime.AddDays(-31), false);
        var horodatage = new CalDateTime(maintenant.UtcDateTime, "UTC", true);

        foreach (var l in lecons)
        {
            var c = l.Cours;
            var annule = c.Statut == StatutCours.Annule;
            var resume = (annule ? "Annulé — " : string.Empty) + (l.Prefixe is { } p ? $"{p} · " : string.Empty) + l.Titre;
            var evenement = new CalendarEvent
            {
                Uid = UidCours(c, l.Pour, domaine),
                Summary = resume,
                DtStart = Local(c.Debut),
                DtEnd = Local(c.Fin),
                DtStamp = horodatage,
                Location = c.Salle,
                Description = Description(c, l.Remplacant),
                Status = annule ? EventStatus.Cancelled : EventStatus.Confirmed,
                Sequence = c.ModificationId is null ? 0 : 1,
                Transparency = annule ? TransparencyType.Transparent : TransparencyType.Opaque,
            };
            calendrier.Events.Add(evenement);
        }

        foreach (var t in travaux)
        {
            var d = t.Devoir;
            var duree = d.DureeMinutes is { } m ? $"\nDurée estimée : {m} min" : string.Empty;
            calendrier.Events.Add(new CalendarEvent
            {
                Uid = $"devoir-{d.Id:N}-{t.Pour:N}@{domaine}",
                Summary = (t.Prefixe is { } p ? $"{p} · " : string.Empty) + $"Devoir — {t.Matiere}",
                DtStart = new CalDateTime(d.PourLe),
                DtEnd = new CalDateTime(d.PourLe.AddDays(1)),
                DtStamp = horodatage,
                Description = d.Consigne + duree,
                Transparency = TransparencyType.Transparent,
            });
        }

        // The school calendar's events (issue 16): the UID is the one of the event's own .ics download (Communication).
        foreach (var e in evenements ?? Enumerable.Empty<EvenementVisible>())
        {
            calendrier.Events.Add(new CalendarEvent
            {
                Uid = $"evenement-{e.Id:N}@{domaine}",
                Summary = (e.Pour.Count > 0 ? $"{string.Join(", ", e.Pour)} · " : string.Empty) + e.Titre,
                DtStart = e.HeureDebut is { } hd ? new CalDateTime(e.JourDebut, hd, Fuseau) : new CalDateTime(e.JourDebut),
                DtEnd = e.HeureFin is { } hf ? new CalDateTime(e.JourFin, hf, Fuseau) : new CalDateTime(e.JourFin.AddDays(1)),
                DtStamp = horodatage,
                Location = e.Lieu,
                Description = e.Description,
                Sequence = e.Sequence,
                Transparency = e.HeureDebut is null ? TransparencyType.Transparent : TransparencyType.Opaque,
            });
        }

        return new CalendarSerializer(calendrier).SerializeToString() ?? string.Empty;
    }

    /// <summary>The lesson's stable identifier: its service and timetabled start, or its change for an extra lesson.</summary>
    internal static string UidCours(CoursPlanifie c, Guid pour, string domaine) => c.Statut == StatutCours.Ajoute && c.ModificationId is { } ajout
        ? $"ajout-{ajout:N}-{pour:N}@{domaine}"
        : $"cours-{c.ServiceId:N}-{(c.DebutPrevu ?? c.Debut).UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)}-{pour:N}@{domaine}";

    private static CalDateTime Local(DateTimeOffset instant) =>
        new(Planning.Jour(instant), Planning.Heure(instant), Fuseau);

    private static string? Description(CoursPlanifie c, string? remplacant)
    {
        var lignes = new List<string>();
        switch (c.Statut)
        {
            case StatutCours.Annule:
                lignes.Add("Cours annulé.");
                break;
            case StatutCours.Deplace when c.DebutPrevu is { } prevu:
                lignes.Add($"Cours déplacé (prévu le {Planning.Jour(prevu):dd/MM} à {Planning.Heure(prevu):HH\\hmm}).");
                break;
            case StatutCours.Remplace:
                lignes.Add(remplacant is null ? "Cours assuré par un remplaçant." : $"Cours assuré par {remplacant}.");
                break;
            case StatutCours.Ajoute:
                lignes.Add("Cours supplémentaire.");
                break;
        }

        if (c.Motif is { } motif)
        {
            lignes.Add(motif);
        }

        return lignes.Count == 0 ? null : string.Join("\n", lignes);
    }
}
