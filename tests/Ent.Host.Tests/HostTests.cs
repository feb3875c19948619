using System.Net;
using Ent.Testing;

namespace Ent.Host.Tests;

public sealed class HostTests(EntApp app) : IClassFixture<EntApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Health_live_and_ready_answer_healthy_when_the_database_answers()
    {
        var live = await _client.GetAsync("/health/live");
        var ready = await _client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/identite/etablissements")]
    [InlineData("/api/docs/index.html")]
    [InlineData("/health/live")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await _client.GetAsync(path);

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline'; img", csp.Split("script-src")[1].Split(';')[0], StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Api_answers_are_never_cached()
    {
        var response = await _client.GetAsync("/api/identite/etablissements");

        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_correlation_id_is_echoed_when_well_formed_and_made_otherwise()
    {
        using var given = new HttpRequestMessage(HttpMethod.Get, "/api/identite/etablissements");
        given.Headers.Add("X-Correlation-Id", "test-42");
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/identite/etablissements");
        forged.Headers.Add("X-Correlation-Id", "<script>alert(1)</script>");

        var echoed = await _client.SendAsync(given);
        var replaced = await _client.SendAsync(forged);

        Assert.Equal("test-42", echoed.Headers.GetValues("X-Correlation-Id").Single());
        Assert.Matches("^[0-9a-f]{32}$", replaced.Headers.GetValues("X-Correlation-Id").Single());
    }

    [Fact]
    public async Task The_trace_id_of_a_problem_is_the_correlation_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/identite/etablissements/0000000Z");
        request.Headers.Add("X-Correlation-Id", "suivi-1");

        var problem = await (await _client.SendAsync(request)).ReadJsonAsync();

        Assert.Equal("suivi-1", (string?)problem["traceId"]);
    }

    [Fact]
    public async Task The_api_documentation_lists_the_five_modules_tags()
    {
        var ui = await _client.GetAsync("/api/docs/index.html");
        var document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Contains("text/html", ui.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var tags = document["tags"]!.AsArray().Select(t => (string)t!["name"]!).ToArray();
        Assert.Equal(["Identite", "Scolarite", "VieScolaire", "Communication", "Ressources"], tags);
        var operationTags = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (string)o.Value!["tags"]![0]!))
            .ToHashSet();
        Assert.Equal(tags.ToHashSet(), operationTags);
    }

    [Fact]
    public async Task Every_operation_has_a_stable_name()
    {
        var document = await (await _client.GetAsync("/openapi/v1.json")).ReadJsonAsync();

        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty((string?)o.Value!["operationId"])));
    }
}
