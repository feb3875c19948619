using System.Net;
using System.Net.Http.Json;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests;

/// <summary>
/// The host on 15 January 2027 (school year 2026-2027; the clock then runs on) and a lycée of the test's own, apart from
/// the demo's: a pupil who was in Seconde 9 in 2025-2026 (maths with test.prof.x: a grade, an appraisal, a published
/// report card, an absence), then went up to Première 9 in 2026-2027 (physics with test.prof.y: a grade, an absence).
/// The rentrée made a new class and deleted nothing: what the family reads of each year is what this sets up.
/// </summary>
public sealed class AnneesApp : EntApp
{
    private sealed class Horloge(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    public const string Uai = "0990003Z";
    public const string Eleve = "test.eleve.annees";
    public const string Parent = "test.parent.annees";
    public const string ProfX = "test.prof.x";
    public const string ProfY = "test.prof.y";

    public Guid EleveId { get; } = Guid.NewGuid();
    public Guid ClasseX { get; } = Guid.NewGuid();
    public Guid ClasseY { get; } = Guid.NewGuid();
    public Guid S1Passe { get; } = Guid.NewGuid();
    public Guid S2Passe { get; } = Guid.NewGuid();
    public Guid S1Courant { get; } = Guid.NewGuid();
    public Guid EvaluationX { get; } = Guid.NewGuid();
    public Guid EvaluationY { get; } = Guid.NewGuid();
    public Guid AbsenceX { get; } = Guid.NewGuid();
    public Guid AbsenceY { get; } = Guid.NewGuid();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Horloge(new DateTimeOffset(2027, 1, 15, 9, 0, 0, TimeSpan.Zero))));
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Db.OpenConnectionAsync();
        Guid etablissement = Guid.NewGuid(), parent = Guid.NewGuid(), profX = Guid.NewGuid(), profY = Guid.NewGuid();
        Guid serviceX = Guid.NewGuid(), serviceY = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO identite.etablissement (id, uai, nom, academie) VALUES (@etablissement, @Uai, 'Lycée des années', 'Paris');
            INSERT INTO identite.personne (id, nom, prenom) VALUES
                (@eleve, 'Annees', 'Lou'), (@parent, 'Annees', 'Claire'), (@profX, 'Xavier', 'Paul'), (@profY, 'Yvon', 'Anne');
            INSERT INTO identite.rattachement (personne_id, etablissement_id, profil) VALUES
                (@eleve, @etablissement, 'eleve'), (@parent, @etablissement, 'responsable'),
                (@profX, @etablissement, 'enseignant'), (@profY, @etablissement, 'enseignant');
            INSERT INTO identite.lien_responsable (responsable_id, eleve_id, lien, legal) VALUES (@parent, @eleve, 'mere', true);
            INSERT INTO identite.compte (id, personne_id, identifiant, mot_de_passe_hash) VALUES
                (gen_random_uuid(), @eleve, @loginEleve, @hash), (gen_random_uuid(), @parent, @loginParent, @hash),
                (gen_random_uuid(), @profX, @loginProfX, @hash), (gen_random_uuid(), @profY, @loginProfY, @hash);

            -- 2025-2026: Seconde 9, two semesters, maths with prof X; the second semester's report cards published in July.
            INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau)
            VALUES (@classeX, @etablissement, '2025-2026', '2NDE9', 'Seconde 9', 'seconde');
            INSERT INTO scolarite.inscription_classe (classe_id, eleve_id) VALUES (@classeX, @eleve);
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id)
            VALUES (@serviceX, @profX, 'MATHS', 'Mathématiques', @classeX);
            INSERT INTO scolarite.periode (id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin, bulletins_publies_le) VALUES
                (@s1Passe, @etablissement, '2025-2026', 'semestre', 1, DATE '2025-09-01', DATE '2026-01-31', TIMESTAMPTZ '2026-02-10 17:00Z'),
                (@s2Passe, @etablissement, '2025-2026', 'semestre', 2, DATE '2026-02-01', DATE '2026-07-04', TIMESTAMPTZ '2026-07-02 17:00Z');
            INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, cree_par)
            VALUES (@evaluationX, @serviceX, @s2Passe, DATE '2026-03-12', 'Fonctions affines', 20, @profX);
            INSERT INTO scolarite.note (evaluation_id, eleve_id, valeur, saisie_par) VALUES (@evaluationX, @eleve, 14.5, @profX);
            INSERT INTO scolarite.appreciation (service_id, periode_id, eleve_id, texte, auteur_id)
            VALUES (@serviceX, @s2Passe, @eleve, 'Bon semestre, continuez.', @profX);
            INSERT INTO scolarite.conseil_classe (classe_id, periode_id, eleve_id, appreciation_generale, decision, modifie_par)
            VALUES (@classeX, @s2Passe, @eleve, 'Passage en première générale.', 'encouragements', @profX);

            -- 2026-2027: Première 9, physics with prof Y.
            INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau)
            VALUES (@classeY, @etablissement, '2026-2027', '1G9', 'Première 9', 'premiere');
            INSERT INTO scolarite.inscription_classe (classe_id, eleve_id) VALUES (@classeY, @eleve);
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id)
            VALUES (@serviceY, @profY, 'PHYSIQUE', 'Physique-chimie', @classeY);
            INSERT INTO scolarite.periode (id, etablissement_id, annee_scolaire, decoupage, numero, debut, fin) VALUES
                (@s1Courant, @etablissement, '2026-2027', 'semestre', 1, DATE '2026-09-01', DATE '2027-01-31'),
                (gen_random_uuid(), @etablissement, '2026-2027', 'semestre', 2, DATE '2027-02-01', DATE '2027-07-03');
            INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, cree_par)
            VALUES (@evaluationY, @serviceY, @s1Courant, DATE '2026-11-05', 'Mouvement', 20, @profY);
            INSERT INTO scolarite.note (evaluation_id, eleve_id, valeur, saisie_par) VALUES (@evaluationY, @eleve, 11, @profY);

            -- An absence each year (8:00 to 10:00, Paris time).
            INSERT INTO viescolaire.absence (id, etablissement_id, eleve_id, type, debut, fin, jour, demi_journee, statut, saisie_par, saisie_le) VALUES
                (@absenceX, @etablissement, @eleve, 'absence', TIMESTAMPTZ '2026-03-10 07:00Z', TIMESTAMPTZ '2026-03-10 09:00Z', DATE '2026-03-10',
                 'matin', 'non_justifiee', @profX, TIMESTAMPTZ '2026-03-10 07:05Z'),
                (@absenceY, @etablissement, @eleve, 'absence', TIMESTAMPTZ '2026-11-05 07:00Z', TIMESTAMPTZ '2026-11-05 09:00Z', DATE '2026-11-05',
                 'matin', 'non_justifiee', @profY, TIMESTAMPTZ '2026-11-05 07:05Z');
            """, new
        {
            etablissement, Uai, eleve = EleveId, parent, profX, profY,
            loginEleve = Eleve, loginParent = Parent, loginProfX = ProfX, loginProfY = ProfY,
            hash = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), DemoLycee.MotDePasse),
            classeX = ClasseX, classeY = ClasseY, serviceX, serviceY, s1Passe = S1Passe, s2Passe = S2Passe, s1Courant = S1Courant,
            evaluationX = EvaluationX, evaluationY = EvaluationY, absenceX = AbsenceX, absenceY = AbsenceY,
        });
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parametres = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parametres) ?? throw new InvalidOperationException(sql);
    }
}

/// <summary>
/// A new school year as families see it (issue #14): last year's grades, report cards and absences stay readable by the
/// pupil and their legal guardians, chosen by year; classes do not carry over, so last year's teacher no longer sees
/// the pupil, and this year's teacher does not see last year; another family sees nothing, this year or last.
/// </summary>
public sealed class AnneesScolairesTests(AnneesApp app) : IClassFixture<AnneesApp>
{
    private sealed record AnneeJson(string Annee, bool Courante, string Classe);

    private sealed record Periode(Guid Id, string Libelle, bool BulletinPublie);

    private sealed record Note(Guid EvaluationId, string Titre, decimal? Valeur);

    private sealed record MatiereVue(string Matiere, string MatiereCode, decimal? Moyenne, string? Appreciation, Note[] Notes);

    private sealed record Notes(string Classe, string AnneeScolaire, Periode[] Periodes, Periode? Periode, MatiereVue[] Matieres);

    private sealed record Bulletin(string AnneeScolaire, string Periode, string Classe, string? AppreciationGenerale, string? Decision);

    private sealed record Absence(Guid Id);

    private sealed record AbsencesJson(string AnneeScolaire, int DemiJourneesAnnee, Absence[] Absences);

    private static async Task<T> LireAsync<T>(HttpClient client, string route)
    {
        var reponse = await client.GetAsync(route);
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, $"{route}: {(int)reponse.StatusCode} {await reponse.Content.ReadAsStringAsync()}");
        return await reponse.ReadAsync<T>();
    }

    private string Route(string suite) => $"/api/scolarite/eleves/{app.EleveId}/{suite}";

    private string RouteAbsences(string? annee = null) =>
        $"/api/viescolaire/eleves/{app.EleveId}/absences" + (annee is null ? "" : $"?annee={annee}");

    /// <summary>A legal guardian of a demo pupil: another family.</summary>
    private Task<string> AutreFamilleAsync() => app.ScalarAsync<string>("""
        SELECT k.identifiant FROM identite.lien_responsable l JOIN identite.compte k ON k.personne_id = l.responsable_id
        WHERE l.legal AND l.eleve_id <> @eleve ORDER BY k.identifiant LIMIT 1
        """, new { eleve = app.EleveId });

    [Theory]
    [InlineData(AnneesApp.Parent)]
    [InlineData(AnneesApp.Eleve)]
    public async Task The_family_sees_this_years_class_by_default_and_last_years_when_asked(string famille)
    {
        var client = app.ClientConnecte(famille);

        // The selector's years: newest first, this year marked, each with that year's class.
        var annees = await LireAsync<AnneeJson[]>(client, Route("annees"));
        Assert.Equal([new("2026-2027", true, "Première 9"), new("2025-2026", false, "Seconde 9")], annees);

        // By default, this year: Première 9, its period, its grade — nothing of last year.
        var courantes = await LireAsync<Notes>(client, Route("notes"));
        Assert.Equal(("Première 9", "2026-2027", app.S1Courant), (courantes.Classe, courantes.AnneeScolaire, courantes.Periode!.Id));
        Assert.Equal([app.EvaluationY], courantes.Matieres.SelectMany(m => m.Notes).Select(n => n.EvaluationId));

        // Last year: Seconde 9, its two semesters, opened on the last one begun, with the grade and the published appraisal.
        var passees = await LireAsync<Notes>(client, Route("notes?annee=2025-2026"));
        Assert.Equal(("Seconde 9", "2025-2026"), (passees.Classe, passees.AnneeScolaire));
        Assert.Equal([app.S1Passe, app.S2Passe], passees.Periodes.Select(p => p.Id));
        Assert.Equal(app.S2Passe, passees.Periode!.Id);
        Assert.True(passees.Periode!.BulletinPublie);
        var maths = Assert.Single(passees.Matieres);
        Assert.Equal(("MATHS", 14.5m, "Bon semestre, continuez."), (maths.MatiereCode, maths.Moyenne, maths.Appreciation));
        Assert.Equal([app.EvaluationX], maths.Notes.Select(n => n.EvaluationId));

        // A link to last year's period (a notification, a bookmark) opens last year without naming it.
        var parPeriode = await LireAsync<Notes>(client, Route($"notes?periodeId={app.S1Passe}"));
        Assert.Equal(("Seconde 9", "2025-2026", app.S1Passe), (parPeriode.Classe, parPeriode.AnneeScolaire, parPeriode.Periode!.Id));
        // A period of another year than the one named is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Route($"notes?annee=2026-2027&periodeId={app.S2Passe}"))).StatusCode);

        // Last year's report card, as JSON and PDF.
        var bulletin = await LireAsync<Bulletin>(client, Route($"bulletins/{app.S2Passe}"));
        Assert.Equal(new Bulletin("2025-2026", "2nd semestre", "Seconde 9", "Passage en première générale.", "Encouragements"), bulletin);
        var pdf = await client.GetAsync(Route($"bulletins/{app.S2Passe}/pdf"));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);

        // Absences: this year's by default, last year's when asked.
        var absences = await LireAsync<AbsencesJson>(client, RouteAbsences());
        Assert.Equal(("2026-2027", 1), (absences.AnneeScolaire, absences.DemiJourneesAnnee));
        Assert.Equal([app.AbsenceY], absences.Absences.Select(a => a.Id));
        var absencesPassees = await LireAsync<AbsencesJson>(client, RouteAbsences("2025-2026"));
        Assert.Equal("2025-2026", absencesPassees.AnneeScolaire);
        Assert.Equal([app.AbsenceX], absencesPassees.Absences.Select(a => a.Id));

        // A year the pupil was not in the lycée: no class, nothing to show.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Route("notes?annee=2024-2025"))).StatusCode);
    }

    [Fact]
    public async Task The_periods_of_a_past_year_are_listed_on_request()
    {
        var periodes = await LireAsync<Periode[]>(app.CreateClient(), $"/api/scolarite/etablissements/{AnneesApp.Uai}/periodes?annee=2025-2026");
        Assert.Equal([app.S1Passe, app.S2Passe], periodes.Select(p => p.Id));
        var courantes = await LireAsync<Periode[]>(app.CreateClient(), $"/api/scolarite/etablissements/{AnneesApp.Uai}/periodes");
        Assert.Equal(app.S1Courant, courantes[0].Id);
    }

    [Theory]
    [InlineData("2025")]
    [InlineData("2025-2027")]
    [InlineData("2025/2026")]
    [InlineData("deux-mille")]
    public async Task A_malformed_year_is_refused_in_french(string annee)
    {
        var client = app.ClientConnecte(AnneesApp.Parent);
        foreach (var route in new[]
                 {
                     Route($"notes?annee={annee}"), RouteAbsences(annee), $"/api/scolarite/etablissements/{AnneesApp.Uai}/periodes?annee={annee}",
                 })
        {
            var reponse = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
            var corps = await reponse.ReadJsonAsync();
            Assert.Equal("Les données envoyées ne sont pas valides", (string?)corps["title"]);
            Assert.Contains("2025-2026", (string)corps["errors"]!["annee"]![0]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Classes_do_not_carry_over_last_years_teacher_no_longer_sees_the_pupil()
    {
        var profX = app.ClientConnecte(AnneesApp.ProfX);
        foreach (var route in new[]
                 {
                     Route("annees"), Route("notes"), Route("notes?annee=2025-2026"), Route($"notes?periodeId={app.S2Passe}"),
                     Route($"bulletins/{app.S2Passe}"), Route($"bulletins/{app.S2Passe}/pdf"), RouteAbsences(), RouteAbsences("2025-2026"),
                 })
        {
            Assert.True(HttpStatusCode.NotFound == (await profX.GetAsync(route)).StatusCode, route);
        }
    }

    [Fact]
    public async Task This_years_teacher_sees_this_year_only()
    {
        var profY = app.ClientConnecte(AnneesApp.ProfY);
        Assert.Equal("Première 9", (await LireAsync<Notes>(profY, Route("notes"))).Classe);
        Assert.Equal(HttpStatusCode.OK, (await profY.GetAsync(RouteAbsences())).StatusCode);
        // The year selector offers them this year alone.
        Assert.Equal([new("2026-2027", true, "Première 9")], await LireAsync<AnneeJson[]>(profY, Route("annees")));
        foreach (var route in new[]
                 {
                     Route("notes?annee=2025-2026"), Route($"notes?periodeId={app.S2Passe}"), Route($"bulletins/{app.S2Passe}"),
                     Route($"bulletins/{app.S2Passe}/html"), RouteAbsences("2025-2026"),
                 })
        {
            Assert.True(HttpStatusCode.NotFound == (await profY.GetAsync(route)).StatusCode, route);
        }
    }

    [Fact]
    public async Task Another_family_sees_nothing_this_year_or_last()
    {
        var autre = app.ClientConnecte(await AutreFamilleAsync());
        foreach (var route in new[]
                 {
                     Route("annees"), Route("notes"), Route("notes?annee=2025-2026"), Route($"notes?periodeId={app.S2Passe}"),
                     Route($"bulletins/{app.S2Passe}"), Route($"bulletins/{app.S2Passe}/pdf"), RouteAbsences(), RouteAbsences("2025-2026"),
                 })
        {
            Assert.True(HttpStatusCode.NotFound == (await autre.GetAsync(route)).StatusCode, route);
        }
    }

    [Fact]
    public async Task Reading_another_year_changes_and_deletes_nothing()
    {
        const string Compte = """
            SELECT (SELECT count(*) FROM scolarite.inscription_classe WHERE eleve_id = @eleve)
                 + (SELECT count(*) FROM scolarite.note WHERE eleve_id = @eleve)
                 + (SELECT count(*) FROM scolarite.appreciation WHERE eleve_id = @eleve)
                 + (SELECT count(*) FROM scolarite.conseil_classe WHERE eleve_id = @eleve)
                 + (SELECT count(*) FROM viescolaire.absence WHERE eleve_id = @eleve AND annulee_le IS NULL)
            """;
        Assert.Equal(8L, await app.ScalarAsync<long>(Compte, new { eleve = app.EleveId }));
        var parent = app.ClientConnecte(AnneesApp.Parent);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync(Route("notes?annee=2025-2026"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await parent.GetAsync(RouteAbsences("2025-2026"))).StatusCode);
        Assert.Equal(8L, await app.ScalarAsync<long>(Compte, new { eleve = app.EleveId }));
        // Each read of last year is in the pupil's access log like any other.
        Assert.True(await app.ScalarAsync<long>(
            "SELECT count(*) FROM identite.journal_acces WHERE eleve_id = @eleve AND quoi IN ('ListerNotesEleve', 'ListerAbsencesEleve')",
            new { eleve = app.EleveId }) >= 2);
    }
}
