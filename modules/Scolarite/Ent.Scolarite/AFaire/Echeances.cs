namespace Ent.Scolarite.AFaire;

/// <summary>
/// When report-card work is due, shared by the teachers' and the head's « à faire »: a period whose report cards are
/// not out (unpublished, or published for a later day) and that has ended or ends within three weeks — the weeks
/// of the class councils. Earlier in a period, its appraisals are not yet work to do.
/// </summary>
internal static class Echeances
{
    public const int JoursAvantFin = 21;

    /// <summary>SQL: the period <c>p</c> is due (parameters <c>@aujourdhui</c>, <c>@echeance</c>, <c>@maintenant</c>).</summary>
    public const string PeriodeDue = """
        p.debut <= @aujourdhui AND p.fin <= @echeance
        AND (p.bulletins_publies_le IS NULL OR p.bulletins_publies_le > @maintenant)
        """;

    /// <summary>Today in the host's time zone (Paris), the due limit and now: the parameters of <see cref="PeriodeDue"/>.</summary>
    public static (DateOnly Aujourdhui, DateOnly Echeance, DateTimeOffset Maintenant) Maintenant(TimeProvider clock)
    {
        var aujourdhui = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return (aujourdhui, aujourdhui.AddDays(JoursAvantFin), clock.GetUtcNow());
    }
}
