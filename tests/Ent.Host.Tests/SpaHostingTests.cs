using System.Net;
using Ent.Testing;

namespace Ent.Host.Tests;

/// <summary>A built SPA in a folder of its own, served from the same origin as the API.</summary>
public sealed class SpaApp : EntApp
{
    public string Folder { get; } = CreateSpa();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ent:Spa:Folder"] = Folder };

    private static string CreateSpa()
    {
        var folder = TestCluster.NewFolder("spa");
        Directory.CreateDirectory(Path.Combine(folder, "assets"));
        File.WriteAllText(Path.Combine(folder, "index.html"), "<!doctype html><html lang=\"fr\"><title>Ent</title><div id=\"root\"></div>");
        File.WriteAllText(Path.Combine(folder, "assets", "index-abc123.js"), "console.log('ent')");
        File.WriteAllText(Path.Combine(folder, "sw.js"), "self.addEventListener('install', () => self.skipWaiting())");
        File.WriteAllText(Path.Combine(folder, "manifest.webmanifest"), "{\"name\":\"Ent\",\"display\":\"standalone\"}");
        return folder;
    }
}

public sealed class SpaHostingTests(SpaApp app) : IClassFixture<SpaApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/")]
    [InlineData("/absences")]
    [InlineData("/eleves/3/notes")]
    public async Task The_spa_page_answers_its_client_routes(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_long_time()
    {
        var response = await _client.GetAsync("/assets/index-abc123.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/inconnu")]
    [InlineData("/openapi/v2.json")]
    [InlineData("/assets/absent.js")]
    public async Task Unknown_api_addresses_and_missing_files_are_404_not_the_spa(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_service_worker_is_revalidated_at_every_request_and_allowed_by_the_csp()
    {
        var response = await _client.GetAsync("/sw.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        // A cached worker would keep the previous version's list of files: the browser must ask each time.
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("worker-src 'self';", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_app_manifest_has_its_content_type()
    {
        var response = await _client.GetAsync("/manifest.webmanifest");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Contains("manifest-src 'self';", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
