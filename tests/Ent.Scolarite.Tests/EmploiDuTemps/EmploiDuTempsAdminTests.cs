using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Ent.Kernel.Demo;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ent.Scolarite.Tests.EmploiDuTemps;

/// <summary>
/// The demo lycée with its clock pinned on Wednesday 13 January 2027, 10:30 in Paris (school year 2026-2027), and a
/// neighbouring établissement with an administrator of its own and a service: its administrator must not reach the
/// lycée's timetable, nor the lycée's administrators its service.
/// </summary>
public sealed class EdtApp : EntApp
{
    public static readonly DateTimeOffset Maintenant = new(2027, 1, 13, 9, 30, 0, TimeSpan.Zero);
    public const string Route = $"/api/scolarite/etablissements/{DemoLycee.Uai}";
    public const string AdminVoisin = "test.admin.voisin";

    public Guid ServiceVoisin { get; } = Guid.NewGuid();

    private sealed class Horloge(DateTimeOffset depart) : TimeProvider
    {
        private readonly DateTimeOffset _lancement = System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => depart + (System.GetUtcNow() - _lancement);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new Horloge(Maintenant)));
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Db.OpenConnectionAsync();
        Guid voisin = Guid.NewGuid(), admin = Guid.NewGuid(), classe = Guid.NewGuid();
        await conn.ExecuteAsync("""
            INSERT INTO identite.etablissement (id, uai, nom, academie) VALUES (@voisin, '0990004A', 'Lycée voisin', 'Paris');
            INSERT INTO identite.personne (id, nom, prenom) VALUES (@admin, 'Voisin', 'Admin');
            INSERT INTO identite.rattachement (personne_id, etablissement_id, profil, fonction) VALUES (@admin, @voisin, 'personnel', 'administrateur_local');
            INSERT INTO identite.compte (id, personne_id, identifiant, mot_de_passe_hash) VALUES (gen_random_uuid(), @admin, @AdminVoisin, @hash);
            INSERT INTO scolarite.classe (id, etablissement_id, annee_scolaire, code, libelle, niveau) VALUES (@classe, @voisin, '2026-2027', '2NDE1', 'Seconde 1', 'seconde');
            INSERT INTO scolarite.service_enseignement (id, enseignant_id, matiere_code, matiere_libelle, classe_id) VALUES (@ServiceVoisin, gen_random_uuid(), 'MATHS', 'Mathématiques', @classe);
            """, new
        {
            voisin, admin, classe, AdminVoisin, ServiceVoisin,
            hash = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), DemoLycee.MotDePasse),
        });
    }

    public HttpClient Client(string login) => this.ClientConnecte(login);

    public HttpClient Direction => Client("direction");

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        await conn.ExecuteAsync(sql, parameters);
    }

    /// <summary>A demo service's id: the teacher's login, the class or group code, the subject code.</summary>
    public Task<Guid> ServiceAsync(string division, string matiere) => ScalarAsync<Guid>("""
        SELECT s.id FROM scolarite.service_enseignement s
        LEFT JOIN scolarite.classe c ON c.id = s.classe_id LEFT JOIN scolarite.groupe g ON g.id = s.groupe_id
        WHERE coalesce(c.code, g.code) = @division AND s.matiere_code = @matiere AND coalesce(c.annee_scolaire, g.annee_scolaire) = '2026-2027'
          AND coalesce(c.etablissement_id, g.etablissement_id) = (SELECT id FROM identite.etablissement WHERE uai = @Uai)
        """, new { division, matiere, DemoLycee.Uai });
}

/// <summary>
/// The timetable's administration over HTTP: the demo's full timetable, who may read and change it, a slot's creation,
/// change and removal with the overlap rule, the week A/B calendar, the CSV import (line-numbered errors, all or nothing,
/// the period replaced), and the roll call reading the timetable with its changes (cancelled, moved, replaced lessons).
/// </summary>
public sealed class EmploiDuTempsAdminTests(EdtApp app) : IClassFixture<EdtApp>
{
    private static readonly DateOnly Aujourdhui = new(2027, 1, 13);

    internal sealed record Creneau(Guid Id, Guid ServiceId, string Matiere, string MatiereCode, Guid? ClasseId, Guid? GroupeId, string Division,
        Guid EnseignantId, string Enseignant, int Jour, string Debut, string Fin, string? Salle, string? Semaine, DateOnly ValideDu, DateOnly ValideAu);

    internal sealed record SemaineAb(DateOnly Lundi, string Semaine, bool Declaree);

    internal sealed record Calendrier(string AnneeScolaire, SemaineAb[] Semaines);

    internal sealed record Bilan(bool Verification, DateOnly Du, DateOnly Au, int Lignes, int CreneauxRemplaces);

    internal sealed record Probleme(string? Title, string? Detail, Dictionary<string, string[]>? Errors);

    private async Task<Creneau[]> CreneauxAsync(string filtre = "") =>
        (await app.Direction.GetFromJsonAsync<Creneau[]>($"{EdtApp.Route}/creneaux{filtre}"))!;

    private static async Task<Probleme> ProblemeAsync(HttpResponseMessage reponse, HttpStatusCode attendu)
    {
        Assert.Equal(attendu, reponse.StatusCode);
        return (await reponse.Content.ReadFromJsonAsync<Probleme>())!;
    }

    private static MultipartFormDataContent Fichier(string csv, Encoding? encodage = null)
    {
        var contenu = new ByteArrayContent((encodage ?? Encoding.UTF8).GetBytes(csv));
        contenu.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { contenu, "fichier", "edt.csv" } };
    }

    [Fact]
    public async Task The_demo_timetable_places_every_service_of_every_class_for_the_whole_year_with_week_A_and_B_slots()
    {
        var creneaux = await CreneauxAsync();
        var structure = await (await app.Direction.GetAsync($"{EdtApp.Route}/structure")).ReadJsonAsync();
        var services = structure["services"]!.AsArray().Select(s => (Id: Guid.Parse((string)s!["id"]!), Matiere: (string)s["matiereCode"]!)).ToList();

        // Today's slots (other tests add some on given days only): each service its subject's weekly hours, weeks A and B counting half.
        var duJour = creneaux.Where(c => c.ValideDu <= Aujourdhui && c.ValideAu >= Aujourdhui).ToList();
        Assert.All(services, s =>
        {
            var heures = duJour.Where(c => c.ServiceId == s.Id).Sum(c => c.Semaine is null ? 1m : 0.5m);
            Assert.Equal(s.Matiere switch { "FRANCAIS" or "MATHS" or "PHILO" => 4m, "HIST_GEO" or "ANGLAIS" => 3m, "PHYS_CHIM" => 2.5m, "SVT" => 1.5m, _ => 2m }, heures);
        });
        Assert.Contains(duJour, c => c.Semaine == "A");
        Assert.Contains(duJour, c => c.Semaine == "B");
        Assert.Equal(new DateOnly(2026, 9, 1), creneaux.Min(c => c.ValideDu));
        Assert.Equal(new DateOnly(2027, 8, 31), creneaux.Max(c => c.ValideAu));
        Assert.All(duJour, c => Assert.InRange(c.Jour, 1, 5));

        // Filters: a class's week holds its group lessons (ESP2 draws on 2NDE1); a teacher's, theirs only.
        var seconde1 = await CreneauxAsync($"?classe={duJour.First(c => c.Division == "2NDE1").ClasseId}");
        Assert.Contains(seconde1, c => c.Division == "ESP2");
        Assert.DoesNotContain(seconde1, c => c.Division is "2NDE2" or "TG1");
        var prof12 = StructureApp.Personne("prof.12");
        Assert.All(await CreneauxAsync($"?enseignant={prof12}"), c => Assert.Equal((prof12, "PHILO"), (c.EnseignantId, c.MatiereCode)));
        Assert.All(await CreneauxAsync("?salle=gymnase"), c => Assert.Equal("EPS", c.MatiereCode));
    }

    [Theory]
    [InlineData("direction", HttpStatusCode.OK)]
    [InlineData("prof.01", HttpStatusCode.NotFound)]
    [InlineData("parent.001", HttpStatusCode.NotFound)]
    [InlineData("eleve.001", HttpStatusCode.NotFound)]
    [InlineData("cpe", HttpStatusCode.NotFound)]
    [InlineData(EdtApp.AdminVoisin, HttpStatusCode.NotFound)]
    public async Task Only_the_etablissements_administrators_read_and_change_its_timetable(string login, HttpStatusCode attendu)
    {
        var client = app.Client(login);
        Assert.Equal(attendu, (await client.GetAsync($"{EdtApp.Route}/creneaux")).StatusCode);
        Assert.Equal(attendu, (await client.GetAsync($"{EdtApp.Route}/semaines")).StatusCode);

        if (attendu != HttpStatusCode.OK)
        {
            var service = await app.ServiceAsync("2NDE1", "MATHS");
            var creneau = await app.ScalarAsync<Guid>("SELECT id FROM scolarite.creneau WHERE service_id = @service LIMIT 1", new { service });
            var saisie = new { serviceId = service, jour = 6, debut = "07:00", fin = "07:55" };
            Assert.Equal(attendu, (await client.PostAsJsonAsync($"{EdtApp.Route}/creneaux", saisie)).StatusCode);
            Assert.Equal(attendu, (await client.PutAsJsonAsync($"{EdtApp.Route}/creneaux/{creneau}", saisie)).StatusCode);
            Assert.Equal(attendu, (await client.DeleteAsync($"{EdtApp.Route}/creneaux/{creneau}")).StatusCode);
            Assert.Equal(attendu, (await client.PutAsJsonAsync($"{EdtApp.Route}/semaines", new { semaines = Array.Empty<object>() })).StatusCode);
            Assert.Equal(attendu, (await client.PostAsync($"{EdtApp.Route}/creneaux/import", Fichier("lundi;08:00;08:55;2NDE1;MATHS"))).StatusCode);
            Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*)::int FROM scolarite.creneau WHERE id = @creneau", new { creneau }));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{EdtApp.Route}/creneaux")).StatusCode);
    }

    [Fact]
    public async Task A_slot_is_created_changed_and_removed_and_one_that_overlaps_is_refused_with_409_saying_which()
    {
        // Saturday has no demo lesson.
        var (maths, francais, anglais, espagnol) = (await app.ServiceAsync("2NDE1", "MATHS"), await app.ServiceAsync("2NDE1", "FRANCAIS"),
            await app.ServiceAsync("2NDE1", "ANGLAIS"), await app.ServiceAsync("ESP2", "ESPAGNOL"));
        var route = $"{EdtApp.Route}/creneaux";
        var reponse = await app.Direction.PostAsJsonAsync(route, new { serviceId = maths, jour = 6, debut = "8:00", fin = "08:55", salle = " A12 ", semaine = "a", valideAu = "2027-06-30" });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var cree = (await reponse.Content.ReadFromJsonAsync<Creneau>())!;
        Assert.Equal(("Mathématiques", "2NDE1", 6, "08:00", "08:55", "A12", "A", new DateOnly(2026, 9, 1), new DateOnly(2027, 6, 30)),
            (cree.Matiere, cree.Division, cree.Jour, cree.Debut, cree.Fin, cree.Salle, cree.Semaine, cree.ValideDu, cree.ValideAu));
        Assert.Contains(await CreneauxAsync(), c => c.Id == cree.Id);

        // Week B at the same time: they never meet.
        Assert.Equal(HttpStatusCode.Created, (await app.Direction.PostAsJsonAsync(route,
            new { serviceId = francais, jour = 6, debut = "08:00", fin = "08:55", semaine = "B", valideAu = "2027-06-30" })).StatusCode);
        // Every week, half an hour later: meets both.
        var conflit = await ProblemeAsync(await app.Direction.PostAsJsonAsync(route, new { serviceId = anglais, jour = 6, debut = "08:30", fin = "09:25" }),
            HttpStatusCode.Conflict);
        Assert.StartsWith("Ce créneau chevauche Mathématiques — 2NDE1, samedi 08:00–08:55 (semaine A) : même classe (2NDE1)", conflit.Detail);
        // A group drawing pupils from 2NDE1 at that time neither.
        Assert.Contains("des élèves du groupe ESP2 sont de la classe 2NDE1", (await ProblemeAsync(await app.Direction.PostAsJsonAsync(route,
            new { serviceId = espagnol, jour = 6, debut = "08:00", fin = "08:55" }), HttpStatusCode.Conflict)).Detail);
        // Not the same dates: no overlap.
        Assert.Equal(HttpStatusCode.Created, (await app.Direction.PostAsJsonAsync(route,
            new { serviceId = anglais, jour = 6, debut = "08:30", fin = "09:25", valideDu = "2027-07-01" })).StatusCode);

        // Bad fields: each named, in French.
        var erreurs = (await ProblemeAsync(await app.Direction.PostAsJsonAsync(route, new
        {
            serviceId = app.ServiceVoisin, jour = 7, debut = "9:00", fin = "8h", semaine = "C", valideDu = "2026-08-31",
        }), HttpStatusCode.BadRequest)).Errors!;
        Assert.Equal(["fin", "jour", "semaine", "serviceId", "valideDu"], erreurs.Keys.Order());
        Assert.Equal("L'heure de fin doit suivre l'heure de début.", erreurs["fin"].Single());
        Assert.Equal(["salle"], (await ProblemeAsync(await app.Direction.PostAsJsonAsync(route,
            new { serviceId = maths, jour = 6, debut = "07:00", fin = "07:30", salle = new string('x', 41) }), HttpStatusCode.BadRequest)).Errors!.Keys);
        Assert.Equal(["debut"], (await ProblemeAsync(await app.Direction.PostAsJsonAsync(route,
            new { serviceId = maths, jour = 6, debut = "midi", fin = "13:00" }), HttpStatusCode.BadRequest)).Errors!.Keys);

        // Changed: moved to Saturday 10:00 every week; then onto the French B lesson: 409.
        var modifie = await app.Direction.PutAsJsonAsync($"{route}/{cree.Id}", new { serviceId = maths, jour = 6, debut = "10:00", fin = "10:55" });
        Assert.Equal(HttpStatusCode.OK, modifie.StatusCode);
        Assert.Equal(("10:00", (string?)null, (string?)null), await modifie.Content.ReadFromJsonAsync<Creneau>() is { } m ? (m.Debut, m.Semaine, m.Salle) : default);
        Assert.Equal(HttpStatusCode.Conflict, (await app.Direction.PutAsJsonAsync($"{route}/{cree.Id}",
            new { serviceId = maths, jour = 6, debut = "08:00", fin = "08:55" })).StatusCode);

        // Removed; then unknown. Another établissement's slot ids are unknown here too.
        Assert.Equal(HttpStatusCode.NoContent, (await app.Direction.DeleteAsync($"{route}/{cree.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Direction.DeleteAsync($"{route}/{cree.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Direction.PutAsJsonAsync($"{route}/{cree.Id}",
            new { serviceId = maths, jour = 6, debut = "10:00", fin = "10:55" })).StatusCode);
        Assert.DoesNotContain(await CreneauxAsync(), c => c.Id == cree.Id);
    }

    [Fact]
    public async Task The_week_calendar_lists_the_years_weeks_and_stated_weeks_replace_the_years_statements()
    {
        var route = $"{EdtApp.Route}/semaines";
        var avant = (await app.Direction.GetFromJsonAsync<Calendrier>(route))!;
        Assert.Equal("2026-2027", avant.AnneeScolaire);
        Assert.Equal((new DateOnly(2026, 8, 31), "A"), (avant.Semaines[0].Lundi, avant.Semaines[0].Semaine));
        Assert.Equal(53, avant.Semaines.Length);

        var reponse = await app.Direction.PutAsJsonAsync(route, new { semaines = new[] { new { lundi = "2026-11-02", semaine = "A" } } });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var apres = (await reponse.Content.ReadFromJsonAsync<Calendrier>())!;
        Assert.Equal([new DateOnly(2026, 11, 2)], apres.Semaines.Where(s => s.Declaree).Select(s => s.Lundi));
        Assert.Equal(["A", "A", "B"], apres.Semaines.Where(s => s.Lundi >= new DateOnly(2026, 10, 26) && s.Lundi <= new DateOnly(2026, 11, 9))
            .Select(s => s.Semaine));

        var erreurs = (await ProblemeAsync(await app.Direction.PutAsJsonAsync(route, new
        {
            semaines = new[] { new { lundi = "2026-11-03", semaine = "A" }, new { lundi = "2025-11-03", semaine = "C" } },
        }), HttpStatusCode.BadRequest)).Errors!;
        Assert.Equal(["semaines[0].lundi", "semaines[1].lundi", "semaines[1].semaine"], erreurs.Keys.Order());

        // An empty list: nothing stated any more.
        var vide = (await (await app.Direction.PutAsJsonAsync(route, new { semaines = Array.Empty<object>() })).Content.ReadFromJsonAsync<Calendrier>())!;
        Assert.DoesNotContain(vide.Semaines, s => s.Declaree);
    }

    [Fact]
    public async Task A_csv_with_errors_names_each_line_and_changes_nothing_and_a_good_one_replaces_the_period()
    {
        const string periode = "?du=2027-06-01&au=2027-06-30";
        var route = $"{EdtApp.Route}/creneaux/import";
        var avant = await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.creneau");
        const string entete = "jour;debut;fin;classe_ou_groupe;matiere;enseignant;salle;semaine;du;au\n";

        var mauvais = await ProblemeAsync(await app.Direction.PostAsync(route + periode, Fichier(entete + """
            lundi;08:00;08:55;2NDE1;MATHS;;B12;;;
            lundi;08:00;08:55;2NDE1;MATHS;;B12;;;
            mardi;08:00;08:55;2NDE1;MATHS;Durand Nadia;;;;
            """)), HttpStatusCode.BadRequest);
        var lignes = mauvais.Errors!["fichier"];
        Assert.Equal(2, lignes.Length);
        Assert.StartsWith("Ligne 3 : ce créneau chevauche celui de la ligne 2", lignes[0]);
        Assert.StartsWith("Ligne 4 : l'enseignant « Durand Nadia » n'enseigne pas Mathématiques en 2NDE1", lignes[1]);
        Assert.Equal(avant, await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.creneau"));

        // Windows-1252, comma-separated, a check only: the summary, nothing written.
        const string bon = "jour,debut,fin,classe_ou_groupe,matiere,enseignant\nlundi,08:00,08:55,2NDE1,Mathématiques\nmardi,09:00,09:55,TG1,PHILO\n";
        var verification = await app.Direction.PostAsync(route + periode + "&verifier=true", Fichier(bon, Encoding.Latin1));
        Assert.Equal(HttpStatusCode.OK, verification.StatusCode);
        var bilan = (await verification.Content.ReadFromJsonAsync<Bilan>())!;
        Assert.True(bilan.Verification);
        Assert.Equal(2, bilan.Lignes);
        Assert.True(bilan.CreneauxRemplaces > 50, $"{bilan.CreneauxRemplaces} slots in June");
        Assert.Equal(avant, await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.creneau"));

        // For real: June holds the two lines only; the slots around it are cut at its edges, not lost.
        var import = await app.Direction.PostAsync(route + periode, Fichier(bon, Encoding.Latin1));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.False((await import.Content.ReadFromJsonAsync<Bilan>())!.Verification);
        var creneaux = await CreneauxAsync();
        var juin = creneaux.Where(c => c.ValideDu <= new DateOnly(2027, 6, 30) && c.ValideAu >= new DateOnly(2027, 6, 1)).ToList();
        Assert.Equal([("2NDE1", 1, "08:00"), ("TG1", 2, "09:00")], juin.Select(c => (c.Division, c.Jour, c.Debut)).Order());
        Assert.All(juin, c => Assert.Equal((new DateOnly(2027, 6, 1), new DateOnly(2027, 6, 30)), (c.ValideDu, c.ValideAu)));
        var philo = await app.ServiceAsync("TG1", "PHILO");
        var autresPhilo = creneaux.Where(c => c.ServiceId == philo && c.ValideDu != new DateOnly(2027, 6, 1)).ToList();
        Assert.Equal(8, autresPhilo.Count); // four weekly slots, each cut in two around June
        Assert.All(autresPhilo, c => Assert.True(c.ValideAu == new DateOnly(2027, 5, 31) || c.ValideDu == new DateOnly(2027, 7, 1)));

        // No file, or outside the year: 400.
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Direction.PostAsync(route, new MultipartFormDataContent())).StatusCode);
        Assert.Contains("du", (await ProblemeAsync(await app.Direction.PostAsync(route + "?du=2026-08-01", Fichier(bon)), HttpStatusCode.BadRequest)).Errors!.Keys);
    }

    [Fact]
    public async Task The_roll_call_follows_the_timetables_changes_cancelled_moved_and_replaced_lessons()
    {
        // prof.01's French in 2NDE1 at 7:00 (before the demo's day) on Friday 8, Monday 11 and Tuesday 12 January only.
        var francais = await app.ServiceAsync("2NDE1", "FRANCAIS");
        var (prof01, prof12) = (StructureApp.Personne("prof.01"), StructureApp.Personne("prof.12"));
        DateOnly vendredi = new(2027, 1, 8), lundi = new(2027, 1, 11), mardi = new(2027, 1, 12);
        foreach (var (jour, iso) in new[] { (vendredi, 5), (lundi, 1), (mardi, 2) })
        {
            Assert.Equal(HttpStatusCode.Created, (await app.Direction.PostAsJsonAsync($"{EdtApp.Route}/creneaux", new
            {
                serviceId = francais, jour = iso, debut = "07:00", fin = "07:55", salle = "B12", valideDu = jour, valideAu = jour,
            })).StatusCode);
        }

        DateTimeOffset A(DateOnly jour, int heure) => new(jour.ToDateTime(new TimeOnly(heure, 0)), TimeSpan.FromHours(1));
        async Task<List<(Guid ServiceId, DateTimeOffset Debut, Guid EnseignantId)>> NonFaitsAsync(DateOnly jour) =>
            [.. (await (await app.Client("cpe").GetAsync($"/api/viescolaire/etablissements/{DemoLycee.Uai}/appels-non-faits?date={jour:yyyy-MM-dd}"))
                .ReadJsonAsync()).AsArray()
                .Select(a => (Guid.Parse((string)a!["serviceId"]!), DateTimeOffset.Parse((string)a["debut"]!, System.Globalization.CultureInfo.InvariantCulture),
                    Guid.Parse((string)a["enseignantId"]!)))];
        Assert.Contains((francais, A(mardi, 7), prof01), await NonFaitsAsync(mardi));

        // Tuesday's is cancelled: never a missed roll call. Friday's moved to 18:00: missed at its new time.
        // Monday's is taken by prof.12: named as its teacher, and theirs to take.
        await app.ExecuteAsync("""
            INSERT INTO scolarite.modification_cours (id, etablissement_id, service_id, nature, debut_prevu, debut, fin, salle, remplacant_id, motif, saisi_par, saisi_le)
            SELECT gen_random_uuid(), e.id, @francais, m.nature, m.prevu, m.debut, m.fin, NULL, m.remplacant, 'Test', @prof01, now()
            FROM identite.etablissement e,
                 (VALUES ('annule', @mardi7, NULL::timestamptz, NULL::timestamptz, NULL::uuid),
                         ('deplace', @vendredi7, @vendredi18, @vendredi18 + interval '55 minutes', NULL),
                         ('remplace', @lundi7, @lundi7, @lundi7 + interval '55 minutes', @prof12)) AS m(nature, prevu, debut, fin, remplacant)
            WHERE e.uai = @Uai
            """, new
        {
            francais, prof01, prof12, mardi7 = A(mardi, 7).ToUniversalTime(), vendredi7 = A(vendredi, 7).ToUniversalTime(),
            vendredi18 = A(vendredi, 18).ToUniversalTime(), lundi7 = A(lundi, 7).ToUniversalTime(), DemoLycee.Uai,
        });

        Assert.DoesNotContain(await NonFaitsAsync(mardi), a => a.ServiceId == francais && a.Debut == A(mardi, 7));
        var vendrediNonFaits = await NonFaitsAsync(vendredi);
        Assert.Contains((francais, A(vendredi, 18), prof01), vendrediNonFaits);
        Assert.DoesNotContain(vendrediNonFaits, a => a.ServiceId == francais && a.Debut == A(vendredi, 7));
        Assert.Contains((francais, A(lundi, 7), prof12), await NonFaitsAsync(lundi));

        // The teachers' days show what became of the lessons.
        async Task<System.Text.Json.Nodes.JsonNode> CoursAsync(string login, DateOnly jour) =>
            (await (await app.Client(login).GetAsync($"/api/viescolaire/me/cours?date={jour:yyyy-MM-dd}")).ReadJsonAsync())["cours"]!.AsArray()
            .Single(c => (string?)c!["serviceId"] == francais.ToString() && DateTimeOffset.Parse((string)c["debut"]!, System.Globalization.CultureInfo.InvariantCulture).Hour is 6 or 17)!;
        var remplacant = await CoursAsync("prof.12", lundi);
        Assert.Equal(("remplace", true, true, "Français — Seconde 1"),
            ((string?)remplacant["statut"], (bool)remplacant["remplacant"]!, (bool)remplacant["appelPossible"]!, (string?)remplacant["cours"]));
        var titulaire = await CoursAsync("prof.01", lundi);
        Assert.Equal(("remplace", false, false), ((string?)titulaire["statut"], (bool)titulaire["remplacant"]!, (bool)titulaire["appelPossible"]!));
        var annule = await CoursAsync("prof.01", mardi);
        Assert.Equal(("annule", false, "Test"), ((string?)annule["statut"], (bool)annule["appelPossible"]!, (string?)annule["motif"]));
        var deplace = await CoursAsync("prof.01", vendredi);
        Assert.Equal(("deplace", A(vendredi, 7)), ((string?)deplace["statut"],
            DateTimeOffset.Parse((string)deplace["debutPrevu"]!, System.Globalization.CultureInfo.InvariantCulture)));

        // The replacing teacher reads the lesson's sheet; another teacher does not; nor prof.12 another of prof.01's lessons.
        string Feuille(DateOnly jour) => $"/api/viescolaire/services/{francais}/appel?debut={Uri.EscapeDataString(A(jour, 7).ToString("O"))}";
        Assert.Equal(HttpStatusCode.OK, (await app.Client("prof.12").GetAsync(Feuille(lundi))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client("prof.11").GetAsync(Feuille(lundi))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client("prof.12").GetAsync(Feuille(mardi))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client("prof.01").GetAsync(Feuille(lundi))).StatusCode);
    }
}
