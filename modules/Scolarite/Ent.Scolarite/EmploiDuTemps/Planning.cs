using Ent.Scolarite.Contracts;

namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>A weekly slot as stored (scolarite.creneau).</summary>
internal sealed record Creneau(
    Guid Id, Guid EtablissementId, Guid ServiceId, Guid EnseignantId, short Jour, TimeOnly Debut, TimeOnly Fin, string? Salle,
    string? Semaine, DateOnly ValideDu, DateOnly ValideAu);

/// <summary>A change to a lesson as stored (scolarite.modification_cours).</summary>
internal sealed record Modification(
    Guid Id, Guid EtablissementId, Guid ServiceId, string Nature, DateTimeOffset? DebutPrevu, DateTimeOffset? Debut,
    DateTimeOffset? Fin, string? Salle, Guid? RemplacantId, string? Motif);

/// <summary>
/// Turns weekly slots, the week A/B calendar and the changes into the lessons of given days: each slot gives a lesson on
/// each of its weekdays within its validity and its week kind; a change then cancels, moves or hands over the timetabled
/// lesson it names (service and timetabled start), and an extra lesson is added. Pure, so that the rules are unit-tested.
/// </summary>
internal static class Planning
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>
    /// The instant (UTC) of a Paris local date and time: the later one when clocks go back; for a time that does not exist
    /// (the hour skipped when clocks go forward), the instant they jump, so that a lesson's end never precedes its start.
    /// </summary>
    public static DateTimeOffset Instant(DateOnly jour, TimeOnly heure)
    {
        var local = jour.ToDateTime(heure);
        if (Paris.IsInvalidTime(local))
        {
            var avant = local;
            while (Paris.IsInvalidTime(avant))
            {
                avant = avant.AddMinutes(-1);
            }

            var saut = avant.AddMinutes(1);
            saut = saut.AddTicks(-(saut.Ticks % TimeSpan.TicksPerMinute));
            return new DateTimeOffset(saut - Paris.GetUtcOffset(avant), TimeSpan.Zero);
        }

        var decalage = Paris.IsAmbiguousTime(local) ? Paris.GetAmbiguousTimeOffsets(local).Min() : Paris.GetUtcOffset(local);
        return new DateTimeOffset(local, decalage).ToUniversalTime();
    }

    /// <summary>The Paris date of an instant.</summary>
    public static DateOnly Jour(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    /// <summary>The Paris local time of an instant.</summary>
    public static TimeOnly Heure(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Paris).DateTime);

    /// <summary>
    /// The lessons from <paramref name="du"/> to <paramref name="au"/> (inclusive), ordered by start then service.
    /// <paramref name="semaines"/> gives each établissement's week letters; <paramref name="modifications"/> may hold
    /// changes outside the days (a lesson moved into or out of them): only lessons starting within the days are kept.
    /// </summary>
    public static List<CoursPlanifie> Cours(
        IEnumerable<Creneau> creneaux, Func<Guid, Semaines> semaines, IEnumerable<Modification> modifications,
        IReadOnlyDictionary<Guid, Guid> enseignants, DateOnly du, DateOnly au)
    {
        var cours = new Dictionary<(Guid, DateTimeOffset), CoursPlanifie>();
        foreach (var c in creneaux)
        {
            var alternance = semaines(c.EtablissementId);
            var premier = Max(du, c.ValideDu);
            var dernier = Min(au, c.ValideAu);
            for (var jour = premier; jour <= dernier; jour = jour.AddDays(1))
            {
                if (IsoJour(jour) != c.Jour || (c.Semaine is { } s && alternance.De(jour) != s[0]))
                {
                    continue;
                }

                var debut = Instant(jour, c.Debut);
                cours.TryAdd((c.ServiceId, debut), new CoursPlanifie(c.ServiceId, debut, Instant(jour, c.Fin), c.Salle, c.EnseignantId,
                    StatutCours.Normal, Semaine: c.Semaine));
            }
        }

        // The timetabled lessons of the changes outside the days are not in the dictionary: a move into the days needs
        // the lesson's room and teacher, taken from the change and the service.
        foreach (var m in modifications)
        {
            var enseignant = enseignants.GetValueOrDefault(m.ServiceId);
            CoursPlanifie? prevu = null;
            if (m.DebutPrevu is { } dp && cours.Remove((m.ServiceId, dp), out var trouve))
            {
                prevu = trouve;
            }

            var statut = m.Nature switch
            {
                "annule" => StatutCours.Annule,
                "deplace" => StatutCours.Deplace,
                "remplace" => StatutCours.Remplace,
                _ => StatutCours.Ajoute,
            };
            CoursPlanifie resultat;
            if (statut == StatutCours.Annule)
            {
                if (prevu is null)
                {
                    continue; // the lesson is outside the days (or no longer timetabled): nothing to show
                }

                resultat = prevu with { Statut = statut, ModificationId = m.Id, Motif = m.Motif, DebutPrevu = prevu.Debut };
            }
            else
            {
                var debut = m.Debut!.Value;
                var fin = m.Fin!.Value;
                resultat = new CoursPlanifie(m.ServiceId, debut, fin, m.Salle ?? prevu?.Salle, m.RemplacantId ?? prevu?.EnseignantId ?? enseignant,
                    statut, m.DebutPrevu, m.Id, m.Motif, prevu?.Semaine);
            }

            var j = Jour(resultat.Debut);
            if (j >= du && j <= au)
            {
                cours[(resultat.ServiceId, resultat.Debut)] = resultat;
            }
        }

        return [.. cours.Values.OrderBy(c => c.Debut).ThenBy(c => c.ServiceId)];
    }

    /// <summary>
    /// The « next lesson » rule: the first lesson of the service that starts after <paramref name="apres"/> and is not
    /// cancelled (null when there is none in the lessons given).
    /// </summary>
    public static CoursPlanifie? Prochain(IEnumerable<CoursPlanifie> cours, Guid serviceId, DateTimeOffset apres) =>
        cours.Where(c => c.ServiceId == serviceId && c.Debut > apres && c.Statut != StatutCours.Annule).MinBy(c => c.Debut);

    public static int IsoJour(DateOnly jour) => jour.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)jour.DayOfWeek;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
