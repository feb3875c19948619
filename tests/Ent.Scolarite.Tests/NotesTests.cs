using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Ent.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests;

/// <summary>
/// From the teacher's entry to the family's screen, over HTTP with real tokens: prof.01 teaches French in 2NDE1. The
/// demo's grading year lives up to today, so which periods hold its assessments depends on the day: these tests add
/// their own assessments in the second trimester after clearing the demo's from it and from the third
/// (<see cref="DebutT2SansNotesDemoAsync"/>), so that averages can be checked by hand on any day of the year, and set the
/// publication of the report cards they read themselves.
/// </summary>
public sealed class NotesTests(EntApp app) : IClassFixture<EntApp>
{
    private NpgsqlDataSource Db => app.Services.GetRequiredService<NpgsqlDataSource>();

    private async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    private Task<Guid> PersonneAsync(string identifiant) =>
        ScalarAsync<Guid>("SELECT personne_id FROM identite.compte WHERE identifiant = @identifiant", new { identifiant });

    private Task<Guid> ServiceAsync(string prof, string classe, string matiere) => ScalarAsync<Guid>("""
        SELECT s.id FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
        JOIN identite.compte k ON k.personne_id = s.enseignant_id
        WHERE k.identifiant = @prof AND c.code = @classe AND s.matiere_code = @matiere
        """, new { prof, classe, matiere });

    private Task<Guid> PeriodeAsync(int numero) =>
        ScalarAsync<Guid>("SELECT id FROM scolarite.periode WHERE numero = @numero", new { numero });

    private const string Periodes = "/api/scolarite/etablissements/0750000A/periodes";

    /// <summary>A pupil's class and the login of its (first) head teacher.</summary>
    private async Task<(Guid ClasseId, string Principal)> ClasseEtProfesseurPrincipalAsync(Guid eleve)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(Guid, string)>("""
            SELECT i.classe_id, k.identifiant FROM scolarite.inscription_classe i
            JOIN scolarite.professeur_principal pp ON pp.classe_id = i.classe_id JOIN identite.compte k ON k.personne_id = pp.enseignant_id
            WHERE i.eleve_id = @eleve ORDER BY k.identifiant LIMIT 1
            """, new { eleve });
    }

    private Task<DateOnly> DebutAsync(int numero) =>
        ScalarAsync<DateOnly>("SELECT debut FROM scolarite.periode WHERE numero = @numero", new { numero });

    /// <summary>The second trimester's first day, once the demo's assessments of the second and third trimesters are gone.</summary>
    private async Task<DateOnly> DebutT2SansNotesDemoAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync("DELETE FROM scolarite.evaluation WHERE periode_id IN (SELECT id FROM scolarite.periode WHERE numero >= 2)");
        return await DebutAsync(2);
    }

    /// <summary>A guardian (legal) of a pupil, by login.</summary>
    private Task<string> ResponsableAsync(Guid eleveId) => ScalarAsync<string>("""
        SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
        WHERE l.eleve_id = @eleveId AND l.legal ORDER BY k.identifiant LIMIT 1
        """, new { eleveId });

    private static async Task<(Guid Id, JsonNode Grille)> NouvelleEvaluationAsync(HttpClient prof, Guid serviceId, object donnees)
    {
        var creee = await prof.PostAsJsonAsync($"/api/scolarite/services/{serviceId}/evaluations", donnees);
        Assert.Equal(HttpStatusCode.Created, creee.StatusCode);
        var id = Guid.Parse((string)(await creee.ReadJsonAsync())["id"]!);
        var grille = await (await prof.GetAsync($"/api/scolarite/evaluations/{id}/notes")).ReadJsonAsync();
        return (id, grille);
    }

    private static Guid[] Eleves(JsonNode grille) => grille["eleves"]!.AsArray().Select(e => Guid.Parse((string)e!["eleveId"]!)).ToArray();

    [Fact]
    public async Task A_teacher_enters_a_whole_class_and_the_family_sees_the_grade_the_class_average_and_a_notification()
    {
        var prof = app.ClientConnecte("prof.01");
        var service = await ServiceAsync("prof.01", "2NDE1", "FRANCAIS");
        var (id, grille) = await NouvelleEvaluationAsync(prof, service, new { date = await DebutT2SansNotesDemoAsync(), titre = "Dissertation", bareme = 20, coefficient = 2 });
        var eleves = Eleves(grille);
        Assert.True(eleves.Length >= 30, $"{eleves.Length} pupils");

        // 30+ lines: marks 5 … 19,5 by half points, one Absent, one Non rendu (counted as 0 in the demo's settings).
        var lignes = eleves.Select((e, i) => i switch
        {
            0 => new { eleveId = e, valeur = (decimal?)null, marqueur = (string?)"absent" },
            1 => new { eleveId = e, valeur = (decimal?)null, marqueur = (string?)"non_rendu" },
            _ => new { eleveId = e, valeur = (decimal?)(5 + (i % 30) * 0.5m), marqueur = (string?)null },
        }).ToArray();
        var enregistree = await prof.PutAsJsonAsync($"/api/scolarite/evaluations/{id}/notes", new { notes = lignes });
        Assert.Equal(HttpStatusCode.OK, enregistree.StatusCode);

        var valeurs = lignes.Where(l => l.valeur is not null).Select(l => l.valeur!.Value).Append(0m).ToList();
        var moyenneAttendue = Math.Round(valeurs.Average(), 2, MidpointRounding.AwayFromZero);
        var evaluation = (await enregistree.ReadJsonAsync())["evaluation"]!;
        Assert.Equal(eleves.Length, (int)evaluation["saisies"]!);
        Assert.Equal(moyenneAttendue, (decimal)evaluation["moyenne"]!);
        Assert.Equal(0m, (decimal)evaluation["min"]!);

        // The pupil of line 5 and a guardian: the grade, the class average, on the grades page and the home page.
        var eleve = eleves[5];
        var parent = app.ClientConnecte(await ResponsableAsync(eleve));
        var notes = await (await parent.GetAsync($"/api/scolarite/eleves/{eleve}/notes?periodeId={await PeriodeAsync(2)}")).ReadJsonAsync();
        var francais = notes["matieres"]!.AsArray().Single(m => (string)m!["serviceId"]! == service.ToString())!;
        var note = francais["notes"]!.AsArray().Single(n => (string)n!["evaluationId"]! == id.ToString())!;
        Assert.Equal(lignes[5].valeur, (decimal)note["valeur"]!);
        Assert.Equal(moyenneAttendue, (decimal)note["moyenneClasse"]!);

        var dernieres = await (await parent.GetAsync($"/api/scolarite/eleves/{eleve}/dernieres-notes")).ReadJsonAsync();
        Assert.Equal(id.ToString(), (string)dernieres[0]!["evaluationId"]!);
        Assert.Equal(moyenneAttendue, (decimal)dernieres[0]!["moyenneClasse"]!);

        var notifications = await (await parent.GetAsync("/api/communication/me/notifications")).ReadJsonAsync();
        var notification = notifications["notifications"]!.AsArray().Single(n => (string)n!["texte"]! == "« Dissertation » : la note de "
            + ScalarAsync<string>("SELECT prenom FROM identite.personne WHERE id = @eleve", new { eleve }).Result + " est disponible.")!;
        // The link opens the grade itself: its period (T2, not the current one), its subject and its assessment.
        Assert.Equal($"/notes?eleve={eleve}&periode={await PeriodeAsync(2)}&matiere=FRANCAIS&evaluation={id}", (string?)notification["lien"]);

        // The access log has the teacher's change and the guardian's read.
        Assert.Equal(2, await ScalarAsync<long>("""
            SELECT count(DISTINCT quoi) FROM identite.journal_acces WHERE eleve_id = @eleve AND quoi IN ('SaisirNotes', 'ListerNotesEleve')
            """, new { eleve }));
    }

    [Fact]
    public async Task One_bad_line_writes_nothing_and_names_each_bad_line()
    {
        var prof = app.ClientConnecte("prof.01");
        var (id, grille) = await NouvelleEvaluationAsync(prof, await ServiceAsync("prof.01", "2NDE2", "FRANCAIS"),
            new { date = await DebutAsync(2), titre = "Lecture", bareme = 10 });
        var eleves = Eleves(grille);
        var etranger = await ScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id WHERE c.code = 'TG1' LIMIT 1
            """);

        var reponse = await prof.PutAsJsonAsync($"/api/scolarite/evaluations/{id}/notes", new
        {
            notes = new object[]
            {
                new { eleveId = eleves[0], valeur = 8 },
                new { eleveId = eleves[1], valeur = 12 },
                new { eleveId = eleves[2], valeur = 7, marqueur = "absent" },
                new { eleveId = eleves[3], marqueur = "malade" },
                new { eleveId = etranger, valeur = 5 },
                new { eleveId = eleves[0], valeur = 9 },
                new { eleveId = eleves[4], valeur = 7.125 },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var erreurs = (await reponse.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["notes[1].valeur", "notes[2]", "notes[3].marqueur", "notes[4].eleveId", "notes[5].eleveId", "notes[6].valeur"],
            erreurs.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("entre 0 et 10", (string)erreurs["notes[1].valeur"]![0]!, StringComparison.Ordinal);
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM scolarite.note WHERE evaluation_id = @id", new { id }));
    }

    [Fact]
    public async Task Corrections_clear_and_change_results_and_the_family_sees_a_published_grade_only_from_its_day()
    {
        var prof = app.ClientConnecte("prof.01");
        var debut = await DebutT2SansNotesDemoAsync();
        var (id, grille) = await NouvelleEvaluationAsync(prof, await ServiceAsync("prof.01", "1G1", "FRANCAIS"),
            new { date = debut, titre = "Oral", publication = debut.AddYears(1) });
        var eleve = Eleves(grille)[0];
        Assert.Equal(HttpStatusCode.OK, (await prof.PutAsJsonAsync($"/api/scolarite/evaluations/{id}/notes",
            new { notes = new[] { new { eleveId = eleve, valeur = 11 } } })).StatusCode);

        var parent = app.ClientConnecte(await ResponsableAsync(eleve));
        var notes = await (await parent.GetAsync($"/api/scolarite/eleves/{eleve}/notes?periodeId={await PeriodeAsync(2)}")).ReadJsonAsync();
        Assert.DoesNotContain(notes["matieres"]!.AsArray().SelectMany(m => m!["notes"]!.AsArray()), n => (string)n!["evaluationId"]! == id.ToString());
        var notifications = await (await parent.GetAsync("/api/communication/me/notifications?limite=100")).ReadJsonAsync();
        Assert.DoesNotContain(notifications["notifications"]!.AsArray(), n => ((string)n!["texte"]!).Contains("« Oral »", StringComparison.Ordinal));

        // A correction then a clearing: the teacher's grid follows.
        var corrigee = await (await prof.PutAsJsonAsync($"/api/scolarite/evaluations/{id}/notes",
            new { notes = new[] { new { eleveId = eleve, valeur = (decimal?)13.5m } } })).ReadJsonAsync();
        Assert.Equal(13.5m, (decimal)corrigee["eleves"]!.AsArray().Single(e => (string)e!["eleveId"]! == eleve.ToString())!["valeur"]!);
        var effacee = await (await prof.PutAsJsonAsync($"/api/scolarite/evaluations/{id}/notes",
            new { notes = new[] { new { eleveId = eleve, valeur = (decimal?)null } } })).ReadJsonAsync();
        Assert.Equal(0, (int)effacee["evaluation"]!["saisies"]!);
    }

    [Fact]
    public async Task Hand_computed_subject_and_general_averages_on_the_pupils_page()
    {
        // A pupil of TG1 (prof.12's philosophy, coefficient 2; prof.03's maths, coefficient 2): T2 has only these marks.
        var philo = await ServiceAsync("prof.12", "TG1", "PHILO");
        var maths = await ServiceAsync("prof.03", "TG1", "MATHS");
        var debut = await DebutT2SansNotesDemoAsync();
        var prof12 = app.ClientConnecte("prof.12");
        var prof03 = app.ClientConnecte("prof.03");
        var (e1, g1) = await NouvelleEvaluationAsync(prof12, philo, new { date = debut, titre = "Dissertation 1", bareme = 20, coefficient = 1 });
        var (e2, _) = await NouvelleEvaluationAsync(prof12, philo, new { date = debut, titre = "Explication", bareme = 10, coefficient = 2 });
        var (e3, _) = await NouvelleEvaluationAsync(prof12, philo, new { date = debut, titre = "Défi", bareme = 20, mode = "bonus" });
        var (e4, _) = await NouvelleEvaluationAsync(prof03, maths, new { date = debut, titre = "DS 1", bareme = 40 });
        var (e5, _) = await NouvelleEvaluationAsync(prof03, maths, new { date = debut, titre = "DM", bareme = 20 });
        var eleve = Eleves(g1)[0];
        async Task Saisir(HttpClient c, Guid e, object ligne) =>
            Assert.Equal(HttpStatusCode.OK, (await c.PutAsJsonAsync($"/api/scolarite/evaluations/{e}/notes", new { notes = new[] { ligne } })).StatusCode);
        await Saisir(prof12, e1, new { eleveId = eleve, valeur = 9 });
        await Saisir(prof12, e2, new { eleveId = eleve, valeur = 7 });
        await Saisir(prof12, e3, new { eleveId = eleve, valeur = 18 });
        await Saisir(prof03, e4, new { eleveId = eleve, valeur = 31 });
        await Saisir(prof03, e5, new { eleveId = eleve, marqueur = "dispense" });

        var notes = await (await app.ClientConnecte(await ResponsableAsync(eleve))
            .GetAsync($"/api/scolarite/eleves/{eleve}/notes?periodeId={await PeriodeAsync(2)}")).ReadJsonAsync();
        decimal? Moyenne(Guid service) => (decimal?)notes["matieres"]!.AsArray().Single(m => (string)m!["serviceId"]! == service.ToString())!["moyenne"];

        // Philosophy: 9/20 ×1, 7/10 = 14/20 ×2 → (9 + 28) / 3 = 12,333…; bonus 18 adds (18 − 10) / 3 = 2,666… → 15,00
        Assert.Equal(15m, Moyenne(philo));
        // Maths: 31/40 = 15,5; the DM is Dispensé → 15,50
        Assert.Equal(15.5m, Moyenne(maths));
        // General: only subjects with an average count, each ×2 → (15 × 2 + 15,5 × 2) / 4 = 15,25
        Assert.Equal(15.25m, (decimal)notes["moyenneGenerale"]!);
    }

    [Fact]
    public async Task Another_teacher_reads_and_writes_nothing_of_the_service_and_another_family_gets_404()
    {
        var prof = app.ClientConnecte("prof.01");
        var service = await ServiceAsync("prof.01", "2NDE1", "FRANCAIS");
        var (id, grille) = await NouvelleEvaluationAsync(prof, service, new { date = await DebutAsync(2), titre = "Privée" });
        var eleve = Eleves(grille)[0];

        // prof.12 (TG1 only) and prof.02 (maths in 2NDE1: same class, not the service) get 404, and nothing is written.
        foreach (var autre in new[] { "prof.12", "prof.02" })
        {
            var client = app.ClientConnecte(autre);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/scolarite/evaluations/{id}/notes")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/scolarite/evaluations/{id}/notes",
                new { notes = new[] { new { eleveId = eleve, valeur = 20 } } })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/scolarite/services/{service}/evaluations")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/scolarite/services/{service}/evaluations",
                new { date = await DebutAsync(2), titre = "Intrus" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/scolarite/evaluations/{id}",
                new { date = await DebutAsync(2), titre = "Intrus" })).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/scolarite/evaluations/{id}")).StatusCode);
        }

        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM scolarite.note WHERE evaluation_id = @id", new { id }));
        Assert.Equal("Privée", await ScalarAsync<string>("SELECT titre FROM scolarite.evaluation WHERE id = @id", new { id }));

        // A guardian of a TG1 pupil's family reads nothing of the 2NDE1 pupil.
        var autreFamille = await ScalarAsync<string>("""
            SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
            JOIN scolarite.inscription_classe i ON i.eleve_id = l.eleve_id JOIN scolarite.classe c ON c.id = i.classe_id
            WHERE c.code = 'TG1' AND NOT EXISTS (SELECT 1 FROM identite.lien_responsable x WHERE x.responsable_id = l.responsable_id AND x.eleve_id = @eleve)
            ORDER BY 1 LIMIT 1
            """, new { eleve });
        var client2 = app.ClientConnecte(autreFamille);
        foreach (var route in new[] { "notes", "dernieres-notes", $"bulletins/{await PeriodeAsync(1)}", $"bulletins/{await PeriodeAsync(1)}/pdf" })
        {
            var reponse = await client2.GetAsync($"/api/scolarite/eleves/{eleve}/{route}");
            Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
            Assert.Equal("urn:ent:probleme:introuvable", (string?)(await reponse.ReadJsonAsync())["type"]);
        }
    }

    [Fact]
    public async Task Assessment_validation_answers_in_french_with_the_fields()
    {
        var prof = app.ClientConnecte("prof.01");
        var service = await ServiceAsync("prof.01", "2NDE1", "FRANCAIS");
        var reponse = await prof.PostAsJsonAsync($"/api/scolarite/services/{service}/evaluations",
            new { date = new DateOnly(1999, 1, 1), titre = " ", bareme = 0, coefficient = 500, mode = "double" });
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        var erreurs = (await reponse.ReadJsonAsync())["errors"]!.AsObject();
        Assert.Equal(["bareme", "coefficient", "date", "mode", "titre"], erreurs.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("aucune période", (string)erreurs["date"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_card_reaches_the_family_once_published_and_holds_the_councils_outcome()
    {
        var eleve = await PersonneAsync("eleve.001");
        var parent = app.ClientConnecte(await ResponsableAsync(eleve));
        var t1 = await PeriodeAsync(1);
        var t2 = await PeriodeAsync(2);
        // The demo holds councils and publishes report cards for the periods finished by today: this test writes the
        // head teacher's appraisal of T1 itself, then sets T1 published and T2 not.
        var direction = app.ClientConnecte("direction");
        Assert.Equal(HttpStatusCode.OK, (await direction.DeleteAsync($"{Periodes}/{t1}/publication")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direction.DeleteAsync($"{Periodes}/{t2}/publication")).StatusCode);
        var (classeId, principal) = await ClasseEtProfesseurPrincipalAsync(eleve);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte(principal).PutAsJsonAsync($"/api/scolarite/classes/{classeId}/periodes/{t1}/conseil",
            new { eleves = new[] { new { eleveId = eleve, appreciationGenerale = "Un trimestre sérieux." } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direction.PostAsync($"{Periodes}/{t1}/publication", null)).StatusCode);

        var bulletin = await (await parent.GetAsync($"/api/scolarite/eleves/{eleve}/bulletins/{t1}")).ReadJsonAsync();
        Assert.Equal("1er trimestre", (string?)bulletin["periode"]);
        Assert.True(bulletin["lignes"]!.AsArray().Count >= 8);
        Assert.NotNull((decimal?)bulletin["moyenneGenerale"]);
        Assert.NotNull((string?)bulletin["appreciationGenerale"]);

        // T2 is not published: 404 for the family, readable by the pupil's teacher.
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/api/scolarite/eleves/{eleve}/bulletins/{t2}")).StatusCode);
        var classe = await ScalarAsync<string>("""
            SELECT c.code FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id WHERE i.eleve_id = @eleve
            """, new { eleve });
        var profDeLaClasse = await ScalarAsync<string>("""
            SELECT k.identifiant FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
            JOIN identite.compte k ON k.personne_id = s.enseignant_id WHERE c.code = @classe ORDER BY 1 LIMIT 1
            """, new { classe });
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte(profDeLaClasse).GetAsync($"/api/scolarite/eleves/{eleve}/bulletins/{t2}")).StatusCode);
    }

    [Fact]
    public async Task A_published_periods_appraisals_and_councils_answer_409_until_the_head_withdraws_the_publication()
    {
        var t1 = await PeriodeAsync(1);
        var service = await ServiceAsync("prof.01", "2NDE1", "FRANCAIS");
        var eleve = await ScalarAsync<Guid>("""
            SELECT i.eleve_id FROM scolarite.inscription_classe i JOIN scolarite.classe c ON c.id = i.classe_id WHERE c.code = '2NDE1' ORDER BY 1 LIMIT 1
            """);
        var (classeId, principal) = await ClasseEtProfesseurPrincipalAsync(eleve);
        var prof = app.ClientConnecte("prof.01");
        var direction = app.ClientConnecte("direction");
        var appreciations = $"/api/scolarite/services/{service}/periodes/{t1}/appreciations";
        var conseil = $"/api/scolarite/classes/{classeId}/periodes/{t1}/conseil";
        Assert.Equal(HttpStatusCode.OK, (await direction.DeleteAsync($"{Periodes}/{t1}/publication")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await prof.PutAsJsonAsync(appreciations,
            new { appreciations = new[] { new { eleveId = eleve, texte = "Texte publié." } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direction.PostAsync($"{Periodes}/{t1}/publication", null)).StatusCode);

        // Published: the teacher's appraisal, the head teacher's general appraisal and the decision stay as the family reads them.
        var refus = await prof.PutAsJsonAsync(appreciations, new { appreciations = new[] { new { eleveId = eleve, texte = "Texte changé après coup." } } });
        Assert.Equal(HttpStatusCode.Conflict, refus.StatusCode);
        var probleme = await refus.ReadJsonAsync();
        Assert.Equal("urn:ent:probleme:conflit", (string?)probleme["type"]);
        Assert.Contains("publiés", (string?)probleme["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await app.ClientConnecte(principal).PutAsJsonAsync(conseil,
            new { eleves = new[] { new { eleveId = eleve, appreciationGenerale = "Changé après coup." } } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await direction.PutAsJsonAsync(conseil,
            new { eleves = new[] { new { eleveId = eleve, decision = "avertissement" } } })).StatusCode);
        Assert.Equal("Texte publié.", await ScalarAsync<string>(
            "SELECT texte FROM scolarite.appreciation WHERE service_id = @service AND periode_id = @t1 AND eleve_id = @eleve", new { service, t1, eleve }));
        Assert.Equal(0L, await ScalarAsync<long>("""
            SELECT count(*) FROM scolarite.conseil_classe WHERE periode_id = @t1 AND eleve_id = @eleve
              AND (appreciation_generale = 'Changé après coup.' OR decision = 'avertissement')
            """, new { t1, eleve }));

        // Withdrawn: the teacher corrects, and the head publishes again.
        Assert.Equal(HttpStatusCode.OK, (await direction.DeleteAsync($"{Periodes}/{t1}/publication")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await prof.PutAsJsonAsync(appreciations,
            new { appreciations = new[] { new { eleveId = eleve, texte = "Texte corrigé." } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await direction.PostAsync($"{Periodes}/{t1}/publication", null)).StatusCode);
    }

    [Fact]
    public async Task The_downloaded_pdf_opens_and_holds_the_report_cards_figures()
    {
        var eleve = await PersonneAsync("eleve.002");
        var parent = app.ClientConnecte(await ResponsableAsync(eleve));
        var t1 = await PeriodeAsync(1);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("direction").PostAsync($"{Periodes}/{t1}/publication", null)).StatusCode);
        var bulletin = await (await parent.GetAsync($"/api/scolarite/eleves/{eleve}/bulletins/{t1}")).ReadJsonAsync();

        var reponse = await parent.GetAsync($"/api/scolarite/eleves/{eleve}/bulletins/{t1}/pdf");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("application/pdf", reponse.Content.Headers.ContentType?.MediaType);
        using var document = UglyToad.PdfPig.PdfDocument.Open(await reponse.Content.ReadAsByteArrayAsync());
        var texte = System.Text.RegularExpressions.Regex.Replace(string.Join(" ", document.GetPages().Select(p =>
            UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor.ContentOrderTextExtractor.GetText(p))), @"\s+", " ");

        var francais = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        string Chiffre(JsonNode? n) => ((decimal)n!).ToString("0.00", francais);
        Assert.Contains((string)bulletin["eleve"]!, texte, StringComparison.Ordinal);
        Assert.Contains(Chiffre(bulletin["moyenneGenerale"]), texte, StringComparison.Ordinal);
        Assert.Contains(Chiffre(bulletin["moyenneGeneraleClasse"]), texte, StringComparison.Ordinal);
        foreach (var ligne in bulletin["lignes"]!.AsArray())
        {
            Assert.Contains((string)ligne!["matiere"]!, texte, StringComparison.Ordinal);
            Assert.Contains(Chiffre(ligne["moyenne"]), texte, StringComparison.Ordinal);
        }

        // The HTML form holds the same figures.
        var html = await (await parent.GetAsync($"/api/scolarite/eleves/{eleve}/bulletins/{t1}/html")).Content.ReadAsStringAsync();
        Assert.Contains(Chiffre(bulletin["moyenneGenerale"]), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_head_teacher_writes_the_general_appraisal_and_the_head_may_record_the_decision()
    {
        var classe = await ScalarAsync<Guid>("SELECT id FROM scolarite.classe WHERE code = '2NDE1'");
        var t2 = await PeriodeAsync(2);
        var eleve = await ScalarAsync<Guid>("SELECT eleve_id FROM scolarite.inscription_classe WHERE classe_id = @classe ORDER BY 1 LIMIT 1", new { classe });
        var route = $"/api/scolarite/classes/{classe}/periodes/{t2}/conseil";
        // On the days the demo has published T2 (once it is finished), its councils are closed: this test opens them.
        Assert.Equal(HttpStatusCode.OK, (await app.ClientConnecte("direction").DeleteAsync($"{Periodes}/{t2}/publication")).StatusCode);

        // prof.02 heads 2NDE1; prof.01 teaches there but is not its head teacher.
        var principal = app.ClientConnecte("prof.02");
        var ecrit = await principal.PutAsJsonAsync(route, new { eleves = new[] { new { eleveId = eleve, appreciationGenerale = "Bon trimestre.", decision = "encouragements" } } });
        Assert.Equal(HttpStatusCode.OK, ecrit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").GetAsync(route)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientConnecte("prof.01").PutAsJsonAsync(route,
            new { eleves = new[] { new { eleveId = eleve, decision = "avertissement" } } })).StatusCode);

        var direction = app.ClientConnecte("direction");
        var refuse = await direction.PutAsJsonAsync(route, new { eleves = new[] { new { eleveId = eleve, appreciationGenerale = "Autre texte" } } });
        Assert.Equal(HttpStatusCode.BadRequest, refuse.StatusCode);
        var decide = await (await direction.PutAsJsonAsync(route, new { eleves = new[] { new { eleveId = eleve, decision = "felicitations" } } })).ReadJsonAsync();
        var ligne = decide["eleves"]!.AsArray().Single(e => (string)e!["eleveId"]! == eleve.ToString())!;
        Assert.Equal(("Bon trimestre.", "felicitations"), ((string?)ligne["appreciationGenerale"], (string?)ligne["decision"]));
    }
}
