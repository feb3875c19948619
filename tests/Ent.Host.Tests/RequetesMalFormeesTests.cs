using System.Net.Sockets;
using System.Text;
using Ent.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Ent.Host.Tests;

/// <summary>The demo lycée on a real Kestrel port, for requests no HttpClient would send.</summary>
public sealed class KestrelApp : EntApp
{
    public KestrelApp() => UseKestrel(0);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" };

    public override async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync("ent");
        StartServer();
        Port = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()).Port;
    }

    public int Port { get; private set; }
}

/// <summary>
/// Issue #12: malformed requests sent over a raw socket. What reaches the pipeline is answered as
/// <c>application/problem+json</c> whatever the caller accepts; what Kestrel rejects while parsing the request line or
/// headers never reaches the application (no hook exists for its answer): a 4xx with an empty body and the connection
/// closed — documented in the README, checked here so that it stays a 4xx.
/// </summary>
public sealed class RequetesMalFormeesTests(KestrelApp app) : IClassFixture<KestrelApp>
{
    private sealed record Reponse(int Status, string Entetes, string Corps)
    {
        public string? TypeContenu => Entetes.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))?[13..].Trim();
    }

    /// <summary>Sends the bytes as they are and reads until the server closes or the answer is complete.</summary>
    private async Task<Reponse> EnvoyerAsync(string requete)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", app.Port);
        var flux = tcp.GetStream();
        await flux.WriteAsync(Encoding.Latin1.GetBytes(requete));
        using var lecture = new MemoryStream();
        var tampon = new byte[8192];
        using var delai = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var lus = await flux.ReadAsync(tampon, delai.Token);
            if (lus == 0)
            {
                break;
            }

            lecture.Write(tampon, 0, lus);
            var texte = Encoding.UTF8.GetString(lecture.ToArray());
            var fin = texte.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (fin > 0)
            {
                var entetes = texte[..fin];
                var longueur = entetes.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                if (longueur is not null && texte.Length - fin - 4 >= int.Parse(longueur[15..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
                {
                    break;
                }
            }
        }

        var brut = Encoding.UTF8.GetString(lecture.ToArray());
        var separation = brut.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(separation > 0, $"no HTTP answer: « {brut} »");
        var tete = brut[..separation];
        return new Reponse(int.Parse(tete.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), tete, brut[(separation + 4)..]);
    }

    [Theory]
    [InlineData("GET /api/nulle-part HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n", 404)]
    [InlineData("DELETE /api/identite/etablissements HTTP/1.1\r\nHost: localhost\r\nAccept: application/xml\r\nConnection: close\r\n\r\n", 405)]
    [InlineData("POST /api/identite/etablissements/recherche HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nContent-Type: application/json\r\nContent-Length: 12\r\nConnection: close\r\n\r\n{pas du json", 400)]
    public async Task What_reaches_the_pipeline_is_a_problem_whatever_the_caller_accepts(string requete, int status)
    {
        var reponse = await EnvoyerAsync(requete);

        Assert.Equal(status, reponse.Status);
        Assert.Equal("application/problem+json", reponse.TypeContenu);
        Assert.Contains("urn:ent:probleme:", reponse.Corps, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET /api/identite/etablissements/a\0b HTTP/1.1\r\nHost: localhost\r\n\r\n")] // a NUL in the path
    [InlineData("GET /api/identite/etablissements HTTP/1.1\r\nHost: localhost\r\nMauvais en-tête sans deux-points\r\n\r\n")]
    [InlineData("GET /api/identite/etablissements HTTP/1.1\r\nHost: localhost\r\nX-Nul: a\0b\r\n\r\n")]
    public async Task What_kestrel_rejects_before_the_pipeline_is_a_400_with_an_empty_body(string requete)
    {
        var reponse = await EnvoyerAsync(requete);

        Assert.Equal(400, reponse.Status);
        Assert.Equal(string.Empty, reponse.Corps);
    }

    [Fact]
    public async Task An_over_long_request_line_is_rejected_by_kestrel_with_a_4xx_and_no_body()
    {
        var reponse = await EnvoyerAsync($"GET /api/identite/etablissements/{new string('a', 9 * 1024)} HTTP/1.1\r\nHost: localhost\r\n\r\n");

        Assert.InRange(reponse.Status, 400, 499);
        Assert.Equal(string.Empty, reponse.Corps);
    }

    [Fact]
    public async Task An_encoded_nul_in_the_path_is_never_a_server_error()
    {
        var reponse = await EnvoyerAsync("GET /api/identite/etablissements/a%00b HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.InRange(reponse.Status, 400, 499);
        if (reponse.Corps.Length > 0)
        {
            Assert.Equal("application/problem+json", reponse.TypeContenu);
        }
    }
}
