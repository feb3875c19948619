using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Ent.VieScolaire.Appels;
using Npgsql;

namespace Ent.VieScolaire.Demo;

/// <summary>
/// The demo lycée's attendance: a weekly timetable (each teaching service three hours a week, Monday to Friday, 8:00–12:00
/// and 13:00–17:00, no teacher or class in two places at once), and this school year's absences: a few for
/// <c>eleve.001</c> (one justified, one late, one to justify), and a pupil over the persistent-absence threshold this month
/// (each when enough school days have passed since 1 September).
/// No notification is sent for demo absences. Deterministic, and idempotent (nothing is added once the timetable exists).
/// </summary>
internal sealed class VieScolaireDemo(IAnnuaire annuaire, IServicesEnseignement services, Horaires horaires) : IDemoData
{
    public int Order => 12;

    private static readonly int[] Heures = [8, 9, 10, 11, 13, 14, 15, 16];
    private const int HeuresParService = 3;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct) is not { } etablissement)
        {
            return;
        }

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM viescolaire.creneau WHERE etablissement_id = @id)", new { id = etablissement.Id }, cancellationToken: ct)))
        {
            return;
        }

        var enseignants = await annuaire.ListerPersonnesAsync(etablissement.Id, Profils.Enseignant, ct);
        var liste = new List<ServiceInfo>();
        foreach (var enseignant in enseignants)
        {
            liste.AddRange(await services.DuEnseignantAsync(enseignant.Id, ct));
        }

        if (liste.Count == 0)
        {
            return;
        }

        // The classes a service occupies: its class, or every class its group's pupils come from.
        var eleves = new Dictionary<Guid, IReadOnlyList<Guid>>();
        var occupe = new Dictionary<Guid, string[]>();
        foreach (var service in liste)
        {
            eleves[service.Id] = await services.ElevesAsync(service.Id, ct);
            occupe[service.Id] = (await services.ClassesAsync(eleves[service.Id], ct)).Values.Distinct().ToArray();
        }

        var creneaux = Placer(liste.OrderByDescending(s => occupe[s.Id].Length).ThenBy(s => s.Id).ToList(), occupe);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO viescolaire.creneau (id, etablissement_id, service_id, jour, debut, fin, salle)
            VALUES (@Id, @EtablissementId, @ServiceId, @Jour, @Debut, @Fin, @Salle)
            """, creneaux.Select(c => new
        {
            Id = Guid.CreateVersion7(), EtablissementId = etablissement.Id, c.ServiceId, c.Jour, Debut = new TimeOnly(c.Heure, 0),
            Fin = new TimeOnly(c.Heure, 55), Salle = $"Salle {100 + Math.Abs(c.ServiceId.GetHashCode() % 40)}",
        }), tx, cancellationToken: ct));
        await SeedAbsencesAsync(conn, tx, etablissement.Id, liste, eleves, creneaux, ct);
        await tx.CommitAsync(ct);
    }

    private sealed record Place(Guid ServiceId, short Jour, int Heure);

    /// <summary>Greedy placement, spread over the week: a slot is free when neither the teacher nor any class it occupies is busy.</summary>
    private static List<Place> Placer(List<ServiceInfo> liste, Dictionary<Guid, string[]> occupe)
    {
        var pris = new HashSet<(string Qui, short Jour, int Heure)>();
        var places = new List<Place>();
        for (var i = 0; i < liste.Count; i++)
        {
            var service = liste[i];
            var jours = new HashSet<short>();
            for (var essai = 0; essai < 5 * Heures.Length && jours.Count < HeuresParService; essai++)
            {
                var jour = (short)(1 + (i + essai * 2) % 5);
                var heure = Heures[(i * 3 + essai) % Heures.Length];
                var qui = occupe[service.Id].Append(service.EnseignantId.ToString()).ToArray();
                if (jours.Contains(jour) || qui.Any(q => pris.Contains((q, jour, heure))))
                {
                    continue;
                }

                foreach (var q in qui)
                {
                    pris.Add((q, jour, heure));
                }

                jours.Add(jour);
                places.Add(new Place(service.Id, jour, heure));
            }
        }

        return places;
    }

    private const string AbsenceSql = """
        INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, minutes_retard, cours, statut, motif_code,
                                         saisie_par, saisie_le)
        VALUES (@Id, @EtablissementId, @EleveId, @Type, @Debut, @Fin, @Jour, @DemiJournee, @Minutes, @Cours, @Statut, @Motif, @Par, @Debut);
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le) VALUES (@Id, @Statut, 'Démonstration', @Par, @Debut);
        """;

    private async Task SeedAbsencesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid etablissementId, List<ServiceInfo> liste,
        Dictionary<Guid, IReadOnlyList<Guid>> eleves, List<Place> creneaux, CancellationToken ct)
    {
        var cpe = DemoIds.Of("compte", "cpe");
        var aujourdhui = horaires.Aujourdhui;
        var lignes = new List<object>();

        // The lessons of a pupil before today and within this school year (from 1 September), latest first, as the
        // timetable has them: early in September there are few or none, and the demo has fewer absences.
        var rentree = new DateOnly(aujourdhui.Month >= 9 ? aujourdhui.Year : aujourdhui.Year - 1, 9, 1);
        IEnumerable<(DateTimeOffset Debut, string Cours)> CoursPasses(Guid eleveId, int jours)
        {
            var siens = liste.Where(s => eleves[s.Id].Contains(eleveId)).ToDictionary(s => s.Id);
            for (var j = 1; j <= jours && aujourdhui.AddDays(-j) >= rentree; j++)
            {
                var jour = aujourdhui.AddDays(-j);
                var iso = jour.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)jour.DayOfWeek;
                foreach (var c in creneaux.Where(c => c.Jour == iso && siens.ContainsKey(c.ServiceId)).OrderBy(c => c.Heure))
                {
                    yield return (horaires.Instant(jour, new TimeOnly(c.Heure, 0)), FeuillesAppel.Cours(siens[c.ServiceId]));
                }
            }
        }

        void Ajouter(Guid eleveId, (DateTimeOffset Debut, string Cours) cours, string type, string statut, string? motif, int? minutes = null) =>
            lignes.Add(new
            {
                Id = Guid.CreateVersion7(), EtablissementId = etablissementId, EleveId = eleveId, Type = type, cours.Debut,
                Fin = cours.Debut.AddMinutes(55), Jour = horaires.Jour(cours.Debut), DemiJournee = horaires.DemiJourneeDe(cours.Debut),
                Minutes = minutes, cours.Cours, Statut = statut, Motif = motif, Par = cpe,
            });

        // eleve.001 (parent.001's child): a justified illness, a lateness and an absence to justify.
        var eleve001 = DemoIds.Of("compte", "eleve.001");
        var passes001 = CoursPasses(eleve001, 21).ToList();
        if (passes001.Count >= 8)
        {
            Ajouter(eleve001, passes001[^1], "absence", "justifiee", "maladie");
            Ajouter(eleve001, passes001[4], "retard", "non_justifiee", null, 10);
            Ajouter(eleve001, passes001[1], "absence", "non_justifiee", null);
        }

        // eleve.010: four unjustified half-days this month, over the threshold.
        var eleve010 = DemoIds.Of("compte", "eleve.010");
        var debutMois = new DateOnly(aujourdhui.Year, aujourdhui.Month, 1);
        var demiJournees = CoursPasses(eleve010, 31).Where(c => horaires.Jour(c.Debut) >= debutMois)
            .GroupBy(c => (horaires.Jour(c.Debut), horaires.DemiJourneeDe(c.Debut))).Take(4).Select(g => g.First());
        foreach (var cours in demiJournees)
        {
            Ajouter(eleve010, cours, "absence", "non_justifiee", null);
        }

        await conn.ExecuteAsync(new CommandDefinition(AbsenceSql, lignes, tx, cancellationToken: ct));
    }
}
