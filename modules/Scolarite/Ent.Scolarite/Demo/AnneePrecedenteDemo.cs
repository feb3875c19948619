using Dapper;
using Ent.Kernel.Demo;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Ent.Scolarite.Demo;

/// <summary>
/// The demo lycée's previous school year, so that the families' year selector has something to show: this year's
/// Première and Terminale pupils were here last year (in Seconde 3 and Première générale 2; this year's Seconde pupils
/// came from collège). Three trimesters, all finished, their report cards published in July; four subjects per class
/// with three assessments a trimester, the teachers' appraisals, the councils' appraisals and decisions. Absences of
/// that year are Vie scolaire's (AbsencesAnneePrecedenteDemo). Computed from the clock, whatever today is: the year
/// before the current one is always over. Written once (nothing is added once last year has a class).
/// Off with <c>Ent:DemoAnneePrecedente=false</c>: the test host turns it off, since many tests look the demo's rows up
/// by class code or period number without naming a year.
/// </summary>
internal sealed class AnneePrecedenteDemo(IConfiguration configuration, TimeProvider clock) : IDemoData
{
    public const string Reglage = "Ent:DemoAnneePrecedente";

    public int Order => 15;

    /// <summary>Last year's class of this year's classes' pupils: code, name, level, and this year's class.</summary>
    private static readonly (string Code, string Libelle, string Niveau, string ClasseCourante)[] Classes =
    [
        ("2NDE3", "Seconde 3", "seconde", "1G1"),
        ("1G2", "Première générale 2", "premiere", "TG1"),
    ];

    /// <summary>Subject code, name, coefficient, teacher (prof.NN) of each of last year's classes; the first is head teacher.</summary>
    private static readonly (string Matiere, string Libelle, decimal Coefficient, int Prof)[] Services =
    [
        ("MATHS", "Mathématiques", 2m, 2), ("FRANCAIS", "Français", 2m, 1), ("HIST_GEO", "Histoire-géographie", 1m, 4), ("ANGLAIS", "Anglais LV1", 1m, 6),
    ];

    public static bool Active(IConfiguration configuration) => configuration.GetValue(Reglage, true);

    /// <summary>The school year before the given one: 2025-2026 for 2026-2027.</summary>
    public static string Precedente(string annee)
    {
        var debut = AnneeScolaire.Bornes(annee).Debut.Year - 1;
        return $"{debut}-{debut + 1}";
    }

    public async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        if (!Active(configuration))
        {
            return;
        }

        var courante = AnneeScolaire.Courante(clock);
        var annee = Precedente(courante);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var etablissementId = await conn.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT etablissement_id FROM scolarite.classe WHERE code = '2NDE1' AND annee_scolaire = @courante", new { courante }, cancellationToken: ct));
        if (etablissementId is not { } etab || await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM scolarite.classe WHERE etablissement_id = @etab AND annee_scolaire = @annee)",
                new { etab, annee }, cancellationToken: ct)))
        {
            return;
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        var debutAnnee = AnneeScolaire.Bornes(annee).Debut.Year;
        var periodes = new[]
        {
            (Id: Guid.CreateVersion7(), Numero: (short)1, Debut: new DateOnly(debutAnnee, 9, 1), Fin: new DateOnly(debutAnnee, 11, 30)),
            (Id: Guid.CreateVersion7(), Numero: (short)2, Debut: new DateOnly(debutAnnee, 12, 1), Fin: new DateOnly(debutAnnee + 1, 3, 13)),
            (Id: Guid.CreateVersion7(), Numero: (short)3, Debut: new DateOnly(debutAnnee + 1, 3, 14), Fin: new DateOnly(debutAnnee + 1, 7, 4)),
        };
        // Each trimester's report cards went out a week after it ended.
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO scolarite.periode (id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin, bulletins_publies_le)
            VALUES (@Id, @etab, @annee, 'trimestre', @Numero, @Debut, @Fin, (@Fin + 7)::timestamp AT TIME ZONE 'UTC' + interval '17 hours')
            """, periodes.Select(p => new { p.Id, etab, annee, p.Numero, p.Debut, p.Fin }), tx, cancellationToken: ct));

        foreach (var (code, libelle, niveau, classeCourante) in Classes)
        {
            var classeId = Guid.CreateVersion7();
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau) VALUES (@classeId, @etab, @annee, @code, @libelle, @niveau)",
                new { classeId, etab, annee, code, libelle, niveau }, tx, cancellationToken: ct));
            var eleves = (await conn.QueryAsync<Guid>(new CommandDefinition("""
                INSERT INTO scolarite.inscription_classe (classe_id, eleve_id)
                SELECT @classeId, i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id
                WHERE c.etablissement_id = @etab AND c.annee_scolaire = @courante AND c.code = @classeCourante
                RETURNING eleve_id;
                """, new { classeId, etab, courante, classeCourante }, tx, cancellationToken: ct))).OrderBy(e => e).ToList();
            var services = Services.Select(s => (Id: Guid.CreateVersion7(), s.Matiere, s.Libelle, s.Coefficient, Prof: DemoIds.Of("compte", $"prof.{s.Prof:D2}"))).ToList();
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id, coefficient)
                VALUES (@Id, @Prof, @Matiere, @Libelle, @classeId, @Coefficient)
                """, services.Select(s => new { s.Id, s.Prof, s.Matiere, s.Libelle, classeId, s.Coefficient }), tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(
                "INSERT INTO scolarite.professeur_principal (classe_id, enseignant_id) VALUES (@classeId, @prof)",
                new { classeId, prof = services[0].Prof }, tx, cancellationToken: ct));

            foreach (var periode in periodes)
            {
                foreach (var (service, rang) in services.Select((s, i) => (s, i)))
                {
                    // Three assessments spread over the trimester, the second out of 10.
                    var duree = periode.Fin.DayNumber - periode.Debut.DayNumber;
                    var evaluations = Enumerable.Range(0, 3).Select(n => new
                    {
                        Id = Guid.CreateVersion7(), ServiceId = service.Id, PeriodeId = periode.Id,
                        Date = periode.Debut.AddDays((duree * ((2 * n) + 1) / 6) + rang),
                        Titre = n switch { 0 => "Interrogation écrite n° 1", 1 => "Devoir maison n° 2", _ => "Devoir surveillé n° 3" },
                        Bareme = n == 1 ? 10m : 20m, Coefficient = n == 2 ? 2m : 1m, Auteur = service.Prof,
                    }).ToList();
                    await conn.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, coefficient, cree_par)
                        VALUES (@Id, @ServiceId, @PeriodeId, @Date, @Titre, @Bareme, @Coefficient, @Auteur)
                        """, evaluations, tx, cancellationToken: ct));
                    var notes = evaluations.SelectMany((e, n) => eleves.Select(eleve =>
                        NotesDemo.Note(e.Id, eleve, e.Bareme, service.Matiere, service.Prof, marqueurs: n > 0))).ToList();
                    await conn.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO scolarite.note (evaluation_id, eleve_id, valeur, marqueur, saisie_par, saisie_le)
                        SELECT e, el, v, m, a, @saisieLe FROM unnest(@evaluations, @eleves, @valeurs, @marqueurs, @auteurs) AS t(e, el, v, m, a)
                        """, new
                    {
                        evaluations = notes.Select(n => n.EvaluationId).ToArray(),
                        eleves = notes.Select(n => n.EleveId).ToArray(),
                        valeurs = notes.Select(n => n.Valeur).ToArray(),
                        marqueurs = notes.Select(n => n.Marqueur).ToArray(),
                        auteurs = notes.Select(n => n.Auteur).ToArray(),
                        saisieLe = periode.Fin.ToDateTime(new TimeOnly(17, 0), DateTimeKind.Utc),
                    }, tx, cancellationToken: ct));
                    await conn.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO scolarite.appreciation (service_id, periode_id, eleve_id, texte, auteur_id) VALUES (@ServiceId, @PeriodeId, @EleveId, @Texte, @Auteur)
                        """, eleves.Select(eleve => new
                    {
                        ServiceId = service.Id, PeriodeId = periode.Id, EleveId = eleve,
                        Texte = NotesDemo.Appreciation(NotesDemo.Niveau(eleve, service.Matiere)), Auteur = service.Prof,
                    }), tx, cancellationToken: ct));
                }

                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO scolarite.conseil_classe (classe_id, periode_id, eleve_id, appreciation_generale, decision, modifie_par)
                    SELECT @classeId, @periode, e,
                           CASE abs(hashtext(e::text || @numero)) % 2 WHEN 0 THEN 'Un trimestre sérieux : continuez ainsi.'
                                ELSE 'Des résultats encourageants ; le travail personnel doit être plus régulier.' END,
                           CASE abs(hashtext(e::text || @numero)) % 5 WHEN 0 THEN 'felicitations' WHEN 1 THEN 'encouragements' END,
                           @prof
                    FROM unnest(@eleves) AS e
                    """, new
                {
                    classeId, periode = periode.Id, numero = periode.Numero.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    eleves = eleves.ToArray(), prof = services[0].Prof,
                }, tx, cancellationToken: ct));
            }
        }

        await tx.CommitAsync(ct);
    }
}
