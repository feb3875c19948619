using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Kernel.Evenements;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.Demo;

/// <summary>
/// The demo lycée's grading year, lived through up to today whatever the date: three trimesters and its subjects; every
/// period begun by today has its assessments (four or five per teaching service over a whole period, fewer in the
/// current one, the first on its first day, so that a family always has grades of the current period to read; one a
/// bonus, one out of 10 or 40), every pupil's results with a few markers and the teachers' appraisals; every finished
/// period has its head teachers' general appraisals and councils' decisions, and its report cards published.
/// The latest assessment of each service of the current period is announced to the families, as a teacher's save would.
/// Deterministic (the same marks on every machine for the same day) and run at every start: a demo database made on an
/// earlier day catches up with the periods begun and finished since, without touching what is already there.
/// </summary>
internal sealed class NotesDemo(IEvenements evenements, TimeProvider clock) : IDemoData
{
    public int Order => 11;

    private static readonly (string Code, string Libelle, string? CodeNational, short Rang)[] Matieres =
    [
        ("FRANCAIS", "Français", null, 10), ("PHILO", "Philosophie", null, 15), ("MATHS", "Mathématiques", null, 20),
        ("HIST_GEO", "Histoire-géographie", null, 30), ("ANGLAIS", "Anglais LV1", null, 40), ("ESPAGNOL", "Espagnol LV2", null, 45),
        ("PHYS_CHIM", "Physique-chimie", null, 50), ("SVT", "Sciences de la vie et de la Terre", null, 60),
        ("SES", "Sciences économiques et sociales", null, 70), ("EPS", "Éducation physique et sportive", null, 80),
    ];

    private static readonly string[] Titres =
        ["Interrogation écrite", "Devoir maison", "Contrôle de connaissances", "Exposé", "Devoir surveillé", "Bonus : défi de la semaine"];

    private sealed record PeriodeDemo(Guid Id, short Numero, DateOnly Debut, DateOnly Fin);

    private sealed record ServiceDemo(Guid Id, Guid EnseignantId, string MatiereCode, string MatiereLibelle, Guid? ClasseId, Guid? GroupeId);

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var annee = AnneeScolaire.Courante(clock);
        var aujourdhui = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var etablissementId = await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT etablissement_id FROM scolarite.classe WHERE code = '2NDE1' AND annee_scolaire = @annee", new { annee }, cancellationToken: ct));
        if (etablissementId is not { } etab)
        {
            return;
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        await SeedStructureAsync(conn, tx, etab, annee, ct);
        var periodes = (await conn.QueryAsync<PeriodeDemo>(new CommandDefinition("""
            SELECT id, numero, debut, fin FROM scolarite.periode WHERE etablissement_id = @etab AND annee_scolaire = @annee ORDER BY numero
            """, new { etab, annee }, tx, cancellationToken: ct))).AsList();
        var services = (await conn.QueryAsync<ServiceDemo>(new CommandDefinition("""
            SELECT s.id, s.enseignant_id, s.matiere_code, s.matiere_libelle, s.classe_id, s.groupe_id
            FROM scolarite.service_enseignement s
            LEFT JOIN scolarite.classe c ON c.id = s.classe_id LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
            WHERE coalesce(c.etablissement_id, g.etablissement_id) = @etab AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
            ORDER BY s.matiere_code, coalesce(c.code, g.code)
            """, new { etab, annee }, tx, cancellationToken: ct))).AsList();
        var eleves = new Dictionary<Guid, List<Guid>>();
        foreach (var service in services)
        {
            eleves[service.Id] = (await conn.QueryAsync<Guid>(new CommandDefinition("""
                SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @ClasseId
                UNION SELECT eleve_id FROM scolarite.inscription_groupe WHERE groupe_id = @GroupeId
                ORDER BY 1
                """, new { service.ClasseId, service.GroupeId }, tx, cancellationToken: ct))).AsList();
        }

        // The periods begun by today: the current one is the last of them; the finished ones are before it.
        var commencees = periodes.Where(p => p.Debut <= aujourdhui).ToList();
        foreach (var periode in commencees)
        {
            var finie = periode.Fin < aujourdhui;
            var annoncer = periode == commencees[^1];
            if (!await ExisteAsync(conn, tx, "scolarite.evaluation", periode.Id, ct))
            {
                await SeedEvaluationsAsync(conn, tx, etab, periode, Min(periode.Fin, aujourdhui), services, eleves, annoncer, ct);
            }

            if (!await ExisteAsync(conn, tx, "scolarite.appreciation", periode.Id, ct))
            {
                await SeedAppreciationsAsync(conn, tx, periode, services, eleves, ct);
            }

            if (finie && !await ExisteAsync(conn, tx, "scolarite.conseil_classe", periode.Id, ct))
            {
                await SeedConseilsEtPublicationAsync(conn, tx, etab, annee, periode, ct);
            }
        }

        await tx.CommitAsync(ct);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>Whether a period already has rows of a table: what a step checks before it seeds (the table is a constant).</summary>
    private static Task<bool> ExisteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string table, Guid periodeId, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {table} WHERE periode_id = @periodeId)", new { periodeId }, tx, cancellationToken: ct));

    /// <summary>Three trimesters, the subjects and the grading settings, once.</summary>
    private static async Task SeedStructureAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid etab, string annee, CancellationToken ct)
    {
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM scolarite.periode WHERE etablissement_id = @etab AND annee_scolaire = @annee)",
                new { etab, annee }, tx, cancellationToken: ct)))
        {
            return;
        }

        var debutAnnee = AnneeScolaire.Bornes(annee).Debut.Year;
        var trimestres = new[]
        {
            (Numero: 1, Debut: new DateOnly(debutAnnee, 9, 1), Fin: new DateOnly(debutAnnee, 11, 30)),
            (Numero: 2, Debut: new DateOnly(debutAnnee, 12, 1), Fin: new DateOnly(debutAnnee + 1, 3, 13)),
            (Numero: 3, Debut: new DateOnly(debutAnnee + 1, 3, 14), Fin: new DateOnly(debutAnnee + 1, 7, 4)),
        };
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.periode (id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin)
            VALUES (@Id, @etab, @annee, 'trimestre', @Numero, @Debut, @Fin)
            """, trimestres.Select(t => new { Id = Guid.CreateVersion7(), etab, annee, t.Numero, t.Debut, t.Fin }), tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.matiere (etablissement_id, code, libelle, code_national, rang) VALUES (@etab, @Code, @Libelle, @CodeNational, @Rang)
            ON CONFLICT (etablissement_id, code) DO UPDATE SET code_national = excluded.code_national, rang = excluded.rang
            """, Matieres.Select(m => new { etab, m.Code, m.Libelle, m.CodeNational, m.Rang }), tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO scolarite.parametres_notation (etablissement_id, non_rendu) VALUES (@etab, 'zero') ON CONFLICT DO NOTHING",
            new { etab }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// A period's assessments, dated from its first day to <paramref name="jusquAu"/>: four or five per service over a
    /// whole period, in proportion to the days elapsed in the current one, at least one (on its first day if need be).
    /// </summary>
    private async Task SeedEvaluationsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid etab, PeriodeDemo periode, DateOnly jusquAu,
        List<ServiceDemo> services, Dictionary<Guid, List<Guid>> eleves, bool annoncer, CancellationToken ct)
    {
        var duree = periode.Fin.DayNumber - periode.Debut.DayNumber;
        var ecoules = jusquAu.DayNumber - periode.Debut.DayNumber;
        foreach (var (service, rangService) in services.Select((s, i) => (s, i)))
        {
            var complet = 4 + (rangService % 2);
            var nombre = Math.Clamp((int)Math.Ceiling(complet * (ecoules + 1) / (double)(duree + 1)), 1, complet);
            var evaluations = Enumerable.Range(0, nombre).Select(n => new
            {
                Id = Guid.CreateVersion7(),
                ServiceId = service.Id,
                PeriodeId = periode.Id,
                // Spread over the days elapsed, a service's own few days later than its neighbour's; never after jusquAu.
                Date = periode.Debut.AddDays(Math.Min(ecoules, (ecoules * ((2 * n) + 1) / (2 * nombre)) + (rangService % 5))),
                Titre = n == complet - 1 && rangService % 3 == 0 ? Titres[5] : $"{Titres[(n + rangService) % 5]} n° {n + 1}",
                Bareme = n == 1 ? 10m : n == 2 && rangService % 2 == 0 ? 40m : 20m,
                Coefficient = n == 2 ? 2m : 1m,
                Mode = n == complet - 1 && rangService % 3 == 0 ? "bonus" : "normale",
                Auteur = service.EnseignantId,
            }).ToList();
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, coefficient, mode, cree_par)
                VALUES (@Id, @ServiceId, @PeriodeId, @Date, @Titre, @Bareme, @Coefficient, @Mode, @Auteur)
                """, evaluations, tx, cancellationToken: ct));

            // The period's first assessment has a mark for everyone (no Absent, Dispensé…): early in a period it may be the
            // only one, and a family would otherwise read « Pas de moyenne » for the subject.
            var notes = evaluations.SelectMany((e, n) => eleves[service.Id].Select(eleve =>
                Note(e.Id, eleve, e.Bareme, service.MatiereCode, service.EnseignantId, marqueurs: n > 0))).ToList();
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO scolarite.note (evaluation_id, eleve_id, valeur, marqueur, saisie_par)
                SELECT * FROM unnest(@evaluations, @eleves, @valeurs, @marqueurs, @auteurs)
                """, new
            {
                evaluations = notes.Select(n => n.EvaluationId).ToArray(),
                eleves = notes.Select(n => n.EleveId).ToArray(),
                valeurs = notes.Select(n => n.Valeur).ToArray(),
                marqueurs = notes.Select(n => n.Marqueur).ToArray(),
                auteurs = notes.Select(n => n.Auteur).ToArray(),
            }, tx, cancellationToken: ct));

            if (annoncer)
            {
                var derniere = evaluations[^1];
                await evenements.PublierAsync(new NotesPubliees(derniere.Id, etab, periode.Id, service.MatiereCode, service.MatiereLibelle, derniere.Titre, clock.GetUtcNow(),
                    eleves[service.Id]), conn, tx, ct);
            }
        }
    }

    /// <summary>Each teacher's appraisal of each pupil: written during the period, read by families once its report cards are out.</summary>
    private static async Task SeedAppreciationsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, PeriodeDemo periode, List<ServiceDemo> services,
        Dictionary<Guid, List<Guid>> eleves, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.appreciation (service_id, periode_id, eleve_id, texte, auteur_id)
            VALUES (@ServiceId, @PeriodeId, @EleveId, @Texte, @Auteur)
            """, services.SelectMany(service => eleves[service.Id].Select(eleve => new
        {
            ServiceId = service.Id, PeriodeId = periode.Id, EleveId = eleve, Texte = Appreciation(Niveau(eleve, service.MatiereCode)),
            Auteur = service.EnseignantId,
        })), tx, cancellationToken: ct));

    /// <summary>A finished period's councils — each head teacher's general appraisal and the decisions earned — and its report cards published.</summary>
    private static async Task SeedConseilsEtPublicationAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid etab, string annee, PeriodeDemo periode,
        CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.conseil_classe (classe_id, periode_id, eleve_id, appreciation_generale, decision, modifie_par)
            SELECT i.classe_id, @periode, i.eleve_id,
                   CASE WHEN abs(hashtext(i.eleve_id::text || @numero)) % 3 = 0 THEN 'Un trimestre sérieux : continuez ainsi.'
                        WHEN abs(hashtext(i.eleve_id::text || @numero)) % 3 = 1 THEN 'Des résultats encourageants ; la participation orale reste à développer.'
                        ELSE 'Trimestre correct, mais le travail personnel doit être plus régulier.' END,
                   CASE abs(hashtext(i.eleve_id::text || @numero)) % 7 WHEN 0 THEN 'felicitations' WHEN 1 THEN 'compliments' WHEN 2 THEN 'encouragements' END,
                   pp.enseignant_id
            FROM scolarite.inscription_classe i
            JOIN scolarite.classe c ON c.id = i.classe_id
            JOIN LATERAL (SELECT enseignant_id FROM scolarite.professeur_principal WHERE classe_id = c.id LIMIT 1) pp ON true
            WHERE c.etablissement_id = @etab AND c.annee_scolaire = @annee;
            UPDATE scolarite.periode SET bulletins_publies_le = now() WHERE id = @periode AND bulletins_publies_le IS NULL;
            """, new { periode = periode.Id, numero = periode.Numero.ToString(System.Globalization.CultureInfo.InvariantCulture), etab, annee },
            tx, cancellationToken: ct));
    }

    /// <summary>A pupil's level in a subject, 0..1, stable across runs.</summary>
    internal static double Niveau(Guid eleve, string matiere) => Hash($"{eleve}:{matiere}") % 1000 / 1000.0;

    private static int Hash(string texte) => (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(texte)), 0) & 0x7FFFFFFF);

    internal static (Guid EvaluationId, Guid EleveId, decimal? Valeur, string? Marqueur, Guid Auteur) Note(
        Guid evaluation, Guid eleve, decimal bareme, string matiere, Guid auteur, bool marqueurs)
    {
        var tirage = Hash($"{evaluation}:{eleve}");
        switch (marqueurs ? tirage % 50 : -1)
        {
            case 0:
                return (evaluation, eleve, null, "absent", auteur);
            case 1 when matiere == "EPS":
                return (evaluation, eleve, null, "dispense", auteur);
            case 2:
                return (evaluation, eleve, null, "non_rendu", auteur);
        }

        // Around 7 to 17 /20 by level, ±3 of the day; on the assessment's scale, in half points.
        var surVingt = Math.Clamp(6 + (11 * Niveau(eleve, matiere)) + ((tirage % 600 / 100.0) - 3), 1, 20);
        var valeur = Math.Round((decimal)surVingt * bareme / 20m * 2, MidpointRounding.AwayFromZero) / 2;
        return (evaluation, eleve, Math.Min(valeur, bareme), null, auteur);
    }

    internal static string Appreciation(double niveau) => niveau switch
    {
        >= 0.8 => "Excellent trimestre : un travail rigoureux et une participation remarquable.",
        >= 0.6 => "Bon trimestre, des connaissances solides. Continuez ainsi.",
        >= 0.4 => "Ensemble satisfaisant ; il faut approfondir les leçons pour progresser.",
        >= 0.2 => "Des difficultés ; un travail plus régulier est nécessaire.",
        _ => "Trimestre insuffisant : il faut se mettre au travail et demander de l'aide.",
    };
}
