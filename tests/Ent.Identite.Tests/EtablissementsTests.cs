using System.Net;
using Dapper;
using Ent.Testing;
using Npgsql;

namespace Ent.Identite.Tests;

public sealed class EtablissementsTests(EntApp app) : IClassFixture<EntApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_list_holds_the_demo_lycee_with_public_fields_only()
    {
        var response = await _client.GetAsync("/api/identite/etablissements");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lycee = Assert.Single((await response.ReadJsonAsync()).AsArray())!;
        Assert.Equal("0750000A", (string?)lycee["uai"]);
        Assert.Equal("Lycée démo", (string?)lycee["nom"]);
        Assert.Equal("Paris", (string?)lycee["academie"]);
        Assert.Equal(["uai", "nom", "academie", "commune"], lycee.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("0750000A")]
    [InlineData("0750000a")]
    [InlineData(" 0750000A ")]
    public async Task One_etablissement_by_its_uai_whatever_the_case(string uai)
    {
        var response = await _client.GetAsync($"/api/identite/etablissements/{Uri.EscapeDataString(uai)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Lycée démo", (string?)(await response.ReadJsonAsync())["nom"]);
    }

    [Fact]
    public async Task An_unknown_uai_is_a_404_in_french()
    {
        var response = await _client.GetAsync("/api/identite/etablissements/0999999Z");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Aucun établissement n'a l'UAI 0999999Z.", (string?)(await response.ReadJsonAsync())["detail"]);
    }

    [Theory]
    [InlineData("démo", 1)]
    [InlineData("DÉMO", 1)]
    [InlineData("paris", 1)]
    [InlineData("0750000a", 1)]
    [InlineData("collège inconnu", 0)]
    [InlineData("%%", 0)]
    [InlineData("__", 0)]
    public async Task Search_by_part_of_name_town_or_uai(string texte, int expected)
    {
        var response = await _client.PostAsync("/api/identite/etablissements/recherche",
            Http.JsonBody($$"""{"texte": "{{texte}}"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, (await response.ReadJsonAsync()).AsArray().Count);
    }

    [Fact]
    public async Task Search_honours_its_limit()
    {
        await using (var db = NpgsqlDataSource.Create(app.ConnectionString))
        await using (var conn = await db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO identite.etablissement (id, uai, nom, academie)
                SELECT gen_random_uuid(), lpad(n::text, 7, '0') || 'R', 'Lycée recherche ' || n, 'Créteil'
                FROM generate_series(9100000, 9100009) n
                """);
        }

        var response = await _client.PostAsync("/api/identite/etablissements/recherche", Http.JsonBody("""{"texte": "recherche", "limite": 3}"""));

        var noms = (await response.ReadJsonAsync()).AsArray().Select(e => (string)e!["nom"]!).ToArray();
        Assert.Equal(["Lycée recherche 9100000", "Lycée recherche 9100001", "Lycée recherche 9100002"], noms);
    }
}
