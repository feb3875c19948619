using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ent.Testing;

namespace Ent.Host.Tests;

/// <summary>
/// The built host as a real process, as a newcomer runs it: killed with SIGKILL it starts again on the same data;
/// started as a normal user it works as it does as root.
/// </summary>
public sealed class HostProcessTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(5) };

    private static string HostDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        return Path.Combine(Http.RepositoryRoot(), "host", "Ent.Host", "bin", configuration, "net10.0", "Ent.Host.dll");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Process StartHost(string folder, int port, Action<string?>? output = null, string? asUser = null,
        string? dll = null, params string[] extra)
    {
        string[] args = [dll ?? HostDll(), "--urls", $"http://127.0.0.1:{port}", "--Ent:Database:DataFolder", Path.Combine(folder, "pg"), .. extra];
        var psi = asUser is null
            ? new ProcessStartInfo("dotnet")
            : new ProcessStartInfo("runuser", ["-u", asUser, "--", "env", $"HOME={folder}", $"DOTNET_CLI_HOME={folder}", "dotnet"]);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.WorkingDirectory = folder;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => output?.Invoke(e.Data);
        process.ErrorDataReceived += (_, e) => output?.Invoke(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A copy of the host's binaries: the checkout may sit where another user cannot enter (/root).</summary>
    private static string CopyHost(string folder)
    {
        var from = Path.GetDirectoryName(HostDll())!;
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Path.Combine(folder, Path.GetFileName(HostDll()));
    }

    private static async Task<bool> ReadyAsync(int port, Process process)
    {
        for (var i = 0; i < 240 && !process.HasExited; i++)
        {
            try
            {
                var response = await Client.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        return false;
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }

        process.Dispose();
    }

    [Fact]
    public async Task Killed_with_sigkill_the_host_starts_again_on_the_same_data()
    {
        var folder = TestCluster.NewFolder("sigkill");
        var port = FreePort();
        var first = StartHost(folder, port);
        Assert.True(await ReadyAsync(port, first), "the host did not become ready");
        first.Kill(); // SIGKILL: no shutdown code runs
        await first.WaitForExitAsync();

        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var second = StartHost(folder, port, l => lines.Enqueue(l ?? string.Empty));
        try
        {
            Assert.True(await ReadyAsync(port, second), "the host did not start again after SIGKILL");
            var body = await Client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/identite/etablissements"));
            Assert.Contains("Lycée démo", body, StringComparison.Ordinal);
            // One line per request at the default level (Information).
            await Task.Delay(200);
            Assert.Contains(lines, l => l.Contains("HTTP GET /api/identite/etablissements → 200", StringComparison.Ordinal));
        }
        finally
        {
            await StopAsync(second);
            first.Dispose();
        }

        Assert.False(File.Exists(Path.Combine(folder, "pg", "pgdata", "postmaster.pid")), "SIGTERM should stop the embedded cluster too");
    }

    [Fact]
    public async Task The_host_starts_as_a_normal_user()
    {
        var folder = TestCluster.NewFolder("user");
        var asUser = Environment.UserName == "root" ? "nobody" : null; // as a normal user already: run as is
        string? dll = null;
        if (asUser is not null)
        {
            dll = CopyHost(Path.Combine(folder, "bin"));
            using var chown = Process.Start("chown", ["-R", $"{asUser}:", folder]);
            await chown.WaitForExitAsync();
        }

        var port = FreePort();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        // The Serilog section of the configuration also governs the request lines (the benchmarks run at Warning).
        var host = StartHost(folder, port, l => lines.Enqueue(l ?? string.Empty), asUser: asUser, dll: dll,
            "--Serilog:MinimumLevel:Default", "Warning");

        try
        {
            Assert.True(await ReadyAsync(port, host), "the host did not start as a normal user");
            var body = await Client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/api/identite/etablissements"));
            Assert.Contains("Lycée démo", body, StringComparison.Ordinal);

            // Kestrel's body limit, which the in-process test server does not enforce: a French 413 problem.
            using var big = new StringContent(new string('a', 2 << 20), System.Text.Encoding.UTF8, "application/json");
            var tooLarge = await Client.PostAsync(new Uri($"http://127.0.0.1:{port}/api/identite/etablissements/recherche"), big);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Contains("dépasse la taille autorisée", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await Task.Delay(200);
            Assert.DoesNotContain(lines, l => l.Contains("HTTP GET /api/identite/etablissements", StringComparison.Ordinal));
        }
        finally
        {
            await StopAsync(host);
        }
    }

    [Fact]
    public async Task Without_postgresql_binaries_the_host_stops_with_a_clear_message_and_exit_code_1()
    {
        var folder = TestCluster.NewFolder("nobin");
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var host = StartHost(folder, FreePort(), l => lines.Enqueue(l ?? string.Empty),
            extra: ["--Ent:Database:BinFolder", Path.Combine(folder, "vide")]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await host.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, host.ExitCode);
        var output = string.Join('\n', lines);
        Assert.Contains("Ent n'a pas pu démarrer", output, StringComparison.Ordinal);
        Assert.Contains("Ent:Database:BinFolder", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // a message, not a stack trace
    }
}
