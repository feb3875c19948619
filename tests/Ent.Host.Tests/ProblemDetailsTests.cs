using System.Net;
using Ent.Testing;

namespace Ent.Host.Tests;

/// <summary>Bad input gets a clear 4xx problem in French, never a 500 and never a stack trace.</summary>
public sealed class ProblemDetailsTests(EntApp app) : IClassFixture<EntApp>
{
    private const string Recherche = "/api/identite/etablissements/recherche";
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("{pas du json", null)]
    [InlineData("{\"texte\": 12}", "texte")]
    [InlineData("{\"texte\": \"démo\", \"limite\": \"beaucoup\"}", "limite")]
    [InlineData("[1, 2]", null)]
    public async Task Malformed_json_or_a_wrong_type_is_a_400_problem_in_french(string body, string? field)
    {
        var response = await _client.PostAsync(Recherche, Http.JsonBody(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("urn:ent:probleme:requete-illisible", (string?)problem["type"]);
        Assert.Equal("Requête invalide", (string?)problem["title"]);
        var detail = (string)problem["detail"]!;
        Assert.Contains("JSON", detail, StringComparison.Ordinal);
        if (field is not null)
        {
            Assert.Contains($"« {field} »", detail, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task A_missing_body_is_a_400_problem(string body)
    {
        var response = await _client.PostAsync(Recherche, Http.JsonBody(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("corps de la requête est vide", (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_errors_name_each_field_in_french()
    {
        var response = await _client.PostAsync(Recherche, Http.JsonBody("{\"texte\": \"a\", \"limite\": 500}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("urn:ent:probleme:validation", (string?)problem["type"]);
        Assert.Equal("Les données envoyées ne sont pas valides", (string?)problem["title"]);
        Assert.Equal("Saisissez de 2 à 100 caractères.", (string?)problem["errors"]!["texte"]![0]);
        Assert.Equal("La limite est comprise entre 1 et 50.", (string?)problem["errors"]!["limite"]![0]);
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem_not_the_spa()
    {
        var response = await _client.GetAsync("/api/identite/nexiste-pas");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("Ressource introuvable", (string?)problem["title"]);
        Assert.Equal("/api/identite/nexiste-pas", (string?)problem["instance"]);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        var response = await _client.DeleteAsync("/api/identite/etablissements");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("Méthode non autorisée sur cette adresse", (string?)problem["title"]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var response = await _client.PostAsync(Recherche, new StringContent("texte=demo", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("Type de contenu non pris en charge", (string?)problem["title"]);
    }

    [Fact]
    public async Task A_malformed_route_value_is_a_400_problem_naming_the_field()
    {
        var response = await _client.GetAsync("/api/identite/etablissements/pas-une-uai");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("7 chiffres", (string)problem["errors"]!["uai"]![0]!, StringComparison.Ordinal);
    }
}
