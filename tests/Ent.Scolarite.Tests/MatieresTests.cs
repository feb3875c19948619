using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ent.Testing;

namespace Ent.Scolarite.Tests;

/// <summary>The établissement's subjects and grading settings, managed by its administrators.</summary>
public sealed class MatieresTests(StructureApp app) : IClassFixture<StructureApp>
{
    private const string Route = $"{StructureApp.Route}/matieres";

    [Fact]
    public async Task Anyone_lists_the_subjects_in_report_card_order()
    {
        await app.Direction.PutAsJsonAsync($"{Route}/PHILO", new { libelle = "Philosophie", codeNational = "013200", rang = 900 });
        await app.Direction.PutAsJsonAsync($"{Route}/MATHS", new { libelle = "Mathématiques", codeNational = "061300", rang = 20 });

        var response = await app.Client(null).GetAsync(Route);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var matieres = (await response.ReadJsonAsync()).AsArray();
        var codes = matieres.Select(m => (string)m!["code"]!).ToList();
        Assert.True(codes.IndexOf("MATHS") < codes.IndexOf("PHILO"), string.Join(", ", codes));
        var maths = matieres.Single(m => (string?)m!["code"] == "MATHS")!;
        Assert.Equal(("Mathématiques", "061300", 20), ((string?)maths["libelle"], (string?)maths["codeNational"], (int)maths["rang"]!));
    }

    [Fact]
    public async Task The_head_creates_a_subject_that_anyone_then_sees()
    {
        var response = await app.Direction.PutAsJsonAsync($"{Route}/LATIN", new { libelle = " Latin ", codeNational = "020700", rang = 5 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var matiere = await response.ReadJsonAsync();
        Assert.Equal(("LATIN", "Latin", "020700", 5), ((string?)matiere["code"], (string?)matiere["libelle"], (string?)matiere["codeNational"], (int)matiere["rang"]!));
        var matieres = (await app.Client(null).GetFromJsonAsync<JsonArray>(Route))!;
        Assert.Contains(matieres, m => (string?)m!["code"] == "LATIN" && (int)m["rang"]! == 5);
    }

    [Fact]
    public async Task Renaming_a_subject_renames_it_in_this_year_services_only()
    {
        var response = await app.Direction.PutAsJsonAsync($"{Route}/SVT", new { libelle = "SVT", codeNational = (string?)null, rang = 40 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await response.ReadJsonAsync())["codeNational"]?.GetValue<string>());
        var libelles = await app.ListAsync<string>("""
            SELECT DISTINCT s.matiere_libelle FROM scolarite.service_enseignement s JOIN scolarite.classe c ON c.id = s.classe_id
            WHERE s.matiere_code = 'SVT' AND c.annee_scolaire = @Annee
            """, new { app.Annee });
        Assert.Equal(["SVT"], libelles);
        Assert.Equal("Mathématiques", await app.ScalarAsync<string>("SELECT matiere_libelle FROM scolarite.service_enseignement WHERE id = @id",
            new { id = app.ServiceAnneePassee }));
    }

    [Theory]
    [InlineData("maths", """{"libelle":"Maths","rang":1}""", "code")]
    [InlineData("MATHS-2", """{"libelle":"Maths","rang":1}""", "code")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU", """{"libelle":"Maths","rang":1}""", "code")]
    [InlineData("MATHS", """{"libelle":"  ","rang":1}""", "libelle")]
    [InlineData("MATHS", """{"rang":1}""", "libelle")]
    [InlineData("MATHS", """{"libelle":"Maths","codeNational":"6130","rang":1}""", "codeNational")]
    [InlineData("MATHS", """{"libelle":"Maths","rang":1000}""", "rang")]
    [InlineData("MATHS", """{"libelle":"Maths","rang":-1}""", "rang")]
    public async Task A_wrong_subject_is_a_400_in_french(string code, string json, string champ)
    {
        await app.Direction.PutAsJsonAsync($"{Route}/MATHS", new { libelle = "Mathématiques", rang = 20 });
        var response = await app.Direction.PutAsync($"{Route}/{code}", Http.JsonBody(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Matches("[A-Z].* (est|compte) ", (string?)(await response.ReadJsonAsync())["errors"]![champ]![0]);
        Assert.Equal("Mathématiques", await app.ScalarAsync<string>(
            "SELECT libelle FROM scolarite.matiere WHERE etablissement_id = @EtablissementId AND code = 'MATHS'", new { app.EtablissementId }));
    }

    [Fact]
    public async Task The_grading_settings_are_the_administrators_to_read_and_change()
    {
        var route = $"{StructureApp.Route}/parametres-notation";

        var zero = await app.Direction.PutAsJsonAsync(route, new { nonRendu = "zero" });
        var lu = await app.Client(StructureApp.AdministrateurLocal).GetFromJsonAsync<JsonObject>(route);
        var exclu = await app.Direction.PutAsJsonAsync(route, new { nonRendu = "exclu" });
        var relu = await app.Direction.GetFromJsonAsync<JsonObject>(route);

        Assert.Equal(HttpStatusCode.OK, zero.StatusCode);
        Assert.Equal("zero", (string?)(await zero.ReadJsonAsync())["nonRendu"]);
        Assert.Equal("zero", (string?)lu!["nonRendu"]);
        Assert.Equal(HttpStatusCode.OK, exclu.StatusCode);
        Assert.Equal("exclu", (string?)relu!["nonRendu"]);
    }

    [Fact]
    public async Task A_wrong_grading_setting_is_a_400()
    {
        var response = await app.Direction.PutAsJsonAsync($"{StructureApp.Route}/parametres-notation", new { nonRendu = "parfois" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Choisissez « zero »", (string?)(await response.ReadJsonAsync())["errors"]!["nonRendu"]![0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpe")]
    [InlineData("prof.01")]
    [InlineData("parent.001")]
    [InlineData("eleve.001")]
    public async Task Anyone_but_an_administrator_gets_404(string login)
    {
        await app.Direction.PutAsJsonAsync($"{Route}/MATHS", new { libelle = "Mathématiques", rang = 20 });
        var client = app.Client(login);

        var matiere = await client.PutAsJsonAsync($"{Route}/MATHS", new { libelle = "Calcul", rang = 1 });
        var parametres = await client.GetAsync($"{StructureApp.Route}/parametres-notation");
        var modifier = await client.PutAsJsonAsync($"{StructureApp.Route}/parametres-notation", new { nonRendu = "zero" });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound], [matiere.StatusCode, parametres.StatusCode, modifier.StatusCode]);
        Assert.Equal("urn:ent:probleme:introuvable", (string?)(await parametres.ReadJsonAsync())["type"]);
        Assert.Equal("Mathématiques", await app.ScalarAsync<string>(
            "SELECT libelle FROM scolarite.matiere WHERE etablissement_id = @EtablissementId AND code = 'MATHS'", new { app.EtablissementId }));
    }
}
