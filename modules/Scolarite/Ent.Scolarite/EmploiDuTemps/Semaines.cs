namespace Ent.Scolarite.EmploiDuTemps;

/// <summary>
/// Week A / week B. An établissement states the letter of some weeks (by their Monday, table scolarite.semaine_ab); a
/// week not stated takes the opposite letter of the week before it, back to the last stated week on or before it; with
/// none, the school year's first week (the one holding 1 September) is week A.
/// </summary>
internal sealed class Semaines(IReadOnlyDictionary<DateOnly, char> declarees)
{
    private readonly DateOnly[] lundis = [.. declarees.Keys.OrderBy(l => l)];

    public static DateOnly Lundi(DateOnly jour) => jour.AddDays(-(((int)jour.DayOfWeek + 6) % 7));

    /// <summary>'A' or 'B' for the week holding the day.</summary>
    public char De(DateOnly jour)
    {
        var lundi = Lundi(jour);
        var i = Array.BinarySearch(lundis, lundi);
        if (i >= 0)
        {
            return declarees[lundi];
        }

        var precedent = ~i - 1;
        // A week belongs to the school year of its Sunday: the week holding 1 September is the new year's even when it
        // starts in August, and every day of a week has the same letter.
        var dimanche = lundi.AddDays(6);
        var debutAnnee = Lundi(new DateOnly(dimanche.Month >= 9 ? dimanche.Year : dimanche.Year - 1, 9, 1));
        // The last stated week counts only within the same school year; otherwise the year's first week is A.
        var (reference, lettre) = precedent >= 0 && lundis[precedent] >= debutAnnee
            ? (lundis[precedent], declarees[lundis[precedent]])
            : (debutAnnee, 'A');
        var ecart = (lundi.DayNumber - reference.DayNumber) / 7;
        return ecart % 2 == 0 ? lettre : Autre(lettre);
    }

    public static char Autre(char lettre) => lettre == 'A' ? 'B' : 'A';
}
