using Ent.Scolarite.Contracts;
using Ent.Scolarite.EmploiDuTemps;

namespace Ent.Scolarite.Tests.EmploiDuTemps;

/// <summary>
/// The expansion of weekly slots into lessons (<see cref="Planning"/>): validity dates, week A/B, the four kinds of change,
/// changes moving a lesson into or out of the days asked, clock changes, and the « next lesson » rule. School year
/// 2026-2027, no week stated: the week of Monday 31 August 2026 is A.
/// </summary>
public sealed class PlanningTests
{
    private static readonly Guid Etablissement = Guid.NewGuid();
    private static readonly Guid Service = Guid.NewGuid();
    private static readonly Guid Prof = Guid.NewGuid();
    private static readonly Guid Remplacant = Guid.NewGuid();
    private static readonly Semaines SansDeclaration = new(new Dictionary<DateOnly, char>());
    private static readonly Dictionary<Guid, Guid> Enseignants = new() { [Service] = Prof };

    private static DateOnly J(int annee, int mois, int jour) => new(annee, mois, jour);

    private static TimeOnly H(int heure, int minute = 0) => new(heure, minute);

    /// <summary>A Monday 8:00–8:55 slot, valid the whole year unless said.</summary>
    private static Creneau Lundi8(string? semaine = null, DateOnly? du = null, DateOnly? au = null, short jour = 1, TimeOnly? debut = null) =>
        new(Guid.NewGuid(), Etablissement, Service, Prof, jour, debut ?? H(8), (debut ?? H(8)).AddMinutes(55), "B12", semaine,
            du ?? J(2026, 9, 1), au ?? J(2027, 8, 31));

    private static Modification Changement(string nature, DateTimeOffset? prevu, DateTimeOffset? debut = null, string? salle = null,
        Guid? remplacant = null, string? motif = null) =>
        new(Guid.NewGuid(), Etablissement, Service, nature, prevu, debut, debut?.AddMinutes(55), salle, remplacant, motif);

    private static List<CoursPlanifie> Cours(IEnumerable<Creneau> creneaux, DateOnly du, DateOnly au, params Modification[] modifications) =>
        Planning.Cours(creneaux, _ => SansDeclaration, modifications, Enseignants, du, au);

    [Fact]
    public void A_weekly_slot_gives_a_lesson_each_of_its_weekdays_within_its_validity_and_the_days_asked()
    {
        // Valid from Monday 14 September to Monday 5 October; asked: the whole of September and October.
        var cours = Cours([Lundi8(du: J(2026, 9, 14), au: J(2026, 10, 5))], J(2026, 9, 1), J(2026, 10, 31));

        Assert.Equal([J(2026, 9, 14), J(2026, 9, 21), J(2026, 9, 28), J(2026, 10, 5)], cours.Select(c => Planning.Jour(c.Debut)));
        Assert.All(cours, c => Assert.Equal((StatutCours.Normal, H(8), H(8, 55), "B12", Prof),
            (c.Statut, Planning.Heure(c.Debut), Planning.Heure(c.Fin), c.Salle, c.EnseignantId)));
        // Asked from the Tuesday: the Monday before is not given.
        Assert.Equal(3, Cours([Lundi8(du: J(2026, 9, 14), au: J(2026, 10, 5))], J(2026, 9, 15), J(2026, 10, 31)).Count);
    }

    [Fact]
    public void A_week_A_slot_gives_lessons_in_week_A_only_and_a_week_B_one_in_week_B_only()
    {
        var a = Lundi8("A");
        var b = Lundi8("B", debut: H(9));

        var cours = Cours([a, b], J(2026, 9, 1), J(2026, 10, 4));

        Assert.Equal([(J(2026, 9, 7), H(9)), (J(2026, 9, 14), H(8)), (J(2026, 9, 21), H(9)), (J(2026, 9, 28), H(8))],
            cours.Select(c => (Planning.Jour(c.Debut), Planning.Heure(c.Debut))));
        Assert.Equal(["B", "A", "B", "A"], cours.Select(c => c.Semaine));

        // A stated week changes which weeks the slots fall on.
        var declarees = new Semaines(new Dictionary<DateOnly, char> { [J(2026, 9, 7)] = 'A' });
        var apres = Planning.Cours([a, b], _ => declarees, [], Enseignants, J(2026, 9, 7), J(2026, 9, 20));
        Assert.Equal([(J(2026, 9, 7), H(8)), (J(2026, 9, 14), H(9))], apres.Select(c => (Planning.Jour(c.Debut), Planning.Heure(c.Debut))));
    }

    [Fact]
    public void A_cancelled_lesson_stays_listed_as_cancelled_with_its_reason()
    {
        var prevu = Planning.Instant(J(2026, 9, 14), H(8));

        var cours = Cours([Lundi8()], J(2026, 9, 14), J(2026, 9, 14), Changement("annule", prevu, motif: "Professeur absent"));

        var c = Assert.Single(cours);
        Assert.Equal((StatutCours.Annule, prevu, prevu, "Professeur absent"), (c.Statut, c.Debut, c.DebutPrevu, c.Motif));
        Assert.NotNull(c.ModificationId);
    }

    [Fact]
    public void A_moved_lesson_is_at_its_new_time_and_room_and_no_longer_at_the_old_one()
    {
        var prevu = Planning.Instant(J(2026, 9, 14), H(8));
        var nouveau = Planning.Instant(J(2026, 9, 15), H(14));

        var cours = Cours([Lundi8()], J(2026, 9, 14), J(2026, 9, 20), Changement("deplace", prevu, nouveau, salle: "C3"));

        var c = Assert.Single(cours);
        Assert.Equal((StatutCours.Deplace, nouveau, nouveau.AddMinutes(55), "C3", prevu, Prof),
            (c.Statut, c.Debut, c.Fin, c.Salle, c.DebutPrevu, c.EnseignantId));
        // Moved without a room: it keeps the slot's.
        Assert.Equal("B12", Assert.Single(Cours([Lundi8()], J(2026, 9, 14), J(2026, 9, 20), Changement("deplace", prevu, nouveau))).Salle);
    }

    [Fact]
    public void A_lesson_moved_out_of_the_days_asked_leaves_them_and_one_moved_into_them_arrives()
    {
        var prevu = Planning.Instant(J(2026, 9, 14), H(8));
        var semaineSuivante = Planning.Instant(J(2026, 9, 22), H(10));
        var deplacement = Changement("deplace", prevu, semaineSuivante, salle: "C3");

        // Asked: the week of the 14th only. The lesson went to the next week: nothing that week.
        Assert.Empty(Cours([Lundi8()], J(2026, 9, 14), J(2026, 9, 20), deplacement));

        // Asked: the next week only. Its own Monday lesson, and the moved one on Tuesday with the teacher taken from the service.
        var cours = Cours([Lundi8()], J(2026, 9, 21), J(2026, 9, 27), deplacement);
        Assert.Equal([(StatutCours.Normal, J(2026, 9, 21)), (StatutCours.Deplace, J(2026, 9, 22))],
            cours.Select(c => (c.Statut, Planning.Jour(c.Debut))));
        Assert.Equal((Prof, "C3", prevu), (cours[1].EnseignantId, cours[1].Salle, cours[1].DebutPrevu));

        // A cancellation of a lesson outside the days asked shows nothing.
        Assert.Empty(Cours([Lundi8()], J(2026, 9, 15), J(2026, 9, 20), Changement("annule", prevu)));
    }

    [Fact]
    public void A_replaced_lesson_is_taught_by_the_replacing_teacher_and_an_extra_lesson_is_added()
    {
        var prevu = Planning.Instant(J(2026, 9, 14), H(8));
        var extra = Planning.Instant(J(2026, 9, 16), H(13));

        var cours = Cours([Lundi8()], J(2026, 9, 14), J(2026, 9, 20),
            Changement("remplace", prevu, prevu, remplacant: Remplacant, motif: "Remplacement"),
            Changement("ajoute", null, extra, salle: "Amphi"));

        Assert.Equal(2, cours.Count);
        Assert.Equal((StatutCours.Remplace, prevu, Remplacant, "B12", prevu), (cours[0].Statut, cours[0].Debut, cours[0].EnseignantId, cours[0].Salle, cours[0].DebutPrevu));
        Assert.Equal((StatutCours.Ajoute, extra, Prof, "Amphi", (DateTimeOffset?)null),
            (cours[1].Statut, cours[1].Debut, cours[1].EnseignantId, cours[1].Salle, cours[1].DebutPrevu));
    }

    [Fact]
    public void Lessons_keep_their_local_time_across_the_clock_changes()
    {
        // Clocks go back on Sunday 25 October 2026 and forward on Sunday 28 March 2027.
        var cours = Cours([Lundi8()], J(2026, 10, 19), J(2026, 10, 26));
        Assert.Equal([H(8), H(8)], cours.Select(c => Planning.Heure(c.Debut)));
        Assert.Equal([new DateTimeOffset(2026, 10, 19, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 26, 7, 0, 0, TimeSpan.Zero)],
            cours.Select(c => c.Debut));
        var printemps = Cours([Lundi8()], J(2027, 3, 22), J(2027, 3, 29));
        Assert.Equal([new DateTimeOffset(2027, 3, 22, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 29, 6, 0, 0, TimeSpan.Zero)],
            printemps.Select(c => c.Debut));

        // On the Sunday itself: a 2:30 lesson (an hour that happens twice in October, not at all in March) gives one lesson.
        var dimanche = Lundi8(jour: 7, debut: H(2, 30));
        var octobre = Assert.Single(Cours([dimanche], J(2026, 10, 25), J(2026, 10, 25)));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero), octobre.Debut); // the later 2:30 (winter time)
        Assert.Equal(J(2026, 10, 25), Planning.Jour(octobre.Debut));
        // In March 2:30 does not exist: the lesson starts when the clocks jump (3:00 summer time) and ends at 3:25.
        var mars = Assert.Single(Cours([dimanche], J(2027, 3, 28), J(2027, 3, 28)));
        Assert.Equal((new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 28, 1, 25, 0, TimeSpan.Zero)),
            (mars.Debut, mars.Fin));
        Assert.Equal(H(3), Planning.Heure(mars.Debut));
    }

    [Fact]
    public void The_next_lesson_is_the_first_after_the_instant_that_is_not_cancelled()
    {
        var lundi14 = Planning.Instant(J(2026, 9, 14), H(8));
        var cours = Cours([Lundi8(), Lundi8(jour: 3, debut: H(10))], J(2026, 9, 14), J(2026, 9, 30),
            Changement("annule", Planning.Instant(J(2026, 9, 16), H(10))));

        // After Monday 14 at 8:00 (that one excluded): Wednesday 16 is cancelled, so Monday 21.
        Assert.Equal(Planning.Instant(J(2026, 9, 21), H(8)), Planning.Prochain(cours, Service, lundi14)!.Debut);
        Assert.Equal(lundi14, Planning.Prochain(cours, Service, lundi14.AddMinutes(-1))!.Debut);
        Assert.Null(Planning.Prochain(cours, Guid.NewGuid(), lundi14));
        Assert.Null(Planning.Prochain(cours, Service, Planning.Instant(J(2026, 9, 30), H(12))));
    }
}
