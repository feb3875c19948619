using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Scolarite.Contracts;
using Ent.VieScolaire.Appels;
using Npgsql;

namespace Ent.VieScolaire.Demo;

/// <summary>
/// The demo lycée's absences of this school year, on lessons of Scolarité's demo timetable (read through
/// <see cref="IEmploiDuTemps"/>: Scolarité's demo runs first): a few for <c>eleve.001</c> (one justified, one late, one to
/// justify), and a pupil over the persistent-absence threshold this month (each when enough school days have passed since
/// 1 September). No notification is sent for demo absences. Deterministic, and idempotent (nothing is added once the
/// établissement has demo absences of this year).
/// </summary>
internal sealed class VieScolaireDemo(IAnnuaire annuaire, IServicesEnseignement services, IEmploiDuTemps edt, Horaires horaires) : IDemoData
{
    public int Order => 12;

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (await annuaire.TrouverEtablissementAsync(DemoLycee.Uai, ct) is not { } etablissement)
        {
            return;
        }

        var rentree = Horaires.DebutAnnee(horaires.Aujourdhui);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM viescolaire.absence WHERE etablissement_id = @id AND saisie_par = @cpe AND jour >= @rentree)",
                new { id = etablissement.Id, cpe = DemoIds.Of("compte", "cpe"), rentree }, cancellationToken: ct)))
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

        var eleves = new Dictionary<Guid, IReadOnlyList<Guid>>();
        foreach (var service in liste)
        {
            eleves[service.Id] = await services.ElevesAsync(service.Id, ct);
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await SeedAbsencesAsync(conn, tx, etablissement.Id, liste, eleves, ct);
        await tx.CommitAsync(ct);
    }

    private const string AbsenceSql = """
        INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, minutes_retard, cours, statut, motif_code,
                                         saisie_par, saisie_le)
        VALUES (@Id, @EtablissementId, @EleveId, @Type, @Debut, @Fin, @Jour, @DemiJournee, @Minutes, @Cours, @Statut, @Motif, @Par, @Debut);
        INSERT INTO viescolaire.absence_historique (absence_id, statut, detail, par, le) VALUES (@Id, @Statut, 'Démonstration', @Par, @Debut);
        """;

    private async Task SeedAbsencesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid etablissementId, List<ServiceInfo> liste,
        Dictionary<Guid, IReadOnlyList<Guid>> eleves, CancellationToken ct)
    {
        var cpe = DemoIds.Of("compte", "cpe");
        var aujourdhui = horaires.Aujourdhui;
        var lignes = new List<object>();

        // The lessons of a pupil before today and within this school year (from 1 September), latest first, as the
        // timetable has them (cancelled ones left out): early in September there are few or none, and the demo has fewer absences.
        var rentree = Horaires.DebutAnnee(aujourdhui);
        async Task<List<(DateTimeOffset Debut, string Cours)>> CoursPassesAsync(Guid eleveId, int jours)
        {
            var siens = liste.Where(s => eleves[s.Id].Contains(eleveId)).ToDictionary(s => s.Id);
            var depuis = aujourdhui.AddDays(-jours) < rentree ? rentree : aujourdhui.AddDays(-jours);
            var hier = aujourdhui.AddDays(-1);
            if (hier < depuis)
            {
                return [];
            }

            var cours = await edt.DesServicesAsync(siens.Keys, depuis, hier, ct);
            return [.. cours.Where(c => c.Statut != StatutCours.Annule).OrderByDescending(c => horaires.Jour(c.Debut)).ThenBy(c => c.Debut)
                .Select(c => (c.Debut, FeuillesAppel.Cours(siens[c.ServiceId])))];
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
        var passes001 = await CoursPassesAsync(eleve001, 21);
        if (passes001.Count >= 8)
        {
            Ajouter(eleve001, passes001[^1], "absence", "justifiee", "maladie");
            Ajouter(eleve001, passes001[4], "retard", "non_justifiee", null, 10);
            Ajouter(eleve001, passes001[1], "absence", "non_justifiee", null);
        }

        // eleve.010: four unjustified half-days this month, over the threshold.
        var eleve010 = DemoIds.Of("compte", "eleve.010");
        var debutMois = new DateOnly(aujourdhui.Year, aujourdhui.Month, 1);
        var demiJournees = (await CoursPassesAsync(eleve010, 31)).Where(c => horaires.Jour(c.Debut) >= debutMois)
            .GroupBy(c => (horaires.Jour(c.Debut), horaires.DemiJourneeDe(c.Debut))).Take(4).Select(g => g.First());
        foreach (var cours in demiJournees)
        {
            Ajouter(eleve010, cours, "absence", "non_justifiee", null);
        }

        await conn.ExecuteAsync(new CommandDefinition(AbsenceSql, lignes, tx, cancellationToken: ct));
    }
}
