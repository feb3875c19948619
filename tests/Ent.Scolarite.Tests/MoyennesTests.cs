using Ent.Scolarite.Notes;

namespace Ent.Scolarite.Tests;

/// <summary>The averages against hand-computed cases (each case's arithmetic is written next to it).</summary>
public sealed class MoyennesTests
{
    private static (EvaluationCalcul, Resultat) N(decimal valeur, decimal bareme = 20, decimal coef = 1, string mode = "normale", bool compte = true) =>
        (new EvaluationCalcul(bareme, coef, mode, compte), new Resultat(valeur, null));

    private static (EvaluationCalcul, Resultat) M(string marqueur, decimal coef = 1) =>
        (new EvaluationCalcul(20, coef, "normale", true), new Resultat(null, marqueur));

    [Fact]
    public void Marks_are_brought_to_twenty_and_weighted_by_coefficient()
    {
        // 12/20 ×1, 8/10 = 16/20 ×2, 30/40 = 15/20 ×1 → (12 + 32 + 15) / 4 = 14,75
        Assert.Equal(14.75m, Moyennes.MoyenneMatiere([N(12), N(8, bareme: 10, coef: 2), N(30, bareme: 40)], false));
    }

    [Fact]
    public void Absent_dispense_and_non_note_never_count()
    {
        // Only 9 and 15 count → 12
        Assert.Equal(12m, Moyennes.MoyenneMatiere([N(9), M("absent"), M("dispense", coef: 3), M("non_note"), N(15)], false));
    }

    [Fact]
    public void Non_rendu_counts_as_zero_or_not_at_all_as_the_etablissement_says()
    {
        // Zero: (14 + 0) / 2 = 7; excluded: 14
        Assert.Equal(7m, Moyennes.MoyenneMatiere([N(14), M("non_rendu")], nonRenduCompteZero: true));
        Assert.Equal(14m, Moyennes.MoyenneMatiere([N(14), M("non_rendu")], nonRenduCompteZero: false));
    }

    [Fact]
    public void An_assessment_that_does_not_count_is_left_out()
    {
        Assert.Equal(10m, Moyennes.MoyenneMatiere([N(10), N(20, compte: false)], false));
    }

    [Fact]
    public void Bonus_adds_only_the_points_above_ten()
    {
        // (10 + 12) / 2 = 11, bonus 16 adds (16 − 10) × 1 / 2 = 3 → 14; a bonus below 10 adds nothing.
        Assert.Equal(14m, Moyennes.MoyenneMatiere([N(10), N(12), N(16, mode: "bonus")], false));
        Assert.Equal(11m, Moyennes.MoyenneMatiere([N(10), N(12), N(7, mode: "bonus")], false));
    }

    [Fact]
    public void An_average_is_capped_at_twenty()
    {
        // 19 + bonus (20 − 10) × 2 = 39 / 1 → capped at 20
        Assert.Equal(20m, Moyennes.MoyenneMatiere([N(19), N(20, coef: 2, mode: "bonus")], false));
    }

    [Fact]
    public void Facultative_marks_count_only_while_they_raise_the_average()
    {
        // 10 and 14 → 12; 16 raises it: (24 + 16) / 3 = 13,333…; 13 would lower it, 11 too → 13,33
        Assert.Equal(13.33m, Moyennes.MoyenneMatiere([N(10), N(14), N(13, mode: "facultative"), N(16, mode: "facultative"), N(11, mode: "facultative")], false));
        // Below the average: ignored.
        Assert.Equal(12m, Moyennes.MoyenneMatiere([N(10), N(14), N(8, mode: "facultative")], false));
    }

    [Fact]
    public void No_ordinary_mark_means_no_average_not_zero()
    {
        Assert.Null(Moyennes.MoyenneMatiere([], false));
        Assert.Null(Moyennes.MoyenneMatiere([M("absent"), M("dispense"), M("non_note")], false));
        Assert.Null(Moyennes.MoyenneMatiere([M("non_rendu")], false));
        Assert.Null(Moyennes.MoyenneMatiere([N(18, mode: "facultative"), N(15, mode: "bonus")], false));
        // An all-marker column with Non rendu as zero is a 0 average: the work was due and not handed in.
        Assert.Equal(0m, Moyennes.MoyenneMatiere([M("non_rendu"), M("absent")], true));
    }

    [Fact]
    public void Rounding_is_two_decimals_half_away_from_zero()
    {
        // (12,34 + 12,35) / 2 = 12,345 → 12,35 (banker's rounding would give 12,34)
        Assert.Equal(12.35m, Moyennes.MoyenneMatiere([N(12.34m), N(12.35m)], false));
        // 10 / 3 × 2 … : (10 + 10 + 11) / 3 = 10,333… → 10,33
        Assert.Equal(10.33m, Moyennes.MoyenneMatiere([N(10), N(10), N(11)], false));
    }

    [Fact]
    public void The_general_average_weighs_subject_averages_as_shown_and_leaves_out_subjects_without_one()
    {
        // (14,75 × 2 + 7 × 1) / 3 = 36,5 / 3 = 12,1666… → 12,17; the subject without an average is left out.
        Assert.Equal(12.17m, Moyennes.MoyenneGenerale([(14.75m, 2m), (7m, 1m), (null, 3m)]));
        Assert.Null(Moyennes.MoyenneGenerale([(null, 2m)]));
        Assert.Null(Moyennes.MoyenneGenerale([]));
    }

    [Fact]
    public void Class_figures_are_mean_min_and_max_of_what_exists()
    {
        Assert.Equal(new Statistiques(13.25m, 12.5m, 14m, 2), Moyennes.Stats([12.5m, null, 14m]));
        Assert.Equal(Statistiques.Vide, Moyennes.Stats([null, null]));
        // An assessment: markers out, Non rendu as 0 when it counts → (8 + 12 + 0) / 3 = 6,67
        Resultat[] resultats = [new(8, null), new(12, null), new(null, "non_rendu"), new(null, "absent")];
        Assert.Equal(new Statistiques(6.67m, 0m, 12m, 3), Moyennes.StatsEvaluation(resultats, true));
        Assert.Equal(new Statistiques(10m, 8m, 12m, 2), Moyennes.StatsEvaluation(resultats, false));
    }
}
