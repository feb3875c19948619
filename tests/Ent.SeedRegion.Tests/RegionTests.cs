using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Ent.Testing;
using Npgsql;

namespace Ent.SeedRegion.Tests;

/// <summary>
/// One lycée seeded through COPY into a fresh database of the test cluster (every migration's constraint held, or the
/// COPY would have failed), then the real host started on it without demo data.
/// </summary>
public sealed class RegionApp : EntApp
{
    /// <summary>
    /// Mid-December of the current school year: the first trimester is over and its report cards out (appraisals and
    /// councils written), the second begun. Fixed, so that the test sees the same amounts whatever day it runs.
    /// </summary>
    public static DateOnly Au
    {
        get
        {
            var aujourdhui = DateOnly.FromDateTime(DateTime.UtcNow);
            return new DateOnly(aujourdhui.Month >= 9 ? aujourdhui.Year : aujourdhui.Year - 1, 12, 15);
        }
    }

    public static readonly OptionsSeed Options = new() { Etablissements = 1, Graine = 7, Au = Au };

    public Bilan Bilan { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ent:Demo"] = "false" };

    public override async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync("region");
        Bilan = await Semeur.ExecuterAsync(ConnectionString, Options, TextWriter.Null);
        _ = Server; // the host finds every migration applied and no demo data to write
    }
}

public sealed class RegionTests(RegionApp app) : IClassFixture<RegionApp>
{
    private async Task<NpgsqlConnection> OuvrirAsync()
    {
        var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    [Fact]
    public void One_lycee_has_the_issue_s_shape_in_every_table()
    {
        var l = app.Bilan.Lignes;
        Assert.Equal(1, app.Bilan.LyceesCharges);
        Assert.Equal(1, l["identite.etablissement"]);
        Assert.InRange(l["identite.personne"], 3_000, 3_700); // ~1,200 pupils, ~2,000 guardians, 90 teachers, 5 staff
        Assert.Equal(l["identite.personne"], l["identite.compte"]);
        Assert.Equal(l["identite.personne"], l["identite.rattachement"]);
        Assert.InRange(l["scolarite.inscription_classe"], 1_116, 1_296); // 36 classes of 31 to 36
        Assert.Equal(36, l["scolarite.classe"]);
        Assert.Equal(36 * 12, l["scolarite.service_enseignement"]);
        Assert.Equal(13, l["scolarite.matiere"]);
        Assert.Equal(3, l["scolarite.periode"]);
        Assert.Equal(0, app.Bilan.HeuresNonPlacees);
        Assert.Equal(36 * 30, l["scolarite.creneau"]);

        // First trimester whole (about 8 per service), the second two weeks in.
        Assert.InRange(l["scolarite.evaluation"], 432 * 8, 432 * 11);
        var notesParEvaluation = (double)l["scolarite.note"] / l["scolarite.evaluation"];
        Assert.InRange(notesParEvaluation, 31, 36);
        Assert.Equal(l["scolarite.inscription_classe"] * 12, l["scolarite.appreciation"]);
        Assert.Equal(l["scolarite.inscription_classe"], l["scolarite.conseil_classe"]);

        // About 5% of pupil-lessons absent, late or excluded.
        Assert.InRange((double)app.Bilan.NonPresents / app.Bilan.ElevesCours, 0.04, 0.06);
        Assert.InRange(l["viescolaire.absence"], 0.9 * app.Bilan.NonPresents, app.Bilan.NonPresents);
        Assert.True(l["viescolaire.justificatif"] > 0);
        Assert.True(l["communication.notification"] > 0);
        Assert.True(l["communication.message_sortant"] > 0);
        Assert.Equal(l.Total, l.ParTable.Sum(t => t.Lignes));
    }

    [Fact]
    public async Task Families_have_one_or_two_guardians_some_shared_by_siblings_and_every_absence_status_occurs()
    {
        await using var conn = await OuvrirAsync();
        var (min, max) = await conn.QuerySingleAsync<(long, long)>("""
            SELECT min(n), max(n) FROM (
                SELECT r.personne_id, count(l.responsable_id) AS n
                FROM identite.rattachement r LEFT JOIN identite.lien_responsable l ON l.eleve_id = r.personne_id
                WHERE r.profil = 'eleve' GROUP BY r.personne_id) x
            """);
        Assert.Equal((1, 2), (min, max));
        // Pupils whose priority guardian has another child at the lycée.
        var fratries = await conn.ExecuteScalarAsync<double>("""
            SELECT avg(CASE WHEN (SELECT count(*) FROM identite.lien_responsable f WHERE f.responsable_id = l.responsable_id) > 1 THEN 1.0 ELSE 0.0 END)::float8
            FROM identite.lien_responsable l WHERE l.contact_prioritaire
            """);
        Assert.InRange(fratries, 0.08, 0.25);

        var statuts = (await conn.QueryAsync<string>("SELECT DISTINCT statut FROM viescolaire.absence")).ToHashSet();
        Assert.Equal(["justificatif_depose", "justifiee", "non_justifiee", "refusee"], statuts.Order());
        // Nothing waits in the outbox: a host started on the data sends nothing.
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM communication.message_sortant WHERE statut = 'en_attente'"));
    }

    /// <summary>Issue 15: a few changes to this week's lessons, and a month of homework once the cahier de textes' tables exist.</summary>
    [Fact]
    public async Task This_week_has_a_few_lesson_changes_and_the_month_its_homework()
    {
        await using var conn = await OuvrirAsync();
        var natures = (await conn.QueryAsync<(string Nature, long N)>(
            "SELECT nature, count(*) FROM scolarite.modification_cours GROUP BY nature")).ToDictionary(x => x.Nature, x => x.N);
        Assert.Equal(["ajoute", "annule", "deplace", "remplace"], natures.Keys.Order());
        Assert.InRange(natures.Values.Sum(), 5, 14);
        // Every change is in the week of the day reached (Monday to Friday), the cancelled ones a teacher's day.
        var lundi = RegionApp.Au.AddDays(-(((int)RegionApp.Au.DayOfWeek + 6) % 7));
        var jours = (await conn.QueryAsync<DateTime>(
            "SELECT DISTINCT (coalesce(debut, debut_prevu) AT TIME ZONE 'Europe/Paris')::date FROM scolarite.modification_cours")).Select(DateOnly.FromDateTime);
        Assert.All(jours, j => Assert.InRange(j, lundi, lundi.AddDays(4)));
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>("""
            SELECT count(DISTINCT (s.enseignant_id, (m.debut_prevu AT TIME ZONE 'Europe/Paris')::date))
            FROM scolarite.modification_cours m JOIN scolarite.service_enseignement s ON s.id = m.service_id WHERE m.nature = 'annule'
            """));

        if (await conn.ExecuteScalarAsync<bool>("SELECT to_regclass('scolarite.devoir') IS NOT NULL"))
        {
            // About one lesson in two over a month (1,080 lessons a week): a few per service and week.
            var l = app.Bilan.Lignes;
            Assert.InRange(l["scolarite.devoir"], 1_200, 3_500);
            Assert.True(l["scolarite.devoir_fait"] > 0);
            Assert.Equal(0, await conn.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM scolarite.devoir WHERE pour_le NOT BETWEEN @du AND @au", new { du = RegionApp.Au.AddDays(-21), au = RegionApp.Au.AddDays(9) }));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_lycee()
    {
        var calendrier = new Calendrier(RegionApp.Au);
        var a = Lycee.Generer(3, 42, calendrier);
        var b = Lycee.Generer(3, 42, calendrier);
        Assert.Equal(a.Personnes.Select(p => (p.Id, p.Identifiant, p.Nom, p.Prenom, p.Mobile)), b.Personnes.Select(p => (p.Id, p.Identifiant, p.Nom, p.Prenom, p.Mobile)));
        Assert.Equal(a.Creneaux.Select(c => (c.Id, c.Jour, c.Heure)), b.Creneaux.Select(c => (c.Id, c.Jour, c.Heure)));
        Assert.NotEqual(a.Personnes.Select(p => p.Nom), Lycee.Generer(3, 43, calendrier).Personnes.Select(p => p.Nom));
    }

    [Fact]
    public async Task A_second_run_keeps_the_lycee_already_there()
    {
        var bilan = await Semeur.ExecuterAsync(app.ConnectionString, RegionApp.Options, TextWriter.Null);
        Assert.Equal((0, 1, 0L), (bilan.LyceesCharges, bilan.LyceesPresents, bilan.Lignes.Total));
    }

    [Fact]
    public async Task A_seeded_guardian_logs_in_and_reads_their_child_s_grades_and_absences()
    {
        // A guardian whose child was away at least once.
        string identifiant;
        Guid eleveId;
        await using (var conn = await OuvrirAsync())
        {
            (identifiant, eleveId) = await conn.QueryFirstAsync<(string, Guid)>("""
                SELECT c.identifiant, l.eleve_id
                FROM identite.lien_responsable l JOIN identite.compte c ON c.personne_id = l.responsable_id
                WHERE EXISTS (SELECT 1 FROM viescolaire.absence a WHERE a.eleve_id = l.eleve_id AND a.type = 'absence')
                ORDER BY c.identifiant LIMIT 1
                """);
        }

        Assert.Matches(@"^e001\.parent\.\d{4}$", identifiant);
        using var navigateur = new Navigateur(app);
        var connexion = await Jetons.ClientSpa(app, navigateur, identifiant, Semeur.MotDePasse).LoginAsync();
        Assert.False(connexion.IsError, connexion.Error);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connexion.AccessToken);

        var moi = await (await client.GetAsync("/api/identite/me")).ReadJsonAsync();
        Assert.Contains(moi["enfants"]!.AsArray(), e => (string)e!["id"]! == eleveId.ToString());

        // Grades of the first trimester: twelve subjects, each with marks.
        var t1 = await LireAsync(async c => await c.ExecuteScalarAsync<Guid>("SELECT id FROM scolarite.periode WHERE numero = 1"));
        var reponse = await client.GetAsync($"/api/scolarite/eleves/{eleveId}/notes?periodeId={t1}");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var notes = await reponse.ReadJsonAsync();
        var matieres = notes["matieres"]!.AsArray();
        Assert.Equal(12, matieres.Count);
        Assert.All(matieres, m => Assert.NotEmpty(m!["notes"]!.AsArray()));
        Assert.NotNull(notes["moyenneGenerale"]);

        reponse = await client.GetAsync($"/api/viescolaire/eleves/{eleveId}/absences");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.NotEmpty((await reponse.ReadJsonAsync())["absences"]!.AsArray());

        // Another family's child is not theirs to read.
        var autre = await LireAsync(c => c.ExecuteScalarAsync<Guid>(
            "SELECT eleve_id FROM identite.lien_responsable WHERE eleve_id <> @eleveId AND responsable_id NOT IN (SELECT responsable_id FROM identite.lien_responsable WHERE eleve_id = @eleveId) LIMIT 1",
            new { eleveId }));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/scolarite/eleves/{autre}/notes")).StatusCode);
    }

    private async Task<T> LireAsync<T>(Func<NpgsqlConnection, Task<T>> lire)
    {
        await using var conn = await OuvrirAsync();
        return await lire(conn);
    }
}
