using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ent.Testing;

namespace Ent.Host.Tests;

/// <summary>
/// The text log of the real host process (its console, as an operator reads it): a line break sent in a request
/// (%0A in a path or an OIDC parameter) is written escaped and never starts a forged line.
/// </summary>
public sealed class JournalTexteTests
{
    private const string Faux = "[12:00:00 ERR] Faux";

    private static string HostDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        return Path.Combine(Http.RepositoryRoot(), "host", "Ent.Host", "bin", configuration, "net10.0", "Ent.Host.dll");
    }

    [Fact]
    public async Task A_line_break_in_a_request_cannot_forge_a_log_line()
    {
        var connexion = await TestCluster.CreateDatabaseAsync("ent");
        var dossier = TestCluster.NewFolder("journal-texte");
        var port = ProxyApp.PortLibre();
        var lignes = new ConcurrentQueue<string>();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dossier,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[HostDll(), "--urls", $"http://127.0.0.1:{port}", "--ConnectionStrings:Ent", connexion,
                     "--Ent:Demo", "false", "--Ent:UrlPublique", $"http://127.0.0.1:{port}",
                     // OpenIddict writes the parameters it refuses at Information; Ent keeps it at Warning by default.
                     "--Serilog:MinimumLevel:Override:OpenIddict", "Information"])
        {
            psi.ArgumentList.Add(argument);
        }

        using var hote = Process.Start(psi)!;
        try
        {
            hote.OutputDataReceived += (_, e) => { if (e.Data is not null) { lignes.Enqueue(e.Data); } };
            hote.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lignes.Enqueue(e.Data); } };
            hote.BeginOutputReadLine();
            hote.BeginErrorReadLine();
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            var pret = DateTime.UtcNow.AddMinutes(4);
            while (!hote.HasExited && DateTime.UtcNow < pret)
            {
                try
                {
                    if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                    {
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(250);
            }

            Assert.True(!hote.HasExited && DateTime.UtcNow < pret,
                "L'hôte n'est pas prêt après 4 minutes (attente longue exprès : machine chargée) :\n" + string.Join('\n', lignes));
            var injection = Uri.EscapeDataString("\n" + Faux);
            await client.GetAsync($"/api/identite/rien{injection}%20chemin");
            await client.GetAsync("/connect/authorize?client_id=ent-spa&response_type=code&scope=openid" +
                                  "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256" +
                                  $"&redirect_uri=http%3A%2F%2Fevil.example%2F{injection}%20oidc");
            var attente = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < attente && lignes.Count(l => l.Contains("\\n" + Faux, StringComparison.Ordinal)) < 2)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            hote.Kill(entireProcessTree: true);
            await hote.WaitForExitAsync();
        }

        var journal = lignes.ToList();
        Assert.DoesNotContain(journal, l => l.StartsWith(Faux, StringComparison.Ordinal));
        // Both values were logged, escaped: the request line and OpenIddict's refusal.
        Assert.Contains(journal, l => l.Contains("\\n" + Faux + " chemin", StringComparison.Ordinal));
        Assert.Contains(journal, l => l.Contains("\\n" + Faux + " oidc", StringComparison.Ordinal));
    }
}
