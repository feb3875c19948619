using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Npgsql;

namespace Ent.Scolarite.Demo;

/// <summary>
/// The demo lycée's weekly timetable for the whole current school year: every service of every class and group placed,
/// Monday to Friday, 8:00–12:00 and 13:00–17:00, no teacher nor class in two places at once (a group occupies every class
/// its pupils come from). Hours per subject follow a lycée's week; physics-chemistry's third hour is in week A only and
/// the sciences' (SVT) second one in week B only, so that the A/B alternation shows. Each class has its own room; sport is
/// at the gym. Runs after <see cref="ScolariteDemo"/> (the services) and before VieScolaire's demo (its absences are taken
/// from these lessons). Deterministic; written once per school year.
/// </summary>
internal sealed class EmploiDuTempsDemo(IAnnuaire annuaire, TimeProvider clock) : IDemoData
{
    public int Order => 11;

    private static readonly int[] Heures = [8, 9, 10, 11, 13, 14, 15, 16];

    /// <summary>A subject's weekly lessons: null every week, 'A' or 'B' that week only.</summary>
    private static string?[] Semaines(string matiere) => matiere switch
    {
        "FRANCAIS" or "MATHS" or "PHILO" => [null, null, null, null],
        "HIST_GEO" or "ANGLAIS" => [null, null, null],
        "PHYS_CHIM" => [null, null, "A"],
        "SVT" => [null, "B"],
        _ => [null, null],
    };

    private sealed record Service(Guid Id, Guid EnseignantId, string Matiere, string? Classe, string ListeClasses)
    {
        public string[] Classes { get; } = ListeClasses.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    private const string ServicesSql = """
        SELECT s.id, s.enseignant_id, s.matiere_code AS matiere, c.code AS classe,
               CASE WHEN c.id IS NOT NULL THEN c.code ELSE (SELECT string_agg(DISTINCT cl.code, ',' ORDER BY cl.code) FROM scolarite.inscription_groupe ig
                                             JOIN scolarite.inscription_classe ic ON ic.eleve_id = ig.eleve_id
                                             JOIN scolarite.classe cl ON cl.id = ic.classe_id AND cl.annee_scolaire = @annee
                                             WHERE ig.groupe_id = g.id) END AS liste_classes
        FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id
        LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE coalesce(c.etablissement_id, g.etablissement_id) = @etablissementId AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
        ORDER BY s.groupe_id IS NULL, coalesce(c.code, g.code), s.matiere_code, s.id
        """;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct) is not { } etablissement)
        {
            return;
        }

        var annee = AnneeScolaire.Courante(clock);
        var (du, au) = AnneeScolaire.Bornes(annee);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM scolarite.creneau WHERE etablissement_id = @id AND valide_au >= @du AND valide_du <= @au)",
                new { id = etablissement.Id, du, au }, cancellationToken: ct)))
        {
            return;
        }

        var services = (await conn.QueryAsync<Service>(new CommandDefinition(ServicesSql,
            new { etablissementId = etablissement.Id, annee }, cancellationToken: ct))).AsList();
        var places = Placer(services);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.creneau (id, etablissement_id, service_id, jour, debut, fin, salle, semaine, valide_du, valide_au)
            VALUES (@Id, @EtablissementId, @ServiceId, @Jour, @Debut, @Fin, @Salle, @Semaine, @du, @au)
            """, places.Select(p => new
        {
            Id = Guid.CreateVersion7(), EtablissementId = etablissement.Id, ServiceId = p.Service.Id,
            p.Jour, Debut = new TimeOnly(p.Heure, 0), Fin = new TimeOnly(p.Heure, 55), Salle = Salle(p.Service), p.Semaine, du, au,
        }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private static string Salle(Service s) => s.Matiere == "EPS" ? "Gymnase" : s.Classe switch
    {
        null => "Salle 110",
        var c => $"Salle {101 + c.Sum(ch => ch) % 9}",
    };

    private sealed record Place(Service Service, short Jour, int Heure, string? Semaine);

    /// <summary>
    /// Greedy placement spread over the week, groups first (they hold several classes): a slot is free when neither the
    /// teacher nor any class the service occupies is busy then (an A or B slot holds its hour both weeks: simpler, and the
    /// week stays readable); one lesson of a service per day where possible.
    /// </summary>
    private static List<Place> Placer(List<Service> services)
    {
        var pris = new HashSet<(string Qui, short Jour, int Heure)>();
        var places = new List<Place>();
        for (var i = 0; i < services.Count; i++)
        {
            var service = services[i];
            var qui = service.Classes.Append(service.EnseignantId.ToString()).ToArray();
            var jours = new HashSet<short>();
            foreach (var semaine in Semaines(service.Matiere))
            {
                // Two passes: first a day without a lesson of the service, then any free hour.
                var place = Chercher(i, qui, pris, j => !jours.Contains(j)) ?? Chercher(i, qui, pris, _ => true);
                if (place is not var (jour, heure))
                {
                    break;
                }

                foreach (var q in qui)
                {
                    pris.Add((q, jour, heure));
                }

                jours.Add(jour);
                places.Add(new Place(service, jour, heure, semaine));
            }
        }

        return places;
    }

    private static (short Jour, int Heure)? Chercher(int i, string[] qui, HashSet<(string, short, int)> pris, Func<short, bool> jourPossible)
    {
        for (var essai = 0; essai < 5 * Heures.Length; essai++)
        {
            var jour = (short)(1 + (i + essai) % 5);
            var heure = Heures[(i * 3 + essai / 5) % Heures.Length];
            if (jourPossible(jour) && !qui.Any(q => pris.Contains((q, jour, heure))))
            {
                return (jour, heure);
            }
        }

        return null;
    }
}
