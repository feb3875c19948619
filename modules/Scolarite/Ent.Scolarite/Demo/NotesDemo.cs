using Dapper;
using Ent.Identite.Contracts;
using Ent.Kernel.Demo;
using Ent.Kernel.Evenements;
using Ent.Scolarite.Contracts;
using Npgsql;

namespace Ent.Scolarite.Demo;

/// <summary>
/// The demo lycée's grading year: three trimesters, its subjects, and a first trimester lived through — four or five
/// assessments per teaching service (one a bonus, one out of 10 or 40), every pupil's results with a few markers,
/// the teachers' appraisals, the head teachers' general appraisals and the councils' decisions, report cards published.
/// The latest assessment of each service is announced to the families, as a teacher's save would.
/// Deterministic: the same marks on every machine.
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

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var annee = AnneeScolaire.Courante(clock);
        var debutAnnee = int.Parse(annee[..4], System.Globalization.CultureInfo.InvariantCulture);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var etablissementId = await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT etablissement_id FROM scolarite.classe WHERE code = '2NDE1' AND annee_scolaire = @annee", new { annee }, cancellationToken: ct));
        if (etablissementId is not { } etab || await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM scolarite.periode WHERE etablissement_id = @etab AND annee_scolaire = @annee)",
                new { etab, annee }, cancellationToken: ct)))
        {
            return;
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        var trimestres = new[]
        {
            (Id: Guid.CreateVersion7(), Numero: 1, Debut: new DateOnly(debutAnnee, 9, 1), Fin: new DateOnly(debutAnnee, 11, 30)),
            (Id: Guid.CreateVersion7(), Numero: 2, Debut: new DateOnly(debutAnnee, 12, 1), Fin: new DateOnly(debutAnnee + 1, 3, 13)),
            (Id: Guid.CreateVersion7(), Numero: 3, Debut: new DateOnly(debutAnnee + 1, 3, 14), Fin: new DateOnly(debutAnnee + 1, 7, 4)),
        };
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.periode (id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin, bulletins_publies_le)
            VALUES (@Id, @etab, @annee, 'trimestre', @Numero, @Debut, @Fin, CASE WHEN @Numero = 1 THEN now() END)
            """, trimestres.Select(t => new { t.Id, etab, annee, t.Numero, t.Debut, t.Fin }), tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.matiere (etablissement_id, code, libelle, code_national, rang) VALUES (@etab, @Code, @Libelle, @CodeNational, @Rang)
            ON CONFLICT (etablissement_id, code) DO UPDATE SET code_national = excluded.code_national, rang = excluded.rang
            """, Matieres.Select(m => new { etab, m.Code, m.Libelle, m.CodeNational, m.Rang }), tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "INSERT INTO scolarite.parametres_notation (etablissement_id, non_rendu) VALUES (@etab, 'zero') ON CONFLICT DO NOTHING",
            new { etab }, tx, cancellationToken: ct));

        var services = (await conn.QueryAsync<(Guid Id, Guid EnseignantId, string MatiereCode, string MatiereLibelle, Guid? ClasseId, Guid? GroupeId)>(
            new CommandDefinition("""
                SELECT s.id, s.enseignant_id, s.matiere_code, s.matiere_libelle, s.classe_id, s.groupe_id
                FROM scolarite.service_enseignement s
                LEFT JOIN scolarite.classe c ON c.id = s.classe_id LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
                WHERE coalesce(c.etablissement_id, g.etablissement_id) = @etab AND coalesce(c.annee_scolaire, g.annee_scolaire) = @annee
                ORDER BY s.matiere_code, coalesce(c.code, g.code)
                """, new { etab, annee }, tx, cancellationToken: ct))).AsList();

        var t1 = trimestres[0];
        foreach (var (service, rangService) in services.Select((s, i) => (s, i)))
        {
            var eleves = (await conn.QueryAsync<Guid>(new CommandDefinition("""
                SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @ClasseId
                UNION SELECT eleve_id FROM scolarite.inscription_groupe WHERE groupe_id = @GroupeId
                ORDER BY 1
                """, new { service.ClasseId, service.GroupeId }, tx, cancellationToken: ct))).AsList();
            var nombre = 4 + (rangService % 2);
            var evaluations = Enumerable.Range(0, nombre).Select(n => new
            {
                Id = Guid.CreateVersion7(),
                ServiceId = service.Id,
                PeriodeId = t1.Id,
                Date = t1.Debut.AddDays(14 + (n * 70 / nombre) + (rangService % 5)),
                Titre = n == nombre - 1 && rangService % 3 == 0 ? Titres[5] : $"{Titres[(n + rangService) % 5]} n° {n + 1}",
                Bareme = n == 1 ? 10m : n == 2 && rangService % 2 == 0 ? 40m : 20m,
                Coefficient = n == 2 ? 2m : 1m,
                Mode = n == nombre - 1 && rangService % 3 == 0 ? "bonus" : "normale",
                Auteur = service.EnseignantId,
            }).ToList();
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, coefficient, mode, cree_par)
                VALUES (@Id, @ServiceId, @PeriodeId, @Date, @Titre, @Bareme, @Coefficient, @Mode, @Auteur)
                """, evaluations, tx, cancellationToken: ct));

            var notes = evaluations.SelectMany(e => eleves.Select(eleve => Note(e.Id, eleve, e.Bareme, service.MatiereCode, service.EnseignantId))).ToList();
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

            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO scolarite.appreciation (service_id, periode_id, eleve_id, texte, auteur_id)
                VALUES (@ServiceId, @PeriodeId, @EleveId, @Texte, @Auteur)
                """, eleves.Select(eleve => new
            {
                ServiceId = service.Id, PeriodeId = t1.Id, EleveId = eleve, Texte = Appreciation(Niveau(eleve, service.MatiereCode)),
                Auteur = service.EnseignantId,
            }), tx, cancellationToken: ct));

            var derniere = evaluations[^1];
            await evenements.PublierAsync(new NotesPubliees(derniere.Id, etab, service.MatiereLibelle, derniere.Titre, clock.GetUtcNow(), eleves),
                conn, tx, ct);
        }

        // The councils: each head teacher's general appraisal, and a decision for the pupils who earned one.
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.conseil_classe (classe_id, periode_id, eleve_id, appreciation_generale, decision, modifie_par)
            SELECT i.classe_id, @periode, i.eleve_id,
                   CASE WHEN abs(hashtext(i.eleve_id::text)) % 3 = 0 THEN 'Un trimestre sérieux : continuez ainsi.'
                        WHEN abs(hashtext(i.eleve_id::text)) % 3 = 1 THEN 'Des résultats encourageants ; la participation orale reste à développer.'
                        ELSE 'Trimestre correct, mais le travail personnel doit être plus régulier.' END,
                   CASE abs(hashtext(i.eleve_id::text)) % 7 WHEN 0 THEN 'felicitations' WHEN 1 THEN 'compliments' WHEN 2 THEN 'encouragements' END,
                   pp.enseignant_id
            FROM scolarite.inscription_classe i
            JOIN scolarite.classe c ON c.id = i.classe_id
            JOIN LATERAL (SELECT enseignant_id FROM scolarite.professeur_principal WHERE classe_id = c.id LIMIT 1) pp ON true
            WHERE c.etablissement_id = @etab AND c.annee_scolaire = @annee
            """, new { periode = t1.Id, etab, annee }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>A pupil's level in a subject, 0..1, stable across runs.</summary>
    private static double Niveau(Guid eleve, string matiere) => Hash($"{eleve}:{matiere}") % 1000 / 1000.0;

    private static int Hash(string texte) => (int)(BitConverter.ToUInt32(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(texte)), 0) & 0x7FFFFFFF);

    private static (Guid EvaluationId, Guid EleveId, decimal? Valeur, string? Marqueur, Guid Auteur) Note(
        Guid evaluation, Guid eleve, decimal bareme, string matiere, Guid auteur)
    {
        var tirage = Hash($"{evaluation}:{eleve}");
        switch (tirage % 50)
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

    private static string Appreciation(double niveau) => niveau switch
    {
        >= 0.8 => "Excellent trimestre : un travail rigoureux et une participation remarquable.",
        >= 0.6 => "Bon trimestre, des connaissances solides. Continuez ainsi.",
        >= 0.4 => "Ensemble satisfaisant ; il faut approfondir les leçons pour progresser.",
        >= 0.2 => "Des difficultés ; un travail plus régulier est nécessaire.",
        _ => "Trimestre insuffisant : il faut se mettre au travail et demander de l'aide.",
    };
}
