using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ent.Testing;

namespace Ent.Scolarite.Tests;

/// <summary>The current school year's periods: read by anyone, set and published by the établissement's administrators.</summary>
public sealed class PeriodesTests(StructureApp app) : IClassFixture<StructureApp>
{
    private const string Route = $"{StructureApp.Route}/periodes";

    private int Debut => int.Parse(app.Annee[..4], System.Globalization.CultureInfo.InvariantCulture);

    private object Semestres => new
    {
        decoupage = "semestre",
        periodes = new[] { new { debut = $"{Debut}-09-01", fin = $"{Debut + 1}-01-31" }, new { debut = $"{Debut + 1}-02-01", fin = $"{Debut + 1}-07-04" } },
    };

    [Fact]
    public async Task The_head_sets_three_trimesters_and_anyone_reads_them()
    {
        var ids = await app.TrimestresAsync();

        var response = await app.Client(null).GetAsync(Route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var periodes = (await response.ReadJsonAsync()).AsArray();
        Assert.Equal(ids, periodes.Select(p => Guid.Parse((string)p!["id"]!)));
        Assert.Equal(["1er trimestre", "2e trimestre", "3e trimestre"], periodes.Select(p => (string)p!["libelle"]!));
        Assert.Equal([1, 2, 3], periodes.Select(p => (int)p!["numero"]!));
        Assert.All(periodes, p => Assert.Equal("trimestre", (string?)p!["decoupage"]));
        Assert.Equal(($"{Debut}-09-01", $"{Debut}-11-30"), ((string?)periodes[0]!["debut"], (string?)periodes[0]!["fin"]));
    }

    [Fact]
    public async Task A_local_administrator_sets_them_too()
    {
        await app.TrimestresAsync();

        var response = await app.Client(StructureApp.AdministrateurLocal).PutAsJsonAsync(Route, Semestres);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["1er semestre", "2nd semestre"], (await response.ReadJsonAsync()).AsArray().Select(p => (string)p!["libelle"]!));
    }

    [Fact]
    public async Task Semesters_replace_trimesters_and_keep_the_ids_by_number()
    {
        var trimestres = await app.TrimestresAsync();

        var response = await app.Direction.PutAsJsonAsync(Route, Semestres);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var semestres = (await response.ReadJsonAsync()).AsArray();
        Assert.Equal(trimestres[..2], semestres.Select(p => Guid.Parse((string)p!["id"]!)));
        Assert.Equal(($"{Debut + 1}-02-01", "2nd semestre"), ((string?)semestres[1]!["debut"], (string?)semestres[1]!["libelle"]));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM scolarite.periode WHERE id = @id", new { id = trimestres[2] }));
        // Back to trimesters: the third comes back as a new period.
        Assert.Equal(trimestres[..2], (await app.TrimestresAsync())[..2]);
    }

    [Fact]
    public async Task A_period_with_assessments_keeps_its_id_when_its_dates_change_and_cannot_be_removed()
    {
        var trimestres = await app.TrimestresAsync();
        var evaluation = Guid.NewGuid();
        await app.ExecuteAsync("""
            INSERT INTO scolarite.evaluation (id, service_id, periode_id, date, titre, bareme, cree_par)
            SELECT @evaluation, s.id, @periode, @date::date, 'Contrôle', 20, s.enseignant_id
            FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
            WHERE c.etablissement_id = @EtablissementId AND c.code = '2NDE1' AND c.annee_scolaire = @Annee AND s.matiere_code = 'MATHS'
            """, new { evaluation, periode = trimestres[2], date = new DateTime(Debut + 1, 4, 2), app.EtablissementId, app.Annee });
        try
        {
            var refus = await app.Direction.PutAsJsonAsync(Route, Semestres);

            Assert.Equal(HttpStatusCode.Conflict, refus.StatusCode);
            var probleme = await refus.ReadJsonAsync();
            Assert.Equal("urn:ent:probleme:conflit", (string?)probleme["type"]);
            Assert.Contains("3e trimestre", (string?)probleme["detail"], StringComparison.Ordinal);
            Assert.Equal(trimestres, (await app.Client(null).GetFromJsonAsync<JsonArray>(Route))!.Select(p => Guid.Parse((string)p!["id"]!)));

            // New dates for the same three trimesters: allowed, same ids.
            var decale = await app.Direction.PutAsJsonAsync(Route, new
            {
                decoupage = "trimestre",
                periodes = new[]
                {
                    new { debut = $"{Debut}-09-02", fin = $"{Debut}-12-05" },
                    new { debut = $"{Debut}-12-06", fin = $"{Debut + 1}-03-20" },
                    new { debut = $"{Debut + 1}-03-21", fin = $"{Debut + 1}-07-03" },
                },
            });
            Assert.Equal(HttpStatusCode.OK, decale.StatusCode);
            var periodes = (await decale.ReadJsonAsync()).AsArray();
            Assert.Equal(trimestres, periodes.Select(p => Guid.Parse((string)p!["id"]!)));
            Assert.Equal($"{Debut + 1}-03-21", (string?)periodes[2]!["debut"]);
        }
        finally
        {
            await app.ExecuteAsync("DELETE FROM scolarite.evaluation WHERE id = @evaluation", new { evaluation });
        }
    }

    public static TheoryData<string, string, string> Invalides => new()
    {
        // decoupage, the periods as JSON (YYYY stands for the year the school year starts, ZZZZ for the next), field in error
        { "trimestre", """[{"debut":"YYYY-09-01","fin":"YYYY-12-31"},{"debut":"ZZZZ-01-01","fin":"ZZZZ-06-30"}]""", "periodes" },
        { "semestre", """[{"debut":"YYYY-09-01","fin":"YYYY-12-31"},{"debut":"ZZZZ-01-01","fin":"ZZZZ-03-31"},{"debut":"ZZZZ-04-01","fin":"ZZZZ-06-30"}]""", "periodes" },
        { "semestre", """[{"debut":"YYYY-09-01","fin":"ZZZZ-01-31"},{"debut":"ZZZZ-01-15","fin":"ZZZZ-06-30"}]""", "periodes[1].debut" },
        { "semestre", """[{"debut":"ZZZZ-02-01","fin":"ZZZZ-06-30"},{"debut":"YYYY-09-01","fin":"ZZZZ-01-31"}]""", "periodes[1].debut" },
        { "semestre", """[{"debut":"YYYY-08-31","fin":"ZZZZ-01-31"},{"debut":"ZZZZ-02-01","fin":"ZZZZ-06-30"}]""", "periodes[0].debut" },
        { "semestre", """[{"debut":"YYYY-09-01","fin":"ZZZZ-01-31"},{"debut":"ZZZZ-02-01","fin":"ZZZZ-09-01"}]""", "periodes[1].fin" },
        { "semestre", """[{"debut":"YYYY-10-01","fin":"YYYY-09-30"},{"debut":"ZZZZ-02-01","fin":"ZZZZ-06-30"}]""", "periodes[0].fin" },
        { "quadrimestre", """[{"debut":"YYYY-09-01","fin":"ZZZZ-01-31"},{"debut":"ZZZZ-02-01","fin":"ZZZZ-06-30"}]""", "decoupage" },
        { "semestre", "null", "periodes" },
    };

    [Theory]
    [MemberData(nameof(Invalides))]
    public async Task Wrong_periods_are_a_400_in_french_and_change_nothing(string decoupage, string periodes, string champ)
    {
        var avant = await app.TrimestresAsync();
        var json = $$"""{"decoupage":"{{decoupage}}","periodes":{{periodes.Replace("YYYY", $"{Debut}", StringComparison.Ordinal).Replace("ZZZZ", $"{Debut + 1}", StringComparison.Ordinal)}}}""";

        var response = await app.Direction.PutAsync(Route, Http.JsonBody(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var probleme = await response.ReadJsonAsync();
        Assert.Equal("urn:ent:probleme:validation", (string?)probleme["type"]);
        var messages = probleme["errors"]![champ]!.AsArray().Select(m => (string)m!).ToList();
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Matches("[éèàù]|période|trimestre|semestre", m));
        Assert.Equal(avant, (await app.Client(null).GetFromJsonAsync<JsonArray>(Route))!.Select(p => Guid.Parse((string)p!["id"]!)));
    }

    [Fact]
    public async Task Overlapping_periods_say_so()
    {
        var json = $$"""{"decoupage":"semestre","periodes":[{"debut":"{{Debut}}-09-01","fin":"{{Debut + 1}}-01-31"},{"debut":"{{Debut + 1}}-01-15","fin":"{{Debut + 1}}-06-30"}]}""";

        var response = await app.Direction.PutAsync(Route, Http.JsonBody(json));

        var message = (string?)(await response.ReadJsonAsync())["errors"]!["periodes[1].debut"]![0];
        Assert.Equal($"La période commence le 15 janvier {Debut + 1}, avant la fin de la précédente (31 janvier {Debut + 1}) : " +
                     "les périodes se suivent dans l'ordre sans se chevaucher.", message);
    }

    [Fact]
    public async Task The_head_publishes_and_withdraws_a_period_report_cards()
    {
        var trimestre = (await app.TrimestresAsync())[0];
        var route = $"{Route}/{trimestre}/publication";

        (await app.Direction.DeleteAsync(route)).EnsureSuccessStatusCode(); // the demo may have published it already

        var publiee = await app.Direction.PostAsync(route, null);
        var encore = await app.Direction.PostAsync(route, null);

        Assert.Equal(HttpStatusCode.OK, publiee.StatusCode);
        var le = (string?)(await publiee.ReadJsonAsync())["bulletinsPubliesLe"];
        Assert.NotNull(le);
        Assert.True(DateTime.UtcNow - DateTime.Parse(le, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() < TimeSpan.FromMinutes(5));
        Assert.Equal(le, (string?)(await encore.ReadJsonAsync())["bulletinsPubliesLe"]);
        Assert.Equal(le, (string?)(await app.Client(null).GetFromJsonAsync<JsonArray>(Route))![0]!["bulletinsPubliesLe"]);
        // New dates for the periods keep their publication.
        await app.TrimestresAsync();
        Assert.Equal(le, (string?)(await app.Client(null).GetFromJsonAsync<JsonArray>(Route))![0]!["bulletinsPubliesLe"]);

        var retiree = await app.Direction.DeleteAsync(route);

        Assert.Equal(HttpStatusCode.OK, retiree.StatusCode);
        Assert.Null((await retiree.ReadJsonAsync())["bulletinsPubliesLe"]?.GetValue<string>());
        Assert.Null((await app.Client(null).GetFromJsonAsync<JsonArray>(Route))![0]!["bulletinsPubliesLe"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_period_of_another_etablissement_or_unknown_is_404()
    {
        foreach (var id in new[] { app.PeriodeAutreEtablissement, Guid.NewGuid() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await app.Direction.PostAsync($"{Route}/{id}/publication", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Direction.DeleteAsync($"{Route}/{id}/publication")).StatusCode);
        }

        Assert.Null((await app.ListAsync<DateTime?>("SELECT bulletins_publies_le FROM scolarite.periode WHERE id = @id",
            new { id = app.PeriodeAutreEtablissement })).Single());
    }

    [Theory]
    [InlineData("cpe")]
    [InlineData("prof.01")]
    [InlineData("parent.001")]
    [InlineData("eleve.001")]
    public async Task Anyone_but_an_administrator_gets_404_on_writes(string login)
    {
        var trimestre = (await app.TrimestresAsync())[0];
        var client = app.Client(login);

        var definir = await client.PutAsJsonAsync(Route, Semestres);
        var publier = await client.PostAsync($"{Route}/{trimestre}/publication", null);
        var retirer = await client.DeleteAsync($"{Route}/{trimestre}/publication");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [definir.StatusCode, publier.StatusCode, retirer.StatusCode]);
        Assert.Equal("urn:ent:probleme:introuvable", (string?)(await definir.ReadJsonAsync())["type"]);
        Assert.Equal(3, (await app.Client(null).GetFromJsonAsync<JsonArray>(Route))!.Count);
    }

    [Fact]
    public async Task The_head_of_another_etablissement_route_gets_404_and_unknown_uai_too()
    {
        var voisin = await app.Direction.PutAsJsonAsync($"/api/scolarite/etablissements/{StructureApp.AutreUai}/periodes", Semestres);
        var inconnu = await app.Direction.PutAsJsonAsync("/api/scolarite/etablissements/0999999Z/periodes", Semestres);
        var invalide = await app.Direction.PutAsJsonAsync("/api/scolarite/etablissements/ABC/periodes", Semestres);

        Assert.Equal(HttpStatusCode.NotFound, voisin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inconnu.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalide.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_writes_answer_401()
    {
        var response = await app.Client(null).PutAsJsonAsync(Route, Semestres);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
