using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Ent.Kernel.Demo;
using Ent.Testing;

namespace Ent.Host.Tests;

/// <summary>A built SPA as the build leaves it: its main script with the .br and .gz the build writes beside it.</summary>
public sealed class SpaPrecompresseeApp : EntApp
{
    public const string Script = "/assets/index-abc123.js";

    public string Folder { get; } = CreateSpa();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Ent:Spa:Folder"] = Folder };

    public byte[] Fichier(string chemin) => File.ReadAllBytes(Path.Combine(Folder, chemin.TrimStart('/')));

    private static string CreateSpa()
    {
        var folder = TestCluster.NewFolder("spa");
        Directory.CreateDirectory(Path.Combine(folder, "assets"));
        File.WriteAllText(Path.Combine(folder, "index.html"), "<!doctype html><html lang=\"fr\"><title>Ent</title><div id=\"root\"></div>");
        var script = Path.Combine(folder, Script.TrimStart('/'));
        File.WriteAllText(script, string.Concat(Enumerable.Repeat("console.log('Ent, espace numérique de travail');\n", 200)));
        Ecrire(script + ".br", s => new BrotliStream(s, CompressionLevel.SmallestSize));
        Ecrire(script + ".gz", s => new GZipStream(s, CompressionLevel.SmallestSize));
        return folder;
    }

    private static void Ecrire(string variante, Func<Stream, Stream> compresseur)
    {
        using var sortie = compresseur(File.Create(variante));
        sortie.Write(File.ReadAllBytes(variante[..^3]));
    }
}

public sealed class CompressionTests(SpaPrecompresseeApp app) : IClassFixture<SpaPrecompresseeApp>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("br", ".br")]
    [InlineData("gzip", ".gz")]
    [InlineData("br;q=0, gzip", ".gz")]
    [InlineData("gzip;q=1, br;q=0.5", ".gz")]
    [InlineData("gzip, deflate, br, zstd", ".br")]
    public async Task A_script_is_served_precompressed_as_the_browser_prefers(string accepte, string variante)
    {
        var response = await GetAsync(SpaPrecompresseeApp.Script, accepte);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(variante == ".br" ? "br" : "gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        // The build's file as it is (its length), not compressed again on the fly; and the script once decompressed.
        Assert.Equal(app.Fichier(SpaPrecompresseeApp.Script + variante).Length, response.Content.Headers.ContentLength);
        Assert.Equal(app.Fichier(SpaPrecompresseeApp.Script), await DecompresserAsync(response));
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Without_accept_encoding_the_script_is_sent_as_it_is()
    {
        var response = await GetAsync(SpaPrecompresseeApp.Script, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(app.Fichier(SpaPrecompresseeApp.Script), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_variant_asked_for_by_its_own_address_says_how_it_is_encoded()
    {
        var response = await GetAsync(SpaPrecompresseeApp.Script + ".br", null);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/", "br")]
    [InlineData("/", "gzip")]
    [InlineData("/absences", "br")]
    [InlineData("/eleves/3/notes", "gzip")]
    public async Task The_spa_page_is_compressed_and_never_cached_stale(string chemin, string codage)
    {
        var response = await GetAsync(chemin, codage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(codage, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal(app.Fichier("index.html"), await DecompresserAsync(response));
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_spa_page_without_accept_encoding_is_plain()
    {
        var response = await GetAsync("/absences", null);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(app.Fichier("index.html"), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/connexion")]
    [InlineData("/connexion/oubli")]
    [InlineData("/activation")]
    [InlineData("/activation/envoi")]
    public async Task Login_pages_are_never_compressed_even_when_asked(string chemin)
    {
        // BREACH: an antiforgery token beside parameters the address chooses (README, « Compression et cache »).
        var response = await GetAsync(chemin + "?ReturnUrl=%2Fconnect%2Fauthorize", "br, gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_endpoint_is_never_compressed()
    {
        using var requete = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = EntApp.TiersRessources, ["client_secret"] = EntApp.SecretTiers,
                ["scope"] = "ressources.read",
            }),
        };
        requete.Headers.AcceptEncoding.ParseAdd("br, gzip");

        var response = await _client.SendAsync(requete);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("access_token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_api_json_of_a_signed_in_person_is_compressed_and_never_stored(string codage)
    {
        using var client = app.ClientConnecte("parent.001");
        using var requete = new HttpRequestMessage(HttpMethod.Get, "/api/identite/me");
        requete.Headers.AcceptEncoding.ParseAdd(codage);

        var response = await client.SendAsync(requete);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(codage, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var moi = JsonDocument.Parse(await DecompresserAsync(response));
        Assert.Equal(DemoIds.Of("compte", "parent.001"), moi.RootElement.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("/api/identite/me")]
    [InlineData("/api/communication/me/notifications")]
    public async Task The_api_ignores_the_login_session_cookie(string chemin)
    {
        // Why compressing the API is safe from BREACH: a cross-site page can make the browser send its cookies, never
        // its bearer token; with the session cookie alone the API answers nothing personal.
        using var navigateur = new Navigateur(app);
        var connexion = await Jetons.ClientSpa(app, navigateur, "parent.001").LoginAsync();
        Assert.False(connexion.IsError, connexion.Error); // the login went through /connect/authorize on this cookie
        using var requete = new HttpRequestMessage(HttpMethod.Get, chemin);
        requete.Headers.AcceptEncoding.ParseAdd("br");

        var response = await navigateur.Client.SendAsync(requete);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpResponseMessage> GetAsync(string chemin, string? accepte)
    {
        var requete = new HttpRequestMessage(HttpMethod.Get, chemin);
        if (accepte is not null)
        {
            requete.Headers.AcceptEncoding.ParseAdd(accepte);
        }

        return _client.SendAsync(requete);
    }

    private static async Task<byte[]> DecompresserAsync(HttpResponseMessage response)
    {
        await using var corps = await response.Content.ReadAsStreamAsync();
        await using Stream decompresse = response.Content.Headers.ContentEncoding.Single() switch
        {
            "br" => new BrotliStream(corps, CompressionMode.Decompress),
            "gzip" => new GZipStream(corps, CompressionMode.Decompress),
            var autre => throw new InvalidOperationException($"codage inattendu : {autre}"),
        };
        using var memoire = new MemoryStream();
        await decompresse.CopyToAsync(memoire);
        return memoire.ToArray();
    }
}
