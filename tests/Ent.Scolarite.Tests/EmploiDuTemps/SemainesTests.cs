using Ent.Scolarite.EmploiDuTemps;

namespace Ent.Scolarite.Tests.EmploiDuTemps;

/// <summary>
/// The week A / week B rule (<see cref="Semaines"/>), on the school year 2026-2027: 1 September 2026 is a Tuesday, so its
/// first week starts on Monday 31 August.
/// </summary>
public sealed class SemainesTests
{
    private static DateOnly J(int annee, int mois, int jour) => new(annee, mois, jour);

    private static Semaines Avec(params (DateOnly Lundi, char Lettre)[] declarees) => new(declarees.ToDictionary(d => d.Lundi, d => d.Lettre));

    [Fact]
    public void Without_any_week_stated_the_week_holding_1_September_is_A_and_the_weeks_alternate()
    {
        var semaines = Avec();

        Assert.Equal('A', semaines.De(J(2026, 9, 1)));
        Assert.Equal('A', semaines.De(J(2026, 8, 31))); // the Monday of that week, still in August
        Assert.Equal('A', semaines.De(J(2026, 9, 6))); // its Sunday
        Assert.Equal('B', semaines.De(J(2026, 9, 7)));
        Assert.Equal('A', semaines.De(J(2026, 9, 14)));
        Assert.Equal(['A', 'B', 'A', 'B', 'A'], Enumerable.Range(0, 5).Select(i => semaines.De(J(2026, 9, 2).AddDays(7 * i))));
    }

    [Fact]
    public void A_stated_week_sets_its_letter_and_the_weeks_after_it_alternate_from_there()
    {
        // Back from the autumn holidays on 2 November (nine weeks after 31 August: B by alternation), stated A.
        var semaines = Avec((J(2026, 11, 2), 'A'));

        Assert.Equal('A', semaines.De(J(2026, 10, 26))); // the holidays' week, before it: still from 31 August (eight weeks)
        Assert.Equal('A', semaines.De(J(2026, 11, 2)));
        Assert.Equal('A', semaines.De(J(2026, 11, 6)));
        Assert.Equal('B', semaines.De(J(2026, 11, 9)));
        Assert.Equal('A', semaines.De(J(2026, 11, 16)));
        Assert.Equal('B', semaines.De(J(2026, 12, 7))); // five weeks on
        Assert.Equal('A', semaines.De(J(2026, 12, 14))); // six
    }

    [Fact]
    public void The_latest_stated_week_before_the_day_wins()
    {
        var semaines = Avec((J(2026, 11, 2), 'A'), (J(2027, 1, 4), 'A'));

        Assert.Equal('B', semaines.De(J(2026, 12, 21))); // seven weeks after 2 November
        Assert.Equal('A', semaines.De(J(2026, 12, 28))); // eight
        Assert.Equal('A', semaines.De(J(2027, 1, 4)));
        Assert.Equal('B', semaines.De(J(2027, 1, 11)));
    }

    [Fact]
    public void A_week_stated_in_the_previous_school_year_does_not_carry_over_the_summer()
    {
        var semaines = Avec((J(2026, 6, 1), 'B'));

        Assert.Equal('B', semaines.De(J(2026, 6, 3)));
        Assert.Equal('A', semaines.De(J(2026, 6, 8)));
        Assert.Equal('A', semaines.De(J(2026, 9, 1))); // the new year starts again at A
        Assert.Equal('B', semaines.De(J(2026, 9, 8)));
        // The summer weeks still belong to 2025-2026 and follow its last stated week.
        Assert.Equal('B', semaines.De(J(2026, 8, 24))); // twelve weeks after 1 June
    }

    [Fact]
    public void Every_day_of_the_week_holding_1_September_has_the_same_letter_even_when_the_week_starts_in_August()
    {
        // Stated A on 1 June 2026: the week of 31 August is 13 weeks on, B by the old year's count, but it is the new
        // year's first week: A on its Monday (31 August) as on its Tuesday (1 September).
        var semaines = Avec((J(2026, 6, 1), 'A'));

        Assert.Equal(semaines.De(J(2026, 9, 1)), semaines.De(J(2026, 8, 31)));
        Assert.Equal('A', semaines.De(J(2026, 8, 31)));
    }

    [Fact]
    public void The_calendar_lists_every_week_of_the_school_year_with_its_letter_and_whether_it_was_stated()
    {
        var declarees = new Dictionary<DateOnly, char> { [J(2026, 11, 2)] = 'A' };

        var calendrier = ListerSemainesEndpoint.Calendrier(new Semaines(declarees), declarees, "2026-2027");

        Assert.Equal(J(2026, 8, 31), calendrier[0].Lundi);
        Assert.Equal(J(2027, 8, 30), calendrier[^1].Lundi);
        Assert.Equal(53, calendrier.Length);
        Assert.All(calendrier, s => Assert.Equal(DayOfWeek.Monday, s.Lundi.DayOfWeek));
        Assert.Equal([J(2026, 11, 2)], calendrier.Where(s => s.Declaree).Select(s => s.Lundi));
        Assert.Equal(["A", "B"], calendrier.Take(2).Select(s => s.Semaine));
        Assert.Equal(["A", "A", "B"], calendrier.Where(s => s.Lundi >= J(2026, 10, 26) && s.Lundi <= J(2026, 11, 9)).Select(s => s.Semaine));
    }
}
