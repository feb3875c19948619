namespace Ent.Scolarite.Notes;

/// <summary>What the calculation needs of an assessment.</summary>
/// <param name="Bareme">The maximum mark (any; marks are brought to /20).</param>
/// <param name="Coefficient">Weight within the subject.</param>
/// <param name="Mode">normale, bonus or facultative.</param>
/// <param name="CompteDansMoyenne">False: shown, never counted.</param>
internal sealed record EvaluationCalcul(decimal Bareme, decimal Coefficient, string Mode, bool CompteDansMoyenne);

/// <summary>A pupil's result: a mark on the assessment's scale, or a marker (absent, dispense, non_note, non_rendu).</summary>
internal sealed record Resultat(decimal? Valeur, string? Marqueur);

/// <summary>Average, lowest and highest of a set of values (all null when the set is empty).</summary>
internal sealed record Statistiques(decimal? Moyenne, decimal? Min, decimal? Max, int Nombre)
{
    public static readonly Statistiques Vide = new(null, null, null, 0);
}

/// <summary>
/// Averages as French schools compute them, in one place (grades page, teacher's grid, report card).
/// <list type="bullet">
/// <item>Marks are brought to /20 (valeur × 20 / barème) and weighted by the assessments' coefficients.</item>
/// <item>Absent, Dispensé and Non noté never count. Non rendu counts as 0 when the établissement says so, else not at all.</item>
/// <item>An assessment that does not count toward the average is shown and never counted.</item>
/// <item>Bonus: only the points above 10/20 count, added to the weighted sum without adding the coefficient.</item>
/// <item>Facultative: counted only when it raises the average (taken best first, each while it still raises it); alone,
/// without an ordinary mark, it makes no average.</item>
/// <item>An average above 20 (bonus) is capped at 20; no counted mark → no average (null), never 0.</item>
/// </list>
/// Rounding: every average shown is rounded to two decimals, half away from zero (12,345 → 12,35). The general average
/// is the coefficient-weighted mean of the subject averages <em>as shown</em> (rounded), so that a family can recompute it
/// from the report card; class figures are the mean, lowest and highest of the pupils' rounded averages.
/// </summary>
internal static class Moyennes
{
    public const decimal Vingt = 20m;

    public static decimal Arrondir(decimal valeur) => Math.Round(valeur, 2, MidpointRounding.AwayFromZero);

    /// <summary>A pupil's average in a subject over a period, or null when nothing counts.</summary>
    public static decimal? MoyenneMatiere(IEnumerable<(EvaluationCalcul Evaluation, Resultat Resultat)> notes, bool nonRenduCompteZero)
    {
        decimal somme = 0, coefficients = 0, bonus = 0;
        var facultatives = new List<(decimal Note, decimal Coefficient)>();
        foreach (var (evaluation, resultat) in notes)
        {
            if (!evaluation.CompteDansMoyenne || SurVingt(evaluation, resultat, nonRenduCompteZero) is not { } note)
            {
                continue;
            }

            switch (evaluation.Mode)
            {
                case "bonus":
                    bonus += evaluation.Coefficient * Math.Max(0, note - 10);
                    break;
                case "facultative":
                    facultatives.Add((note, evaluation.Coefficient));
                    break;
                default:
                    somme += evaluation.Coefficient * note;
                    coefficients += evaluation.Coefficient;
                    break;
            }
        }

        if (coefficients == 0)
        {
            return null;
        }

        foreach (var (note, coefficient) in facultatives.OrderByDescending(f => f.Note))
        {
            if (note * coefficients <= somme)
            {
                break;
            }

            somme += coefficient * note;
            coefficients += coefficient;
        }

        return Arrondir(Math.Min(Vingt, (somme + bonus) / coefficients));
    }

    /// <summary>The mark on /20 that counts, or null when the result does not count.</summary>
    public static decimal? SurVingt(EvaluationCalcul evaluation, Resultat resultat, bool nonRenduCompteZero) => resultat switch
    {
        { Valeur: { } valeur } => valeur * Vingt / evaluation.Bareme,
        { Marqueur: "non_rendu" } when nonRenduCompteZero => 0m,
        _ => null,
    };

    /// <summary>The general average: subject averages weighted by the subjects' coefficients; subjects without one are left out.</summary>
    public static decimal? MoyenneGenerale(IEnumerable<(decimal? Moyenne, decimal Coefficient)> matieres)
    {
        decimal somme = 0, coefficients = 0;
        foreach (var (moyenne, coefficient) in matieres)
        {
            if (moyenne is { } m)
            {
                somme += coefficient * m;
                coefficients += coefficient;
            }
        }

        return coefficients == 0 ? null : Arrondir(somme / coefficients);
    }

    /// <summary>Mean, lowest and highest of the values that exist, the mean rounded to two decimals.</summary>
    public static Statistiques Stats(IEnumerable<decimal?> valeurs)
    {
        // One pass, no boxing: run for every subject and assessment of a grades page.
        var (somme, min, max, nombre) = (0m, decimal.MaxValue, decimal.MinValue, 0);
        foreach (var valeur in valeurs)
        {
            if (valeur is { } v)
            {
                (somme, min, max, nombre) = (somme + v, Math.Min(min, v), Math.Max(max, v), nombre + 1);
            }
        }

        return nombre == 0 ? Statistiques.Vide : new Statistiques(Arrondir(somme / nombre), min, max, nombre);
    }

    /// <summary>An assessment's figures on its own scale: marks, plus zeros for Non rendu when they count.</summary>
    public static Statistiques StatsEvaluation(IEnumerable<Resultat> resultats, bool nonRenduCompteZero) =>
        Stats(resultats.Select(r => r switch
        {
            { Valeur: { } v } => v,
            { Marqueur: "non_rendu" } when nonRenduCompteZero => 0m,
            _ => (decimal?)null,
        }));
}
